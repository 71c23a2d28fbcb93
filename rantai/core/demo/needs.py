"""What the demo buyers procure: need templates per buyer and the scripted needs.

Pure data. A ``NeedTemplate`` gives a title, its KBLI codes (the first one is what
suppliers must hold), a unit, a quantity range and a unit-price range in rupiah.
``SCRIPTED`` are the needs the demo story relies on — the two MoU pairs and PT INKA's
spare-part needs that are open now — with their timing in days relative to the day the
demo is seeded.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class NeedTemplate:
    title: str
    kbli: tuple[str, ...]
    unit: str
    quantity: tuple[int, int]
    price: tuple[int, int]      # unit price range, rupiah
    spec: str = ""              # a line of technical description


def T(title, kbli, unit, quantity, price, spec=""):  # noqa: N802 - reads as a table row
    return NeedTemplate(title, tuple(kbli.split()), unit, quantity, price, spec)


TEMPLATES: dict[str, tuple[NeedTemplate, ...]] = {
    "inka": (
        T("Blok rem besi cor untuk kereta barang", "24310", "buah", (3000, 9000),
          (180_000, 320_000), "Besi cor kelabu FC250 sesuai gambar kerja INKA, uji kekerasan."),
        T("Blok rem komposit untuk kereta", "22192", "buah", (2000, 6000), (350_000, 600_000),
          "Komposit non-asbes, koefisien gesek sesuai standar perkeretaapian."),
        T("Suku cadang bogie (dudukan pegas dan bantalan)", "30200 25920", "set", (60, 240),
          (2_500_000, 7_500_000), "Dikerjakan dari baja S45C, toleransi ±0,05 mm."),
        T("Komponen mesin bubut CNC (poros dan bushing presisi)", "25920", "buah",
          (500, 2500), (150_000, 600_000), "Gambar teknik dan sertifikat material terlampir."),
        T("Baut dan mur kelas 8.8 untuk rangka gerbong", "25952", "set", (10000, 40000),
          (4_000, 12_000), "Galvanis celup panas, sertifikat uji tarik per lot."),
        T("Bushing kuningan untuk sambungan bogie", "24320", "buah", (1000, 4000),
          (60_000, 180_000), "Kuningan CuZn39Pb3, bubut akhir sesuai gambar."),
        T("Seal karet pintu gerbong penumpang", "22192", "meter", (2000, 8000),
          (45_000, 110_000), "EPDM tahan cuaca, profil sesuai contoh."),
        T("Kabel harness panel kendali gerbong", "27320", "set", (100, 400),
          (1_500_000, 4_000_000), "Kabel NYAF, terminal dan label sesuai skema."),
        T("Rangka kursi penumpang kereta", "30200", "buah", (200, 800), (900_000, 2_200_000),
          "Pipa baja dilas dan dicat serbuk."),
    ),
    "pln": (
        T("Klem besi cor untuk tiang jaringan distribusi 20 kV", "24310", "buah",
          (2000, 6000), (45_000, 90_000), "Sesuai SPLN, galvanis celup panas."),
        T("Konektor kabel (line tap connector)", "27330", "buah", (3000, 10000),
          (25_000, 60_000)),
        T("Baut galvanis M16 untuk travers", "25952", "set", (5000, 20000), (6_000, 15_000)),
        T("Seragam kerja petugas pelayanan teknik", "14111", "stel", (300, 1500),
          (250_000, 450_000), "Bahan drill, logo bordir."),
        T("Sepatu keselamatan kerja", "15203", "pasang", (200, 1000), (350_000, 650_000),
          "Ujung baja, sol tahan listrik."),
        T("Panel box meter listrik", "27120", "buah", (500, 3000), (150_000, 400_000)),
        T("Lampu penerangan jalan LED 60 W", "27404", "buah", (200, 800),
          (900_000, 1_800_000)),
    ),
    "pln.jatim": (
        T("Klem besi cor untuk tiang jaringan distribusi 20 kV", "24310", "buah",
          (1000, 4000), (45_000, 90_000), "Sesuai SPLN, galvanis celup panas."),
        T("Rambu peringatan bahaya listrik", "25999", "buah", (1000, 5000), (35_000, 80_000)),
        T("Seragam kerja petugas pelayanan teknik", "14111", "stel", (200, 800),
          (250_000, 450_000), "Bahan drill, logo bordir."),
    ),
    "krakatausteel": (
        T("Pembuatan roda gigi pengganti gearbox mill", "28140 25920", "buah", (10, 60),
          (5_000_000, 20_000_000), "Baja SCM440, dikeraskan, uji kekerasan."),
        T("Sleeve bearing perunggu untuk roller table", "24320", "buah", (100, 500),
          (300_000, 1_200_000)),
        T("Sarung tangan kulit tahan panas", "15122", "pasang", (2000, 8000),
          (45_000, 90_000)),
        T("Wearpack tahan api untuk operator", "14111", "stel", (300, 1200),
          (450_000, 900_000)),
        T("Perbaikan pompa air pendingin", "33121", "unit", (5, 20), (15_000_000, 45_000_000)),
    ),
    "perhutani": (
        T("Alat sadap getah pinus (pisau sadap dan talang)", "25931", "set", (5000, 20000),
          (15_000, 40_000)),
        T("Seragam mandor dan polisi hutan", "14120", "stel", (300, 1000), (300_000, 500_000)),
        T("Meja dan kursi kantor dari kayu jati", "31001", "set", (20, 100),
          (3_500_000, 9_000_000), "Kayu jati bersertifikat legalitas (SVLK)."),
    ),
    "bulog": (
        T("Karung plastik beras 50 kg berlogo Bulog", "13926", "lembar", (50000, 200000),
          (2_800, 4_500)),
        T("Kemasan plastik beras 5 kg", "22220", "lembar", (100000, 300000), (900, 1_800)),
        T("Palet kayu untuk gudang", "16230", "buah", (500, 2000), (120_000, 250_000)),
        T("Terpal penutup tumpukan beras", "13929", "lembar", (100, 500),
          (800_000, 2_000_000)),
    ),
    "kimiafarma": (
        T("Jamu serbuk instan untuk produk herbal", "21022", "kg", (500, 3000),
          (80_000, 180_000), "CPOTB, sertifikat analisis per lot."),
        T("Kotak karton kemasan obat", "17022", "lembar", (50000, 200000), (600, 1_500)),
        T("Minyak kayu putih curah", "20294", "liter", (500, 3000), (150_000, 300_000)),
        T("Sabun cuci tangan herbal", "20231", "botol", (5000, 20000), (12_000, 25_000)),
    ),
    "pertamina": (
        T("Coverall tahan api untuk pekerja kilang", "14111", "stel", (500, 2000),
          (500_000, 1_100_000)),
        T("Suvenir batik untuk tamu perusahaan", "13134", "lembar", (500, 2000),
          (150_000, 400_000)),
        T("Kotak makanan ringan rapat (snack box)", "10710", "kotak", (2000, 8000),
          (15_000, 30_000)),
        T("Fabrikasi flange dan fitting baja", "25920", "buah", (200, 800),
          (400_000, 1_500_000)),
    ),
    "rni": (
        T("Karung plastik gula 50 kg", "13926", "lembar", (50000, 150000), (3_000, 4_500)),
        T("Rekondisi rol gilingan tebu", "33122", "unit", (4, 12), (40_000_000, 90_000_000)),
    ),
    "ppi": (
        T("Kopi bubuk robusta kemasan 250 g", "10761", "bungkus", (5000, 20000),
          (25_000, 45_000)),
        T("Gula aren cetak", "10722", "kg", (2000, 10000), (25_000, 40_000)),
        T("Keripik singkong kemasan", "10794", "kg", (2000, 8000), (40_000, 70_000)),
    ),
    "berdikari": (
        T("Pakan konsentrat sapi", "10802", "kg", (20000, 80000), (4_000, 7_000)),
        T("Abon dan dendeng sapi kemasan", "10130", "kg", (500, 2000), (180_000, 300_000)),
    ),
    "garam": (
        T("Karung plastik garam 50 kg", "13926", "lembar", (30000, 100000), (2_800, 4_200)),
        T("Kemasan plastik garam beryodium 250 g", "22220", "lembar", (100000, 300000),
          (300, 700)),
        T("Garam krosok cuci", "10774", "kg", (50000, 200000), (1_500, 3_000)),
    ),
    "perinus": (
        T("Ikan asin kering kemasan", "10211", "kg", (2000, 8000), (40_000, 90_000)),
        T("Keranjang plastik ikan", "22299", "buah", (1000, 5000), (45_000, 90_000)),
        T("Jaring ikan nilon", "13942", "buah", (200, 800), (350_000, 900_000)),
    ),
    "shs": (
        T("Kemasan benih padi 5 kg (plastik laminasi)", "22220", "lembar", (50000, 150000),
          (1_200, 2_500)),
        T("Mesin perontok padi (power thresher)", "28210", "unit", (20, 100),
          (12_000_000, 25_000_000)),
    ),
    "biofarma": (
        T("Cool box untuk distribusi vaksin", "22299", "buah", (2000, 10000),
          (60_000, 150_000)),
        T("Kotak karton kemasan vial", "17022", "lembar", (50000, 150000), (700, 1_600)),
        T("Jas laboratorium", "14111", "potong", (500, 2000), (120_000, 250_000)),
    ),
    "ptpn3": (
        T("Dodos dan egrek panen kelapa sawit", "25931", "buah", (3000, 10000),
          (60_000, 150_000)),
        T("Perbaikan screw press pabrik kelapa sawit", "33122", "unit", (6, 20),
          (15_000_000, 40_000_000)),
        T("Keranjang brondolan sawit", "16291", "buah", (2000, 6000), (25_000, 60_000)),
    ),
    "pindad": (
        T("Komponen permesinan presisi (CNC)", "25920", "buah", (300, 1500),
          (250_000, 900_000)),
        T("Coran besi nodular untuk komponen kendaraan", "24310", "buah", (500, 2000),
          (350_000, 800_000)),
        T("Baut kekuatan tinggi kelas 10.9", "25952", "set", (5000, 20000), (8_000, 20_000)),
    ),
    "telkom": (
        T("Merchandise batik untuk pelanggan korporat", "13134", "lembar", (500, 2000),
          (150_000, 350_000)),
        T("Kotak ODP (optical distribution point)", "22293", "buah", (2000, 8000),
          (150_000, 350_000)),
        T("Klem kabel drop (S-clamp)", "25999", "buah", (20000, 80000), (2_000, 6_000)),
    ),
    "lulu": (
        T("Keripik tempe dan camilan khas daerah", "10794", "kg", (500, 3000),
          (55_000, 95_000)),
        T("Kopi bubuk kemasan label sendiri", "10761", "bungkus", (3000, 12000),
          (30_000, 55_000)),
        T("Sambal kemasan botol", "10772", "botol", (5000, 20000), (15_000, 30_000)),
        T("Tas anyaman pandan", "16292", "buah", (500, 2000), (60_000, 150_000)),
        T("Kemeja batik pria", "14111", "potong", (1000, 3000), (120_000, 250_000)),
    ),
    "gramedia": (
        T("Tas kanvas (totebag) bersablon", "13929", "buah", (3000, 10000), (25_000, 55_000)),
        T("Kerajinan kayu dan suvenir hadiah", "16293", "buah", (1000, 4000),
          (40_000, 120_000)),
        T("Kalender meja dan pembatas buku", "18111", "buah", (5000, 20000),
          (8_000, 20_000)),
    ),
}

# How many needs each buyer posted over the replayed year (besides the scripted ones).
NEED_COUNTS: dict[str, int] = {
    "inka": 14, "pln": 9, "pln.jatim": 5, "krakatausteel": 6, "pertamina": 5, "pindad": 5,
    "telkom": 4, "lulu": 5, "gramedia": 3, "perhutani": 3, "bulog": 4, "kimiafarma": 4,
    "rni": 3, "ppi": 3, "berdikari": 2, "garam": 3, "perinus": 3, "shs": 2, "biofarma": 3,
    "ptpn3": 3,
}


@dataclass(frozen=True)
class ScriptedNeed:
    """A need the demo story depends on. Days are relative to the seeding day (negative =
    past). ``winner`` wins it; ``quoters`` quote (featured SMEs by key, or ``"*"`` for
    generated suppliers); None for ``award_day`` leaves it unawarded."""

    key: str
    buyer: str
    title: str
    kbli: tuple[str, ...]
    unit: str
    quantity: int
    unit_price: int
    created_day: int
    deadline_day: int
    spec: str = ""
    invited: tuple[str, ...] = ()
    quoters: tuple[str, ...] = ()
    winner: str = ""
    award_day: int | None = None
    reason: str = ""
    bast_day: int | None = None
    paid_day: int | None = None
    rating: tuple[int, int, int, str] | None = None
    is_open: bool = False
    publish: bool = True


MOU_REASON = ("Kemitraan rantai pasok BUMN (nota kesepahaman 3 September 2021); harga wajar, "
              "uji mutu lulus.")

SCRIPTED: tuple[ScriptedNeed, ...] = (
    # MoU pair 1: CV Baja Kurnia → PT PLN; paid 45 days after BAST (the reported figure).
    ScriptedNeed(
        key="mou-pln-1", buyer="pln", kbli=("24310",), unit="buah", quantity=4000,
        unit_price=68_000, created_day=-330, deadline_day=-319,
        title="Klem besi cor untuk tiang jaringan distribusi 20 kV (program kemitraan)",
        spec="Sesuai SPLN, galvanis celup panas; contoh uji diserahkan sebelum produksi.",
        invited=("baja.kurnia", "*", "*"), quoters=("baja.kurnia", "*"), winner="baja.kurnia",
        award_day=-316, reason=MOU_REASON, bast_day=-268, paid_day=-223,
        rating=(5, 4, 5, "Mutu coran baik dan lulus uji tarik. Tahap kedua terlambat tiga "
                         "hari; mohon jadwal produksi dikirim tiap minggu.")),
    # The same pair again: delivered, still unpaid long after BAST.
    ScriptedNeed(
        key="mou-pln-2", buyer="pln", kbli=("24310",), unit="buah", quantity=1500,
        unit_price=185_000, created_day=-135, deadline_day=-124,
        title="Pemberat besi cor (counterweight) untuk kabel jaringan",
        invited=("baja.kurnia", "*", "*"), quoters=("baja.kurnia", "*"), winner="baja.kurnia",
        award_day=-121, reason="Harga terendah dan mutu terbukti pada kontrak sebelumnya.",
        bast_day=-72, rating=(5, 5, 4, "Tepat waktu dan sesuai gambar.")),
    # MoU pair 2: CV Byakta Prakasa → PT Krakatau Steel.
    ScriptedNeed(
        key="mou-ks-1", buyer="krakatausteel", kbli=("33121", "25920"), unit="unit",
        quantity=40, unit_price=18_500_000, created_day=-290, deadline_day=-279,
        title="Rekondisi roller conveyor hot strip mill (program kemitraan)",
        spec="Pembubutan ulang, ganti bearing dan seal, balancing dinamis.",
        invited=("byakta.prakasa", "*", "*"), quoters=("byakta.prakasa", "*"),
        winner="byakta.prakasa", award_day=-276, reason=MOU_REASON, bast_day=-221,
        paid_day=-176,
        rating=(4, 5, 5, "Rekondisi rapi, runout di bawah toleransi. Perlu laporan uji "
                         "balancing tertulis untuk tiap roller.")),
    ScriptedNeed(
        key="mou-ks-2", buyer="krakatausteel", kbli=("28140", "25920"), unit="buah",
        quantity=24, unit_price=14_200_000, created_day=-160, deadline_day=-150,
        title="Roda gigi pengganti gearbox coiler",
        invited=("byakta.prakasa", "*"), quoters=("byakta.prakasa", "*"),
        winner="byakta.prakasa", award_day=-147, reason="Waktu pengerjaan tercepat, TKDN tinggi.",
        bast_day=-101, paid_day=-46, rating=(5, 4, 5, "Presisi baik.")),
    # PT Lulu buys keripik tempe from the Malang cooperative.
    ScriptedNeed(
        key="lulu-tempe", buyer="lulu", kbli=("10794",), unit="kg", quantity=1200,
        unit_price=72_000, created_day=-200, deadline_day=-190,
        title="Keripik tempe khas Malang untuk rak produk UMKM",
        invited=("tempe.makmur", "*", "*"), quoters=("tempe.makmur", "*"), winner="tempe.makmur",
        award_day=-188, reason="Rasa paling disukai pada uji panel; halal dan PIRT lengkap.",
        bast_day=-170, paid_day=-150, rating=(5, 5, 5, "Laris di gerai Cakung.")),
    # PT INKA today: open needs a visitor can quote on, and one waiting for the award.
    ScriptedNeed(
        key="inka-open-blok", buyer="inka", kbli=("24310",), unit="buah", quantity=6000,
        unit_price=240_000, created_day=-3, deadline_day=10,
        title="Blok rem besi cor untuk kereta barang (pengadaan tahap II)",
        spec="Besi cor kelabu FC250 sesuai gambar kerja INKA, uji kekerasan dan uji gesek.",
        invited=("baja.kurnia", "*", "*", "*"), quoters=("*", "*")),
    ScriptedNeed(
        key="inka-open-bogie", buyer="inka", kbli=("30200", "25920"), unit="set", quantity=180,
        unit_price=5_600_000, created_day=-5, deadline_day=14, is_open=True,
        title="Suku cadang bogie kereta penumpang",
        spec="Dudukan pegas, pelat penahan dan pin; baja S45C, toleransi ±0,05 mm.",
        invited=("byakta.prakasa", "*", "*"), quoters=("*",)),
    ScriptedNeed(
        key="inka-open-cnc", buyer="inka", kbli=("25920",), unit="buah", quantity=1500,
        unit_price=320_000, created_day=-2, deadline_day=7, is_open=True,
        title="Komponen mesin bubut CNC untuk bengkel perawatan sarana",
        spec="Poros, bushing dan flens presisi sesuai 12 gambar kerja terlampir."),
    ScriptedNeed(
        key="inka-open-komposit", buyer="inka", kbli=("22192",), unit="buah", quantity=4000,
        unit_price=450_000, created_day=-6, deadline_day=12, is_open=True,
        title="Blok rem komposit untuk kereta",
        spec="Komposit non-asbes, koefisien gesek sesuai standar perkeretaapian.",
        invited=("*", "*"), quoters=("*", "*")),
    ScriptedNeed(
        key="inka-awaiting", buyer="inka", kbli=("24320",), unit="buah", quantity=2400,
        unit_price=115_000, created_day=-18, deadline_day=-2,
        title="Bushing kuningan untuk sambungan bogie",
        spec="Kuningan CuZn39Pb3, bubut akhir sesuai gambar.",
        invited=("baja.kurnia", "*", "*", "*"), quoters=("baja.kurnia", "*", "*")),
    ScriptedNeed(
        key="inka-draft", buyer="inka", kbli=("25920", "24310"), unit="set", quantity=40,
        unit_price=9_500_000, created_day=-1, deadline_day=21, publish=False,
        title="Pelat lantai dan rangka dudukan genset kereta (draf)"),
    # Open needs for the other demo logins.
    ScriptedNeed(
        key="lulu-open", buyer="lulu", kbli=("10794",), unit="kg", quantity=2000,
        unit_price=68_000, created_day=-4, deadline_day=9, is_open=True,
        title="Keripik tempe dan camilan khas daerah untuk gerai baru",
        invited=("tempe.makmur", "*"), quoters=("*",)),
    ScriptedNeed(
        key="pln-open", buyer="pln", kbli=("14111",), unit="stel", quantity=900,
        unit_price=380_000, created_day=-3, deadline_day=11, is_open=True,
        title="Seragam kerja petugas pelayanan teknik (kontrak tahunan)",
        spec="Bahan drill, logo bordir.",
        invited=("batik.tulis.lestari", "*", "*"), quoters=("*", "*")),
    ScriptedNeed(
        key="bulog-open", buyer="bulog", kbli=("13926",), unit="lembar", quantity=150000,
        unit_price=3_600, created_day=-5, deadline_day=8,
        title="Karung plastik beras 50 kg berlogo Bulog (gudang Jawa Timur)",
        invited=("sumber.rejeki", "*", "*"), quoters=("*",)),
)
