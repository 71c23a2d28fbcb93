"""What Indonesian IKM make: product lines by KBLI 2020 (Category C) and regional specialities.

Pure data. Each ``ProductLine`` ties one 5-digit KBLI code to the products an SME in it
sells, the words its business name is built from and the related codes a firm in it often
also registers. ``SECTORS`` weights the lines the way the seeds describe the IKM population
(food & beverages, fashion and handicraft dominant; foundry and machine parts present).
``SPECIALITIES`` are the regencies famous for one trade (produk unggulan daerah), e.g. the
Ceper foundries of Klaten or the furniture of Jepara.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class ProductLine:
    kbli: str
    activity: str                      # "Produsen ..." sentence start for the description
    stems: tuple[str, ...]             # words a business name may carry ("Keripik", "Batik")
    products: tuple[tuple[str, str], ...]  # (product name, unit)
    related: tuple[str, ...] = ()      # further KBLI codes such firms often hold


@dataclass(frozen=True)
class Sector:
    key: str
    weight: float
    lines: tuple[ProductLine, ...]
    coop_kind: str = "Serba Usaha"     # "Koperasi Produsen …", "Koperasi Pengrajin …"


FOOD = Sector("food", 0.37, coop_kind="Produsen", lines=(
    ProductLine("10794", "Produsen keripik dan kerupuk", ("Keripik", "Kerupuk", "Camilan"), (
        ("keripik singkong balado", "kg"), ("keripik singkong original", "kg"),
        ("keripik tempe", "kg"), ("kerupuk udang", "kg"), ("rempeyek kacang", "bungkus"),
        ("keripik pisang", "kg"), ("kerupuk ikan", "kg"), ("keripik talas", "kg"))),
    ProductLine("10761", "Pengolah kopi", ("Kopi",), (
        ("kopi bubuk robusta", "kg"), ("kopi bubuk arabika", "kg"),
        ("biji kopi sangrai", "kg"), ("kopi bubuk kemasan 250 g", "bungkus"))),
    ProductLine("10772", "Produsen sambal dan bumbu", ("Sambal", "Bumbu", "Dapur"), (
        ("sambal kemasan botol", "botol"), ("sambal bawang", "botol"), ("bumbu pecel", "kg"),
        ("bumbu rendang instan", "bungkus"), ("sambal roa", "botol"))),
    ProductLine("10391", "Produsen tempe", ("Tempe",), (
        ("tempe kedelai", "kg"), ("tempe bungkus daun", "bungkus")), ("10794", "10392")),
    ProductLine("10392", "Produsen tahu", ("Tahu",), (
        ("tahu putih", "kg"), ("tahu kuning", "kg"), ("tahu bakso", "bungkus"))),
    ProductLine("10710", "Produsen roti dan kue", ("Roti", "Kue", "Bakery"), (
        ("roti manis", "buah"), ("bakpia", "kotak"), ("kue kering lebaran", "toples"),
        ("bolu kukus", "kotak"), ("snack box rapat", "kotak"))),
    ProductLine("10792", "Produsen kue basah", ("Kue",), (
        ("lemper ayam", "buah"), ("kue lapis", "loyang"), ("klepon", "kotak"))),
    ProductLine("10796", "Produsen dodol dan jenang", ("Dodol", "Jenang"), (
        ("dodol garut", "kg"), ("jenang kudus", "kg"), ("dodol rumput laut", "kg"))),
    ProductLine("10722", "Produsen gula merah", ("Gula Aren", "Gula Kelapa"), (
        ("gula aren cetak", "kg"), ("gula semut kelapa", "kg"))),
    ProductLine("10762", "Pengolah minuman herbal", ("Herbal", "Wedang"), (
        ("wedang uwuh", "bungkus"), ("jahe merah instan", "bungkus"),
        ("teh rosela kering", "bungkus"))),
    ProductLine("10219", "Pengolah ikan", ("Ikan", "Bandeng"), (
        ("bandeng presto", "kg"), ("abon ikan tuna", "kg"), ("ikan asin jambal", "kg")),
        ("10211",)),
    ProductLine("10211", "Pengolah ikan asin", ("Ikan Asin",), (
        ("ikan asin teri", "kg"), ("ikan asin kering kemasan", "kg"), ("cumi asin", "kg"))),
    ProductLine("10216", "Produsen olahan lumatan ikan", ("Pempek", "Otak-Otak"), (
        ("pempek kapal selam beku", "kg"), ("otak-otak ikan", "kg"), ("bakso ikan", "kg"))),
    ProductLine("10750", "Produsen masakan olahan kemasan", ("Rendang", "Dapur"), (
        ("rendang kemasan", "bungkus"), ("gudeg kaleng", "kaleng"),
        ("lauk siap saji beku", "bungkus"))),
    ProductLine("10130", "Pengolah daging", ("Abon", "Dendeng"), (
        ("abon sapi", "kg"), ("dendeng sapi", "kg"), ("sosis sapi", "kg"))),
    ProductLine("10802", "Produsen pakan ternak", ("Pakan",), (
        ("pakan konsentrat sapi", "kg"), ("pakan ayam petelur", "kg"))),
    ProductLine("10774", "Pengolah garam", ("Garam",), (
        ("garam konsumsi beryodium", "kg"), ("garam krosok cuci", "kg"))),
    ProductLine("11040", "Produsen minuman ringan", ("Minuman", "Sari"), (
        ("sari buah markisa", "botol"), ("minuman sari jahe", "botol"))),
))

FASHION = Sector("fashion", 0.25, coop_kind="Pengrajin", lines=(
    ProductLine("13134", "Pembatik", ("Batik", "Batik Tulis"), (
        ("kain batik tulis", "lembar"), ("kain batik cap", "lembar"),
        ("selendang batik", "lembar"), ("syal batik suvenir", "lembar")), ("14111",)),
    ProductLine("14111", "Konveksi pakaian jadi", ("Konveksi", "Garmen", "Busana"), (
        ("kemeja batik", "potong"), ("seragam kerja", "stel"), ("kaos polo", "potong"),
        ("wearpack coverall", "stel"), ("jas laboratorium", "potong")), ("14120",)),
    ProductLine("14120", "Penjahit seragam sesuai pesanan", ("Penjahit", "Busana"), (
        ("seragam dinas", "stel"), ("jas almamater", "potong"), ("seragam sekolah", "stel"))),
    ProductLine("14302", "Pengrajin bordir", ("Bordir", "Sulaman"), (
        ("kerudung bordir", "potong"), ("mukena bordir", "potong"),
        ("baju kurung sulam", "potong"))),
    ProductLine("13122", "Penenun kain ikat", ("Tenun", "Tenun Ikat"), (
        ("kain tenun ikat", "lembar"), ("sarung tenun", "lembar"), ("songket", "lembar"))),
    ProductLine("13121", "Penenun kain", ("Tenun",), (
        ("kain sarung ATBM", "lembar"), ("kain tenun polos", "meter"))),
    ProductLine("15121", "Pengrajin barang kulit", ("Kulit", "Tas"), (
        ("tas kulit", "buah"), ("dompet kulit", "buah"), ("ikat pinggang kulit", "buah"),
        ("jaket kulit", "potong"))),
    ProductLine("15201", "Produsen alas kaki", ("Sepatu", "Sandal"), (
        ("sepatu kulit pria", "pasang"), ("sandal kulit", "pasang"),
        ("sepatu pantofel", "pasang"))),
    ProductLine("15203", "Produsen sepatu keselamatan", ("Sepatu", "Safety"), (
        ("sepatu safety", "pasang"), ("sepatu boot lapangan", "pasang"))),
    ProductLine("13929", "Produsen barang jadi tekstil", ("Tas Kanvas", "Tekstil"), (
        ("tas kanvas (totebag)", "buah"), ("masker kain tiga lapis", "buah"),
        ("goodie bag kain", "buah"), ("terpal kanvas", "lembar"))),
    ProductLine("13926", "Produsen karung", ("Karung",), (
        ("karung plastik 50 kg", "lembar"), ("karung beras 25 kg", "lembar"))),
    ProductLine("14301", "Produsen rajutan", ("Rajut",), (
        ("sweater rajut", "potong"), ("topi rajut", "buah"))),
))

CRAFT = Sector("craft", 0.20, coop_kind="Pengrajin", lines=(
    ProductLine("31001", "Produsen mebel kayu", ("Mebel", "Jati", "Furniture"), (
        ("meja jati", "buah"), ("kursi jati", "buah"), ("lemari arsip kayu", "buah"),
        ("meja kantor kayu", "buah"), ("set kursi tamu jati", "set")), ("16293",)),
    ProductLine("31002", "Produsen mebel rotan", ("Rotan", "Mebel Rotan"), (
        ("kursi rotan", "buah"), ("sofa rotan sintetis", "set"), ("ayunan rotan", "buah"))),
    ProductLine("16291", "Pengrajin anyaman rotan dan bambu", ("Anyaman", "Bambu"), (
        ("keranjang bambu", "buah"), ("tas anyaman rotan", "buah"),
        ("kap lampu bambu", "buah"), ("keranjang brondolan", "buah"))),
    ProductLine("16292", "Pengrajin anyaman pandan dan mendong", ("Anyaman", "Pandan"), (
        ("tas anyaman pandan", "buah"), ("tikar mendong", "lembar"),
        ("topi pandan", "buah"))),
    ProductLine("16293", "Pengrajin ukiran kayu", ("Ukir", "Ukiran"), (
        ("patung kayu ukir", "buah"), ("hiasan dinding ukir", "buah"),
        ("kotak perhiasan ukir", "buah"))),
    ProductLine("16294", "Pengrajin alat dapur kayu", ("Kayu",), (
        ("talenan kayu", "buah"), ("sendok kayu", "lusin"), ("cobek kayu", "buah"))),
    ProductLine("16230", "Produsen wadah kayu", ("Palet",), (
        ("palet kayu", "buah"), ("peti kemas kayu", "buah"))),
    ProductLine("23932", "Pengrajin gerabah", ("Gerabah", "Keramik"), (
        ("gerabah hias", "buah"), ("vas tanah liat", "buah"), ("pot tanah liat", "buah"))),
    ProductLine("32112", "Pengrajin perak", ("Perak",), (
        ("cincin perak", "buah"), ("bros perak filigri", "buah"), ("kalung perak", "buah"))),
    ProductLine("32120", "Pengrajin perhiasan imitasi", ("Manik", "Aksesori"), (
        ("kalung manik-manik", "buah"), ("gelang etnik", "buah"))),
    ProductLine("32201", "Pengrajin alat musik tradisional", ("Angklung", "Gamelan"), (
        ("angklung", "set"), ("kendang", "buah"), ("gamelan perunggu", "set"))),
    ProductLine("32903", "Pengrajin suvenir", ("Kerajinan", "Suvenir"), (
        ("suvenir kerajinan kerang", "buah"), ("miniatur kayu", "buah"),
        ("gantungan kunci etnik", "lusin"))),
))

METAL = Sector("metal", 0.11, coop_kind="Serba Usaha", lines=(
    ProductLine("24310", "Pengecoran besi dan baja", ("Logam", "Cor", "Baja"), (
        ("blok rem besi cor", "buah"), ("tutup manhole besi cor", "buah"),
        ("komponen pompa besi cor", "buah"), ("pemberat besi cor", "buah"),
        ("klem besi cor tiang listrik", "buah")), ("24320",)),
    ProductLine("24320", "Pengecoran logam bukan besi", ("Logam", "Kuningan"), (
        ("bushing kuningan", "buah"), ("komponen aluminium cor", "buah"),
        ("sleeve bearing perunggu", "buah"))),
    ProductLine("25920", "Bengkel bubut dan pengerjaan logam", ("Teknik", "Presisi"), (
        ("bubut CNC poros", "buah"), ("komponen presisi", "buah"),
        ("fabrikasi flange", "buah"), ("bushing baja", "buah")), ("33121", "28140")),
    ProductLine("25952", "Produsen baut, mur dan paku", ("Baut", "Logam"), (
        ("baut dan mur", "set"), ("baut galvanis M16", "set"), ("paku beton", "kg"))),
    ProductLine("25931", "Pandai besi alat pertanian", ("Pandai Besi", "Alat Tani"), (
        ("cangkul", "buah"), ("sabit", "buah"), ("dodos sawit", "buah"), ("egrek", "buah"),
        ("pisau sadap", "buah"))),
    ProductLine("25999", "Produsen barang logam", ("Logam", "Teknik"), (
        ("klem kabel", "buah"), ("bracket besi", "buah"), ("pegas ulir", "buah"),
        ("rambu peringatan", "buah"))),
    ProductLine("25111", "Bengkel las konstruksi", ("Las", "Teknik"), (
        ("pagar besi", "meter"), ("kanopi baja ringan", "meter"), ("teralis", "meter"))),
    ProductLine("28140", "Produsen roda gigi dan elemen mesin", ("Teknik", "Gear"), (
        ("roda gigi", "buah"), ("sprocket", "buah"), ("kopling", "buah"))),
    ProductLine("28210", "Produsen mesin pertanian", ("Alsintan", "Teknik"), (
        ("mesin perontok padi", "unit"), ("alat tanam jajar legowo", "unit"),
        ("mesin pencacah rumput", "unit"))),
    ProductLine("28250", "Produsen mesin pengolah pangan", ("Mesin", "Teknik"), (
        ("mesin pemarut kelapa", "unit"), ("mesin penggiling kopi", "unit"),
        ("mesin spinner peniris", "unit"))),
    ProductLine("33121", "Bengkel reparasi mesin", ("Teknik", "Mesin"), (
        ("rekondisi gearbox", "unit"), ("perbaikan pompa", "unit"),
        ("rekondisi roller conveyor", "unit")), ("25920",)),
    ProductLine("33122", "Bengkel reparasi mesin industri", ("Teknik", "Mesin"), (
        ("rekondisi rol gilingan tebu", "unit"), ("perbaikan screw press", "unit"))),
    ProductLine("29300", "Produsen suku cadang kendaraan", ("Knalpot", "Otomotif"), (
        ("knalpot", "buah"), ("kampas rem", "set"), ("per daun", "set"))),
    ProductLine("30200", "Produsen komponen kereta", ("Teknik", "Rel"), (
        ("suku cadang bogie", "set"), ("dudukan pegas bogie", "buah"),
        ("rangka kursi penumpang", "buah")), ("25920",)),
))

OTHER = Sector("other", 0.07, lines=(
    ProductLine("22220", "Produsen kemasan plastik", ("Plastik", "Kemasan"), (
        ("kantong plastik kemasan", "lembar"), ("kemasan plastik laminasi", "lembar"),
        ("botol plastik", "buah"))),
    ProductLine("22299", "Produsen barang plastik", ("Plastik",), (
        ("keranjang plastik ikan", "buah"), ("cool box styrofoam", "buah"))),
    ProductLine("22293", "Produsen barang teknik dari plastik", ("Plastik", "Teknik"), (
        ("kotak ODP plastik", "buah"), ("kotak terminal kabel", "buah"))),
    ProductLine("22192", "Produsen barang karet teknik", ("Karet",), (
        ("blok rem komposit", "buah"), ("seal karet pintu", "meter"),
        ("gasket karet", "buah"))),
    ProductLine("17022", "Produsen kemasan karton", ("Kemasan", "Karton"), (
        ("kotak karton kemasan", "lembar"), ("dus makanan", "lembar"))),
    ProductLine("18111", "Percetakan", ("Percetakan", "Grafika"), (
        ("kalender meja", "buah"), ("buku agenda", "buah"), ("pembatas buku", "lusin"))),
    ProductLine("20231", "Produsen sabun", ("Sabun",), (
        ("sabun cuci tangan herbal", "botol"), ("sabun batang sereh", "buah"))),
    ProductLine("21022", "Produsen jamu", ("Jamu", "Herbal"), (
        ("jamu serbuk instan", "kg"), ("jamu cair kemasan", "botol"),
        ("minyak urut", "botol"))),
    ProductLine("20294", "Penyuling minyak atsiri", ("Atsiri", "Minyak"), (
        ("minyak kayu putih", "liter"), ("minyak nilam", "liter"),
        ("minyak serai wangi", "liter"))),
    ProductLine("27330", "Produsen perlengkapan kabel", ("Elektrik", "Teknik"), (
        ("konektor kabel", "buah"), ("line tap connector", "buah"))),
    ProductLine("27120", "Perakit panel listrik", ("Elektrik", "Panel"), (
        ("panel box meter", "buah"), ("panel distribusi", "unit"))),
    ProductLine("27320", "Perakit kabel", ("Kabel", "Elektrik"), (
        ("kabel harness", "set"), ("kabel kontrol", "meter"))),
    ProductLine("27404", "Perakit lampu LED", ("LED", "Elektrik"), (
        ("lampu jalan LED", "buah"), ("lampu sorot LED", "buah"))),
    ProductLine("32904", "Produsen alat pelindung diri", ("Safety", "APD"), (
        ("sarung tangan kerja", "pasang"), ("rompi reflektif", "buah"))),
    ProductLine("15122", "Pengrajin barang kulit teknik", ("Kulit",), (
        ("sarung tangan kulit tahan panas", "pasang"), ("apron kulit las", "buah"))),
    ProductLine("13942", "Produsen barang dari tali", ("Jaring", "Tali"), (
        ("jaring ikan nilon", "buah"), ("tali tambang", "meter"))),
))

SECTORS: tuple[Sector, ...] = (FOOD, FASHION, CRAFT, METAL, OTHER)
LINES: dict[str, ProductLine] = {line.kbli: line for s in SECTORS for line in s.lines}
SECTOR_OF: dict[str, Sector] = {line.kbli: s for s in SECTORS for line in s.lines}

# Regencies known for one trade; an SME there usually (not always) works in it.
SPECIALITIES: dict[str, tuple[str, ...]] = {
    "33.10": ("24310", "25920"),            # Klaten: Ceper foundries
    "33.28": ("24310", "25920", "29300"),   # Kabupaten Tegal: metal workshops
    "33.76": ("25920",),                    # Kota Tegal
    "33.03": ("29300",),                    # Purbalingga: knalpot
    "35.14": ("25920", "25999"),            # Pasuruan
    "36.72": ("25920", "33121"),            # Cilegon: around Krakatau Steel
    "33.20": ("31001", "16293"),            # Jepara: furniture and carving
    "33.26": ("13134", "14111"),            # Kabupaten Pekalongan: batik
    "33.75": ("13134", "14111"),            # Kota Pekalongan
    "33.72": ("13134", "14111"),            # Surakarta
    "33.11": ("21022", "13134"),            # Sukoharjo: Nguter jamu
    "33.19": ("10796", "14302"),            # Kudus: jenang, bordir
    "34.02": ("23932", "15121"),            # Bantul: Kasongan, Manding
    "34.71": ("32112", "13134"),            # Yogyakarta: Kotagede silver
    "32.05": ("15121", "10796"),            # Garut: leather, dodol
    "32.06": ("14302", "16292"),            # Kabupaten Tasikmalaya: bordir, mendong
    "32.78": ("14302", "16292"),            # Kota Tasikmalaya
    "32.73": ("15201", "14111", "32201"),   # Kota Bandung: Cibaduyut, garments, angklung
    "32.04": ("13121", "14111"),            # Kabupaten Bandung: Majalaya weaving
    "32.09": ("31002", "13134"),            # Kabupaten Cirebon: rattan, Trusmi batik
    "32.14": ("23932",),                    # Purwakarta: Plered ceramics
    "35.15": ("15121", "10794"),            # Sidoarjo: Tanggulangin bags, kerupuk
    "35.73": ("10794", "10391"),            # Kota Malang: Sanan tempe chips
    "35.79": ("10794", "11040"),            # Kota Batu
    "35.29": ("10774",),                    # Sumenep: salt
    "35.28": ("10774",),                    # Pamekasan: salt
    "51.04": ("16293", "32112"),            # Gianyar: carving, Celuk silver
    "51.71": ("14111", "32120"),            # Denpasar
    "52.01": ("23932", "16291"),            # Lombok Barat: Banyumulek pottery
    "52.03": ("16291", "13122"),            # Lombok Timur
    "53.07": ("13122",),                    # Sikka: ikat
    "53.11": ("13122",),                    # Sumba Timur: ikat
    "11.04": ("10761",),                    # Aceh Tengah: Gayo coffee
    "73.18": ("10761",),                    # Tana Toraja: coffee
    "73.26": ("10761",),                    # Toraja Utara
    "16.71": ("10216", "13122"),            # Palembang: pempek, songket
    "13.71": ("10750", "14302"),            # Padang: rendang, sulaman
    "81.04": ("20294",),                    # Buru: kayu putih oil
    "35.24": ("10219",),                    # Lamongan: fish
    "71.72": ("10219", "10211"),            # Bitung: fish
}
