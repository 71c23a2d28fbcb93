"""Indonesia's three time zones, named the way Indonesians name them."""
from zoneinfo import ZoneInfo

ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
ZONE_CHOICES = [(name, f"{abbr} ({name})") for name, abbr in ZONES.items()]

# Kemendagri province code -> zone. WITA: Bali, NTB, NTT, Kalimantan (except West and
# Central), Sulawesi; WIT: Maluku and Papua; everything else WIB.
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}


def zone_for_province(province_code: str) -> str:
    """The IANA zone of a province, by its two-digit Kemendagri code."""
    if province_code in _WIT:
        return "Asia/Jayapura"
    if province_code in _WITA:
        return "Asia/Makassar"
    return "Asia/Jakarta"


def abbreviation(zone: str) -> str:
    """WIB/WITA/WIT for our zones; the IANA name for anything else."""
    return ZONES.get(zone, zone)


def zoneinfo(zone: str) -> ZoneInfo:
    return ZoneInfo(zone if zone in ZONES else "Asia/Jakarta")
