"""Money is integer euro cents everywhere; these turn cents into text and text into cents."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def format_euros(cents: int | None, language: str | None = None) -> str:
    if cents is None:
        return "–"
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    if (language or get_language() or "nl").startswith("en"):
        return f"{sign}€{whole:,}.{part:02d}"
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{part:02d}"


def parse_euros(text: str) -> int:
    """'1.234,50', '1234.50', '€ 1234' → cents. Raises ValueError on anything else."""
    cleaned = re.sub(r"[€\s]", "", text or "")
    if not cleaned:
        raise ValueError("empty")
    if "," in cleaned:  # Dutch: dots group thousands, the comma is the decimal sign
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if amount != amount.quantize(Decimal("0.01")) or amount < 0:
        raise ValueError(text)
    return int(amount * 100)


class EuroField(forms.CharField):
    """A form field for an amount in euros that cleans to integer cents."""

    default_error_messages = {"invalid": _("Enter an amount in euros, such as 1.250,00.")}

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_euros(value).replace("€", "").strip()
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_euros(value)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
