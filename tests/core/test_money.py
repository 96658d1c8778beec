import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from vakmanschap.core.money import format_euros, parse_euros


@pytest.mark.parametrize(
    "text, cents",
    [
        ("1.234,50", 123_450),
        ("1234.50", 123_450),
        ("€ 2.500", 250_000),
        ("0,01", 1),
        ("2500", 250_000),
        ("1,234.50", None),
    ],
)
def test_parse_euros(text, cents):
    if cents is None:
        with pytest.raises(ValueError):
            parse_euros(text)
    else:
        assert parse_euros(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,234", "12,345,6", "1.2345"])
def test_parse_euros_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueError):
        parse_euros(text)


def test_format_in_both_languages():
    assert format_euros(123_456, "nl") == "€ 1.234,56"
    assert format_euros(123_456, "en") == "€1,234.56"
    with translation.override("nl"):
        assert format_euros(5) == "€ 0,05"


@given(st.integers(min_value=0, max_value=10**11))
def test_dutch_text_round_trips(cents):
    assert parse_euros(format_euros(cents, "nl")) == cents
