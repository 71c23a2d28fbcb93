from datetime import UTC, date, datetime

from django.utils import timezone, translation

from rantai.core.templatetags.rantai import local_date, local_dt, local_time
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


def test_date_and_time_alone_are_written_like_local_dt():
    # 20.30 UTC on the 23rd is already the 24th in all three Indonesian zones.
    instant = datetime(2026, 11, 23, 20, 30, tzinfo=UTC)
    with timezone.override("Asia/Jakarta"), translation.override("id"):
        assert local_dt(instant) == "24 Nov 2026 03.30 WIB"
        assert local_date(instant) == "24 Nov 2026"
        assert local_time(instant) == "03.30 WIB"
        assert local_date(date(2026, 8, 17)) == "17 Agu 2026"  # a plain date is shown as is
    with timezone.override("Asia/Jayapura"), translation.override("en"):
        assert local_time(instant) == "05.30 WIT"
        assert local_date(date(2026, 8, 17)) == "17 Aug 2026"
    assert local_date(None) == local_time(None) == local_dt(None) == "—"
