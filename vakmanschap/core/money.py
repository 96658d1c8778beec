"""Money is integer euro cents everywhere; this module is the one place that turns text (or API
numbers) into cents. Turning cents into text is `core.presentation`.

`parse_euros` reads what a person types, in Dutch ("1.250,00", "850,00" = € 850) or English
("1,250.00") notation. What could mean two amounts ("1.250": € 1.250 or € 1,25?) is refused with
a message showing how it would be read; exponents, NaN and Infinity are never numbers here. Every
amount has an upper bound, so a typing error can never reach the append-only ledger.
"""

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from vakmanschap.core.presentation import format_euros, format_plain

__all__ = ["format_euros", "format_plain", "parse_euros", "EuroField", "CentsField"]

#: Bounds per kind of amount, in cents. Anything above is a typing error, not a real amount.
MAX_AMOUNT_CENTS = 100_000_000  # € 1.000.000: a course, a plan, an invoice, a contribution
MAX_ALLOCATION_CENTS = 10_000_000_000  # € 100.000.000: one allocation to a budget

_DIGITS = re.compile(r"\d+")


class AmountError(ValueError):
    """Text that is not one clear amount; `message` says why in the active language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _grouped(text: str, separator: str) -> bool:
    return bool(re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(separator) + r"\d{3})+", text))


def _whole_and_fraction(cleaned: str) -> tuple[str, str]:
    """Split into whole euros (digits only) and the decimals, or raise AmountError."""
    seps = [c for c in cleaned if c in ".,"]
    if not seps:
        return cleaned, ""
    if len(set(seps)) == 2:
        # Both signs: the last one is the decimal sign, the other groups thousands.
        decimal = seps[-1]
        group = "," if decimal == "." else "."
        if seps.count(decimal) != 1:
            raise AmountError(gettext("Use one decimal sign."))
        whole, fraction = cleaned.rsplit(decimal, 1)
        if not _grouped(whole, group):
            raise AmountError(gettext("Group thousands in threes, such as 1,250.00."))
        return whole.replace(group, ""), fraction
    sign = seps[0]
    if len(seps) > 1:  # "1.250.000" or "1,250,000": thousands only
        if not _grouped(cleaned, sign):
            raise AmountError(gettext("Group thousands in threes, such as 1,250,000."))
        return cleaned.replace(sign, ""), ""
    whole, fraction = cleaned.split(sign)
    if len(fraction) == 3 and _grouped(cleaned, sign):
        # "1.250" is € 1.250 in Dutch and € 1.25 in English notation.
        thousands = int(whole + fraction) * 100
        raise AmountError(
            gettext(
                "“%(text)s” can be read in two ways. For %(amount)s write %(plain)s; "
                "for cents write two decimals, such as 1.25."
            )
            % {
                "text": cleaned,
                "amount": format_euros(thousands),
                "plain": format_plain(thousands),
            }
        )
    return whole, fraction


def parse_euros(text, *, max_cents: int = MAX_AMOUNT_CENTS) -> int:
    """'1.234,50', '1,234.50', '850,00', '€ 1234' → cents. Raises AmountError on anything else."""
    cleaned = re.sub(r"[€\s\u00a0\u202f]", "", str(text or ""))
    if not cleaned:
        raise AmountError(gettext("Enter an amount."))
    if cleaned.startswith("-"):
        raise AmountError(gettext("Enter an amount of € 0 or more."))
    if not re.fullmatch(r"[\d.,]+", cleaned) or not re.search(r"\d", cleaned):
        raise AmountError(gettext("Enter an amount in euros, such as 1,250.00."))
    whole, fraction = _whole_and_fraction(cleaned)
    if not _DIGITS.fullmatch(whole or "0") or (fraction and not _DIGITS.fullmatch(fraction)):
        raise AmountError(gettext("Enter an amount in euros, such as 1,250.00."))
    if len(fraction) > 2:
        raise AmountError(gettext("Enter at most two decimals (whole cents)."))
    if len(whole) > 15:
        raise AmountError(gettext("Enter at most %(max)s.") % {"max": format_euros(max_cents)})
    cents = int(whole or "0") * 100 + int(fraction.ljust(2, "0") or "0")
    return check_bounds(cents, max_cents=max_cents)


def check_bounds(cents: int, *, max_cents: int = MAX_AMOUNT_CENTS, min_cents: int = 0) -> int:
    """The one bounds check for every amount, typed or sent through the API."""
    if cents < min_cents:
        raise AmountError(gettext("Enter at least %(min)s.") % {"min": format_euros(min_cents)})
    if cents > max_cents:
        raise AmountError(gettext("Enter at most %(max)s.") % {"max": format_euros(max_cents)})
    return cents


class EuroField(forms.CharField):
    """A form field for an amount in euros (Dutch or English notation) that cleans to cents."""

    def __init__(self, *, max_cents: int = MAX_AMOUNT_CENTS, min_cents: int = 0, **kwargs):
        self.max_cents = max_cents
        self.min_cents = min_cents
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_plain(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            if len(value) > 40:
                raise AmountError(gettext("Enter an amount in euros, such as 1,250.00."))
            cents = parse_euros(value, max_cents=self.max_cents)
            return check_bounds(cents, max_cents=self.max_cents, min_cents=self.min_cents)
        except AmountError as error:
            raise forms.ValidationError(error.message, code="invalid") from error


class CentsField(serializers.Field):
    """An API amount in integer cents within the field's bounds: a JSON integer, or digits only
    from a form-encoded body. No floats, exponents, signs or booleans."""

    default_error_messages = {
        "invalid": _("Send a whole number of cents, such as 125000 for €1,250.00."),
    }

    def __init__(self, *, max_cents: int = MAX_AMOUNT_CENTS, min_cents: int = 0, **kwargs):
        self.max_cents = max_cents
        self.min_cents = min_cents
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and re.fullmatch(r"\d{1,18}", data):
            data = int(data)
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        try:
            return check_bounds(data, max_cents=self.max_cents, min_cents=self.min_cents)
        except AmountError as error:
            raise serializers.ValidationError(error.message) from error

    def to_representation(self, value):
        return int(value)
