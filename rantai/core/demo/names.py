"""Indonesian person and business names, drawn from a caller's ``random.Random``.

Pure functions: the same generator state gives the same names. Business names follow the
legal form the way Indonesian firms are actually named: "UD Sumber Rejeki", "CV Batik Tulis
Lestari", "Koperasi Produsen Tempe Makmur", or a one-person business named after its owner
("Sambal Bu Yuni").
"""
import random
import re
import unicodedata
from typing import NamedTuple

from rantai.suppliers.choices import LegalForm

from .sectors import ProductLine

MEN = ("Budi", "Agus", "Slamet", "Joko", "Bambang", "Hendra", "Rizki", "Dedi", "Andi",
       "Wahyu", "Eko", "Yusuf", "Ahmad", "Fajar", "Teguh", "Sutrisno", "Hadi", "Arief",
       "Asep", "Darmawan", "Iwan", "Rudi", "Yohanes", "Samsul", "Firman", "Gilang", "Taufik",
       "Imam")
WOMEN = ("Sri", "Siti", "Dewi", "Rina", "Yuni", "Ratna", "Wulan", "Nur", "Endang", "Fitri",
         "Putri", "Ayu", "Maria", "Indah", "Ani", "Tuti", "Rahma", "Lestari", "Nining", "Euis",
         "Yanti", "Susi", "Ernawati", "Mega", "Dian", "Lina", "Hartini")
FAMILY = ("Santoso", "Wibowo", "Saputra", "Hidayat", "Pratama", "Kurniawan", "Setiawan",
          "Nugroho", "Rahman", "Wijaya", "Susanto", "Hakim", "Permana", "Wulandari", "Rahayu",
          "Handayani", "Gunawan", "Suharto", "Purnomo", "Halim", "Mahendra", "Sulistyo",
          "Suryani")
BATAK = ("Siregar", "Nasution", "Harahap", "Simanjuntak", "Lubis", "Sitompul", "Manurung",
         "Pangaribuan", "Hutapea", "Sinaga")
BALI_MEN = ("I Made", "I Wayan", "I Ketut", "I Nyoman", "I Gede")
BALI_WOMEN = ("Ni Made", "Ni Wayan", "Ni Kadek", "Ni Luh", "Ni Ketut")
BALI_NAMES = ("Sudarsana", "Suartika", "Artawan", "Widiastuti", "Sukerti", "Astuti",
              "Suarjana", "Mahendra")

# Two-word wishes that Indonesian trading names are made of, national and regional.
WISHES = ("Sumber Rejeki", "Maju Jaya", "Berkah Abadi", "Karya Mandiri", "Tunas Harapan",
          "Sari Rasa", "Mekar Sari", "Cahaya Utama", "Putra Mandiri", "Jaya Abadi",
          "Bintang Timur", "Anugerah Sejahtera", "Harapan Baru", "Tirta Kencana",
          "Mitra Sejati", "Barokah Jaya", "Mandiri Sejahtera", "Surya Kencana", "Cipta Karya",
          "Prima Utama", "Nusa Indah", "Sinar Harapan", "Kencana Mulia", "Lancar Jaya",
          "Tekad Mulia", "Rejeki Lancar", "Sumber Makmur", "Sinar Abadi", "Lestari",
          "Sentosa", "Makmur", "Sejahtera", "Mulia", "Agung", "Bersama")
JAVANESE = ("Sido Mulyo", "Sido Makmur", "Ngudi Rejeki", "Guyub Rukun", "Manunggal",
            "Rukun Makmur", "Sri Rejeki", "Gemah Ripah", "Sumber Urip", "Sekar Arum")
REGIONAL_WISHES = {
    "32": ("Saluyu", "Sauyunan", "Sugih Mukti", "Silih Asih"),          # Sundanese
    "33": JAVANESE, "34": JAVANESE, "35": JAVANESE,
    "13": ("Saiyo Sakato", "Sakato Jaya", "Bundo Kanduang"),            # Minangkabau
    "51": ("Dharma Santi", "Sedana Yasa", "Werdhi Guna"),               # Balinese
    "73": ("Sipakatau", "Sipakalebbi", "Sipakainge"),                   # Bugis
}
JAVA = {"33", "34", "35"}


class Person(NamedTuple):
    full_name: str
    short: str       # the name used in "Bu …" / "Pak …"
    woman: bool


def person(rng: random.Random, province: str = "") -> Person:
    """Someone from ``province``; about half are women. Balinese and Batak names appear
    where those communities live."""
    woman = rng.random() < 0.5
    if province == "51":
        first = rng.choice(BALI_WOMEN if woman else BALI_MEN)
        return Person(f"{first} {rng.choice(BALI_NAMES)}", first.split()[-1], woman)
    first = rng.choice(WOMEN if woman else MEN)
    if province == "12":
        return Person(f"{first} {rng.choice(BATAK)}", first, woman)
    if rng.random() < 0.25:  # many Indonesians go by one name
        return Person(first, first, woman)
    return Person(f"{first} {rng.choice(FAMILY)}", first, woman)


def business_name(rng: random.Random, legal_form: str, line: ProductLine, coop_kind: str,
                  owner: Person, province: str) -> str:
    """A plausible trading name for a firm of ``legal_form`` in ``line`` in ``province``."""
    stem = rng.choice(line.stems)
    regional = REGIONAL_WISHES.get(province)
    wish = rng.choice(regional if regional and rng.random() < 0.5 else WISHES)
    if legal_form == LegalForm.PERORANGAN:
        title = "Bu" if owner.woman else "Pak"
        if province in JAVA and rng.random() < 0.3:
            title = "Mbak" if owner.woman else "Mas"
        return f"{stem} {title} {owner.short}"
    if legal_form == LegalForm.KOPERASI:
        if coop_kind == "Serba Usaha":
            return f"Koperasi Serba Usaha {wish}"
        return f"Koperasi {coop_kind} {stem} {wish}"
    prefix = {LegalForm.UD: "UD", LegalForm.CV: "CV", LegalForm.PT: "PT"}[legal_form]
    if rng.random() < 0.5:
        return f"{prefix} {stem} {wish}"
    return f"{prefix} {wish}"


def email_local(name: str) -> str:
    """``CV Batik Tulis Lestari`` → ``batik.tulis.lestari``: the name without its legal form,
    lower-case ASCII words joined by dots."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    while words and words[0] in {"cv", "ud", "pt", "koperasi", "produsen", "pengrajin",
                                 "serba", "usaha"}:
        words = words[1:]
    return ".".join(words) or "umkm"
