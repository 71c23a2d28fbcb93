"""The named organisations of the demo: buyers, agencies, the forum organiser, the platform
administrator and the featured SMEs of the MoU of 3 September 2021.

Pure data. Buyers are the 17 BUMN and 2 large businesses of the partnership forum of
24 November 2022 plus PT Telkom (MoU pilot) and one PLN unit to show the holding tree.
Emails are readable on purpose: a presenter types them from the ``demo_logins`` table.
"""
from dataclasses import dataclass

from rantai.accounts.choices import BumnCluster, BuyerKind, OrgKind, Role

DOMAIN = "demo.rantai.id"


@dataclass(frozen=True)
class OrgSpec:
    """An organisation with one signed-up user. ``regencies`` are where its needs are
    delivered (the first is its head office); ``province`` scopes an agency officer."""

    key: str
    name: str
    kind: str
    email: str
    full_name: str
    buyer_kind: str = ""
    cluster: str = ""
    parent: str = ""
    regencies: tuple[str, ...] = ()
    role: str = Role.OWNER
    province: str = ""
    approved: bool = True


def _bumn(key, name, cluster, regencies, full_name, **extra) -> OrgSpec:
    return OrgSpec(key=key, name=name, kind=OrgKind.BUYER, email=f"{key}@{DOMAIN}",
                   full_name=full_name, buyer_kind=BuyerKind.BUMN, cluster=cluster,
                   regencies=regencies, **extra)


C = BumnCluster
BUYERS: tuple[OrgSpec, ...] = (
    _bumn("perhutani", "Perum Perhutani", C.PLANTATION, ("31.71", "33.74", "35.78"),
          "Hendra Kurniawan"),
    _bumn("bulog", "Perum Bulog", C.FOOD, ("31.74", "35.78", "33.74", "73.71", "12.71"),
          "Ratna Siregar"),
    # INKA's officer is a manager, not the owner: the role that decides awards day to day.
    _bumn("inka", "PT INKA (Persero)", C.MANUFACTURING, ("35.77",), "Rina Wulandari",
          role=Role.MANAGER),
    _bumn("kimiafarma", "PT Kimia Farma Tbk", C.HEALTH, ("31.71", "32.73", "33.74"),
          "Dewi Handayani"),
    _bumn("krakatausteel", "PT Krakatau Steel (Persero) Tbk", C.MINERALS, ("36.72",),
          "Agus Setiawan"),
    _bumn("pertamina", "PT Pertamina (Persero)", C.ENERGY, ("31.71", "33.01", "64.71", "31.72"),
          "Fajar Nugroho"),
    _bumn("pln", "PT PLN (Persero)", C.ENERGY, ("31.74", "33.74", "32.73", "73.71"),
          "Bambang Sulistyo"),
    _bumn("rni", "PT Rajawali Nusantara Indonesia (Persero)", C.FOOD, ("31.75", "32.09"),
          "Yuni Rahayu"),
    _bumn("ppi", "PT Perusahaan Perdagangan Indonesia (Persero)", C.FOOD, ("31.71",),
          "Iwan Gunawan"),
    _bumn("berdikari", "PT Berdikari (Persero)", C.FOOD, ("31.74", "73.14"), "Arief Halim"),
    _bumn("garam", "PT Garam (Persero)", C.FOOD, ("35.29", "35.78"), "Samsul Hakim"),
    _bumn("perinus", "PT Perikanan Indonesia (Persero)", C.FOOD, ("31.72", "71.72"),
          "Maria Pangaribuan"),
    _bumn("shs", "PT Sang Hyang Seri (Persero)", C.FOOD, ("31.74", "32.13"), "Asep Permana"),
    _bumn("biofarma", "PT Bio Farma (Persero)", C.HEALTH, ("32.73",), "Euis Suryani"),
    _bumn("ptpn3", "PT Perkebunan Nusantara III (Persero)", C.PLANTATION,
          ("12.71", "12.10", "12.08"), "Taufik Nasution"),
    _bumn("pindad", "PT Pindad (Persero)", C.MANUFACTURING, ("32.73", "35.07"),
          "Gilang Mahendra"),
    _bumn("telkom", "PT Telkom Indonesia (Persero) Tbk", C.TELECOM, ("32.73", "31.74"),
          "Indah Lestari"),
    OrgSpec(key="lulu", name="PT Lulu Group Retail", kind=OrgKind.BUYER,
            email=f"lulu@{DOMAIN}", full_name="Susi Tanjung",
            buyer_kind=BuyerKind.LARGE_BUSINESS, regencies=("31.75", "32.71")),
    OrgSpec(key="gramedia", name="PT Gramedia Asri Media", kind=OrgKind.BUYER,
            email=f"gramedia@{DOMAIN}", full_name="Yohanes Sitompul",
            buyer_kind=BuyerKind.LARGE_BUSINESS, regencies=("31.73",)),
    OrgSpec(key="pln.jatim", name="PT PLN (Persero) Unit Induk Distribusi Jawa Timur",
            kind=OrgKind.BUYER, email=f"pln.jatim@{DOMAIN}", full_name="Imam Purnomo",
            buyer_kind=BuyerKind.BUMN_SUBSIDIARY, cluster=C.ENERGY, parent="pln",
            regencies=("35.78", "35.07", "35.09")),
)
BUYER_BY_KEY = {b.key: b for b in BUYERS}

# Shown in the approval queue: signed up, never approved.
PENDING_BUYER = OrgSpec(
    key="calon.pembeli", name="PT Mitra Retail Nusantara", kind=OrgKind.BUYER,
    email=f"calon.pembeli@{DOMAIN}", full_name="Darmawan Halim",
    buyer_kind=BuyerKind.LARGE_BUSINESS, approved=False)

AGENCIES: tuple[OrgSpec, ...] = (
    OrgSpec(key="kemenperin", name="Kementerian Perindustrian", kind=OrgKind.AGENCY,
            email=f"kemenperin@{DOMAIN}", full_name="Dedi Wibowo", role=Role.OFFICER),
    OrgSpec(key="kemenkopukm", name="Kementerian Koperasi dan UKM", kind=OrgKind.AGENCY,
            email=f"kemenkopukm@{DOMAIN}", full_name="Fitri Saputra", role=Role.OFFICER),
    OrgSpec(key="disperindag.jatim",
            name="Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur",
            kind=OrgKind.AGENCY, email=f"disperindag.jatim@{DOMAIN}",
            full_name="Endang Susanto", role=Role.OFFICER, province="35"),
)

ORGANISER = OrgSpec(
    key="forum", name="Sekretariat Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar",
    kind=OrgKind.ORGANISER, email=f"forum@{DOMAIN}", full_name="Lina Harahap")

ADMIN_EMAIL = f"admin@{DOMAIN}"
ADMIN_NAME = "Admin Platform Rantai"


@dataclass(frozen=True)
class FeaturedSme:
    """A named SME with a fixed profile (the rest are generated)."""

    key: str
    name: str
    legal_form: str
    email: str
    owner: str
    regency: str
    kbli: tuple[str, ...]
    products: tuple[tuple[str, str], ...]
    annual_sales: int
    business_capital: int
    description: str


FEATURED_SMES: tuple[FeaturedSme, ...] = (
    FeaturedSme(
        key="baja.kurnia", name="CV Baja Kurnia", legal_form="cv",
        email=f"baja.kurnia@{DOMAIN}", owner="Slamet Kurniawan", regency="33.10",
        kbli=("24310", "24320"),
        products=(("blok rem besi cor", "buah"), ("klem besi cor tiang listrik", "buah"),
                  ("pemberat besi cor", "buah"), ("tutup manhole besi cor", "buah"),
                  ("komponen pompa besi cor", "buah")),
        annual_sales=6_800_000_000, business_capital=2_100_000_000,
        description="Pengecoran logam di sentra Batur, Ceper, Klaten. Besi cor kelabu dan "
                    "nodular, kapasitas 60 ton/bulan, dapur kupola dan induksi. Mitra PT PLN "
                    "sejak nota kesepahaman rantai pasok BUMN 3 September 2021."),
    FeaturedSme(
        key="byakta.prakasa", name="CV Byakta Prakasa", legal_form="cv",
        email=f"byakta.prakasa@{DOMAIN}", owner="Teguh Prakoso", regency="36.72",
        kbli=("33121", "25920", "28140"),
        products=(("rekondisi roller conveyor", "unit"), ("roda gigi", "buah"),
                  ("bubut CNC poros", "buah"), ("perbaikan pompa", "unit")),
        annual_sales=4_300_000_000, business_capital=1_600_000_000,
        description="Reparasi dan pembuatan suku cadang mekanikal di Cilegon: bubut CNC, "
                    "frais, rekondisi roller dan gearbox. Mitra PT Krakatau Steel sejak nota "
                    "kesepahaman rantai pasok BUMN 3 September 2021."),
    FeaturedSme(
        key="tempe.makmur", name="Koperasi Produsen Tempe Makmur", legal_form="koperasi",
        email=f"tempe.makmur@{DOMAIN}", owner="Siti Rahayu", regency="35.73",
        kbli=("10391", "10794"),
        products=(("tempe kedelai", "kg"), ("keripik tempe", "kg"),
                  ("keripik tempe pedas", "kg")),
        annual_sales=1_450_000_000, business_capital=400_000_000,
        description="Koperasi 38 perajin tempe di Kampung Sanan, Kota Malang. Keripik tempe "
                    "bersertifikat halal dan PIRT."),
    FeaturedSme(
        key="batik.tulis.lestari", name="CV Batik Tulis Lestari", legal_form="cv",
        email=f"batik.tulis.lestari@{DOMAIN}", owner="Ratna Wijaya", regency="33.75",
        kbli=("13134", "14111"),
        products=(("kain batik tulis", "lembar"), ("kain batik cap", "lembar"),
                  ("kemeja batik", "potong"), ("syal batik suvenir", "lembar")),
        annual_sales=2_900_000_000, business_capital=900_000_000,
        description="Batik tulis dan cap pewarna alam dari Kota Pekalongan; seragam dan "
                    "suvenir batik untuk korporasi."),
    FeaturedSme(
        key="sumber.rejeki", name="UD Sumber Rejeki", legal_form="ud",
        email=f"sumber.rejeki@{DOMAIN}", owner="Joko Susanto", regency="35.15",
        kbli=("13926", "22220"),
        products=(("karung plastik 50 kg", "lembar"), ("karung beras 25 kg", "lembar"),
                  ("kantong plastik kemasan", "lembar")),
        annual_sales=9_500_000_000, business_capital=3_200_000_000,
        description="Karung plastik anyaman dan kemasan plastik cetak dari Sidoarjo."),
)


@dataclass(frozen=True)
class ProfileDetails:
    """What a featured SME's owner filled in after signing up, so its profile is as complete
    as a real, active supplier's: contact and workforce, product details (name, monthly
    capacity, price range in rupiah), process capabilities (process, material, largest part
    in kg) and certificates (kind, number, issuer, covered product or "")."""

    address: str
    phone: str
    workforce: int
    products: tuple[tuple[str, int, int, int], ...]
    capabilities: tuple[tuple[str, str, int | None], ...]
    certificates: tuple[tuple[str, str, str, str], ...]


FEATURED_DETAILS: dict[str, ProfileDetails] = {
    "baja.kurnia": ProfileDetails(
        address="Jl. Raya Ceper No. 17, Batur, Ceper, Klaten", phone="0272-551-234", workforce=46,
        products=(("blok rem besi cor", 800, 185_000, 240_000),
                  ("klem besi cor tiang listrik", 3_000, 42_000, 65_000),
                  ("pemberat besi cor", 1_500, 90_000, 150_000)),
        capabilities=(("casting", "besi cor kelabu (FC 200/250)", 250),
                      ("casting", "besi cor nodular (FCD 450)", 120),
                      ("machining", "bubut dan frais komponen hasil cor", None)),
        certificates=(("sni", "SNI 07-0850-2021/0147", "LSPro Balai Besar Logam dan Mesin",
                       "blok rem besi cor"),
                      ("tkdn_ik", "TKDN-IK/2024/0318", "Kementerian Perindustrian",
                       "blok rem besi cor"))),
    "tempe.makmur": ProfileDetails(
        address="Kampung Sanan RW 15, Purwantoro, Blimbing, Kota Malang", phone="0341-491-220",
        workforce=38,
        products=(("keripik tempe", 2_500, 60_000, 85_000), ("tempe kedelai", 6_000, 14_000, 18_000)),
        capabilities=(("food_processing", "dapur produksi bersertifikat halal", None),),
        certificates=(("halal", "ID35110000123450823", "BPJPH", "keripik tempe"),
                      ("pirt", "P-IRT 2153573010123-27", "Dinas Kesehatan Kota Malang",
                       "keripik tempe"))),
    "byakta.prakasa": ProfileDetails(
        address="Jl. Raya Anyer Km 3, Cilegon", phone="0254-392-118", workforce=31,
        products=(("rekondisi roller conveyor", 120, 2_500_000, 6_000_000),
                  ("roda gigi", 400, 350_000, 1_800_000)),
        capabilities=(("machining", "bubut CNC dan frais baja karbon", 150),
                      ("welding", "fabrikasi dan perbaikan struktur baja", None)),
        certificates=(("iso9001", "QMS/ID/2023/0419", "Sucofindo ICS", ""),)),
}
