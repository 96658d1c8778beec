import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from rest_framework import serializers

from vakmanschap.core.money import (
    MAX_ALLOCATION_CENTS,
    MAX_AMOUNT_CENTS,
    AmountError,
    CentsField,
    EuroField,
    format_euros,
    format_plain,
    parse_euros,
)


@pytest.mark.parametrize(
    "text, cents",
    [
        ("1.234,50", 123_450),  # Dutch
        ("1,234.50", 123_450),  # English
        ("1234.50", 123_450),
        ("1234,50", 123_450),
        ("850,00", 85_000),  # € 850 in Dutch, never 85000 euros
        ("850.00", 85_000),
        ("€ 1.250.000", 125_000_000),
        ("1,250,000", 125_000_000),
        ("€\u00a02.500,00", 250_000),
        ("0,01", 1),
        ("12,5", 1_250),
        ("2500", 250_000),
        (" 0 ", 0),
    ],
)
def test_parse_euros_reads_both_notations(text, cents):
    assert parse_euros(text, max_cents=MAX_ALLOCATION_CENTS) == cents


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "-5",
        "1e30",
        "1E3",
        "Infinity",
        "-Infinity",
        "NaN",
        "sNaN",
        "0x10",
        "12,345,6",
        "1.2345",
        "1,234,56.00",
        "1.234.567,891",
        "0.250",
        "1,25,0",
        "1.234,56,78",
        "..",
        "9" * 40,
    ],
)
def test_parse_euros_refuses_what_is_not_one_amount(text):
    with pytest.raises(AmountError):
        parse_euros(text)


@pytest.mark.parametrize("text", ["1.250", "1,250", "€ 2.500", "999,000"])
def test_ambiguous_amounts_are_refused_showing_how_they_would_be_read(text):
    with translation.override("nl"), pytest.raises(AmountError) as error:
        parse_euros(text)
    whole = text.replace("€", "").strip().replace(",", "").replace(".", "")
    assert format_euros(int(whole) * 100, "nl") in error.value.message
    with translation.override("en"), pytest.raises(AmountError) as error:
        parse_euros(text)
    assert format_euros(int(whole) * 100, "en") in error.value.message


def test_upper_bound_per_field():
    assert parse_euros("1.000.000,00") == MAX_AMOUNT_CENTS
    with pytest.raises(AmountError, match="1.000.000"):
        parse_euros("1.000.000,01")
    assert parse_euros("1.000.000,01", max_cents=MAX_ALLOCATION_CENTS) == 100_000_001
    with pytest.raises(AmountError):
        parse_euros(str(2**63 - 1), max_cents=MAX_ALLOCATION_CENTS)


def test_format_in_both_languages():
    assert format_euros(123_456, "nl") == "€ 1.234,56"
    assert format_euros(123_456, "en") == "€1,234.56"
    assert format_plain(123_456, "nl") == "1.234,56"
    with translation.override("nl"):
        assert format_euros(5) == "€ 0,05"


def test_euro_field_names_the_problem_in_the_users_language():
    field = EuroField(max_cents=10_000)
    assert field.clean("99,50") == 9_950
    with translation.override("nl"), pytest.raises(Exception) as error:
        field.clean("1e3")
    assert "bedrag" in str(error.value.messages[0]).lower()
    with translation.override("en"), pytest.raises(Exception) as error:
        field.clean("101")
    assert "€100.00" in error.value.messages[0]


@pytest.mark.parametrize(
    "value", [1.5, "1e5", "-5", "12.50", True, None, 2**63 - 1, -1, float("inf")]
)
def test_cents_field_takes_whole_cents_within_bounds_only(value):
    field = CentsField(max_cents=MAX_ALLOCATION_CENTS)
    with pytest.raises(serializers.ValidationError):
        field.run_validation(value)


def test_cents_field_accepts_integers():
    assert CentsField().run_validation(125_000) == 125_000
    assert CentsField().run_validation("125000") == 125_000


@given(st.integers(min_value=0, max_value=MAX_ALLOCATION_CENTS), st.sampled_from(["nl", "en"]))
def test_formatted_amounts_round_trip(cents, language):
    text = format_euros(cents, language)
    assert parse_euros(text, max_cents=MAX_ALLOCATION_CENTS) == cents
    assert parse_euros(format_plain(cents, language), max_cents=MAX_ALLOCATION_CENTS) == cents


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_CENTS))
def test_plain_decimal_notation_round_trips(cents):
    euros, part = divmod(cents, 100)
    assert parse_euros(f"{euros}.{part:02d}") == cents
    assert parse_euros(f"{euros},{part:02d}") == cents


@given(st.text(alphabet="0123456789.,€ -eEInfatyNsx", max_size=20))
def test_any_text_is_an_amount_or_a_clear_refusal(text):
    try:
        cents = parse_euros(text)
    except AmountError as error:
        assert error.message
    else:
        assert 0 <= cents <= MAX_AMOUNT_CENTS
