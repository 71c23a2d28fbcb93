from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_buyer, make_need
from rantai.core.forms import QuantityField, RupiahField
from rantai.core.numbers import NumberFormatError, format_number, number_text, parse_number


@pytest.mark.parametrize("text,language,expected", [
    ("85.000", "id", Decimal(85000)), ("Rp 1.250.000", "id", Decimal(1250000)),
    ("2,5", "id", Decimal("2.5")), ("85000", "id", Decimal(85000)),
    ("85,000", "en", Decimal(85000)), ("2.5", "en", Decimal("2.5")),
    ("6.000,25", "id", Decimal("6000.25")),
])
def test_numbers_are_read_as_the_language_writes_them(text, language, expected):
    assert parse_number(text, language) == expected


@pytest.mark.parametrize("text,language", [
    ("85.5", "id"),  # a decimal point in Indonesian: refused, not guessed
    ("1.25.000", "id"), ("12,34,567", "en"), ("abc", "id"), ("", "id"), ("1.2.3", "en"),
])
def test_ambiguous_or_malformed_numbers_are_refused(text, language):
    with pytest.raises(NumberFormatError):
        parse_number(text, language)


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["id", "en"]))
def test_a_shown_rupiah_value_reads_back_the_same(amount, language):
    with translation.override(language):
        field = RupiahField()
        assert field.clean(field.prepare_value(amount)) == amount


def test_rupiah_field_in_a_form():
    with translation.override("id"):
        assert RupiahField().clean("85.000") == 85000
        with pytest.raises(ValidationError):
            RupiahField().clean("85.5")
        with pytest.raises(ValidationError):
            RupiahField().clean("10.000.000.000.000.000")  # above MAX_RUPIAH
        assert QuantityField().clean("6.000") == Decimal(6000)
        with pytest.raises(ValidationError):
            QuantityField().clean("-1")


@pytest.mark.parametrize("value,language,expected", [
    (Decimal("1000.000"), "id", "1.000"), (Decimal("1000.000"), "en", "1,000"),
    (Decimal("2.50"), "id", "2,5"), (Decimal("2.50"), "en", "2.5"), (Decimal("0.05"), "id", "0,05"),
    (Decimal("1250000.25"), "id", "1.250.000,25"), (Decimal("40"), "id", "40"),
    (Decimal("-1500"), "id", "-1.500"),
    (Decimal("0"), "en", "0"),
])
def test_numbers_are_written_as_the_language_writes_them(value, language, expected):
    assert format_number(value, language) == expected


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3), st.sampled_from(["id", "en"]))
def test_a_written_number_reads_back_as_itself(value, language):
    assert parse_number(format_number(value, language), language) == value


@pytest.mark.django_db
def test_pages_write_quantities_with_separators_never_as_exponents(client):
    buyer = make_buyer()
    need = make_need(buyer, quantity=Decimal("1000.000"))
    client.force_login(buyer.user)
    page = client.get(reverse("sourcing:need-detail", args=[need.pk])).content.decode()
    assert "1.000 buah" in page and "1E+3" not in page


def test_messages_write_numbers_in_the_active_language():
    with translation.override("en"):
        assert number_text(Decimal("1500.000")) == "1,500"
    with translation.override("id"):
        assert number_text(Decimal("1500.000")) == "1.500"
