from hypothesis import given
from hypothesis import strategies as st

from rantai.core.money import format_idr, format_idr_full


def test_seed_figures_read_the_indonesian_way():
    assert format_idr(224_800_000_000) == "Rp224,8 miliar"
    assert format_idr(10_300_000_000_000) == "Rp10,3 triliun"
    assert format_idr(15_000_000_000) == "Rp15 miliar"
    assert format_idr(750_000) == "Rp750.000"
    assert format_idr(12_500_000) == "Rp12,5 juta"
    assert format_idr(224_800_000_000, "en") == "Rp224.8 billion"


def test_full_form_groups_thousands_with_dots():
    assert format_idr_full(1_250_000) == "Rp1.250.000"
    assert format_idr_full(-5_000) == "-Rp5.000"
    assert format_idr_full(0) == "Rp0"


@given(st.integers(min_value=0, max_value=10**15))
def test_full_form_round_trips(amount):
    text = format_idr_full(amount)
    assert text.startswith("Rp")
    assert int(text[2:].replace(".", "")) == amount


@given(st.integers(min_value=10**6, max_value=10**15))
def test_short_form_is_within_rounding_of_the_amount(amount):
    number, unit = format_idr(amount)[2:].split(" ")
    scale = {"juta": 10**6, "miliar": 10**9, "triliun": 10**12}[unit]
    value = float(number.replace(".", "").replace(",", "."))
    assert 1 <= value < 1000 or unit == "triliun"
    assert abs(value * scale - amount) <= 0.05 * scale + 1


def test_unit_is_chosen_after_rounding():
    assert format_idr(999_950_000_000) == "Rp1 triliun"
    assert format_idr(999_940_000_000) == "Rp999,9 miliar"
    assert format_idr(999_960_000) == "Rp1 miliar"
