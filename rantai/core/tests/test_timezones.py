from datetime import UTC, datetime

from django.utils import timezone

from rantai.core.templatetags.rantai import local_dt
from rantai.core.timezones import zone_for_province


def test_province_zones():
    assert zone_for_province("31") == "Asia/Jakarta"  # DKI Jakarta: WIB
    assert zone_for_province("51") == "Asia/Makassar"  # Bali: WITA
    assert zone_for_province("94") == "Asia/Jayapura"  # Papua: WIT


def test_one_instant_shown_in_each_viewers_zone_with_the_zone_named():
    instant = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    with timezone.override("Asia/Jakarta"):
        assert local_dt(instant).endswith("10.00 WIB")
    with timezone.override("Asia/Makassar"):
        assert local_dt(instant).endswith("11.00 WITA")
    with timezone.override("Asia/Jayapura"):
        assert local_dt(instant).endswith("12.00 WIT")
