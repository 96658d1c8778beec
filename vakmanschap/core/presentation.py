"""The one place that turns amounts, dates and moments into text for a reader.

Dutch first: "€ 1.250,00", "30 mei 2027", "30 mei 2027 14:05". English: "€1,250.00",
"30 May 2027", "30 May 2027 14:05". Every template (filters `euros`, `day`, `moment` in the
`presentation` library), PDF, e-mail, export header and admin goes through these functions, so
the two languages never mix on one screen. Reading typed amounts is `core.money.parse_euros`.
"""

import datetime

from django.template.defaultfilters import date as _date_filter
from django.utils import timezone, translation

#: One date format for both languages; Django's month names are lower case in Dutch.
DAY_FORMAT = "j F Y"
MOMENT_FORMAT = "j F Y H:i"
MONTH_FORMAT = "F Y"


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "nl")[:2]


def format_euros(cents: int | None, language: str | None = None) -> str:
    """'€ 1.250,00' in Dutch, '€1,250.00' in English; '–' for no amount."""
    if cents is None or cents == "":
        return "–"
    sign = "-" if int(cents) < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    if _language(language) == "en":
        return f"{sign}€{whole:,}.{part:02d}"
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{part:02d}"


def format_plain(cents: int, language: str | None = None) -> str:
    """The amount without the euro sign, as a form shows it for editing."""
    return format_euros(cents, language).replace("€", "").strip()


def _formatted(value, pattern: str, language: str | None) -> str:
    if value in (None, ""):
        return "–"
    wanted = _language(language)
    if wanted == (translation.get_language() or "")[:2]:
        return _date_filter(value, pattern)  # switching to the active language costs as much
    with translation.override(wanted):
        return _date_filter(value, pattern)


def format_day(value: datetime.date | datetime.datetime | None, language: str | None = None):
    """'30 mei 2027' / '30 May 2027'. A moment is first put in local time (Europe/Amsterdam)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return _formatted(value, DAY_FORMAT, language)


def format_moment(value: datetime.datetime | None, language: str | None = None) -> str:
    """'30 mei 2027 14:05' / '30 May 2027 14:05', in local time."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return _formatted(value, MOMENT_FORMAT, language)


def format_month(value: datetime.date | None, language: str | None = None) -> str:
    """'mei 2027' / 'May 2027'."""
    return _formatted(value, MONTH_FORMAT, language)
