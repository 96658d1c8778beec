"""Plausibility limits for what people type: free text has a cap, dates lie in a sane range, a
list names each thing once. Forms and API serializers use the same rules, so bad input gets a
message naming the field instead of a 500 or a row nobody can read."""

import datetime
import re

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext as _

# Free text (reasons, justifications, wishes, notes): room for a page, not a book.
FREE_TEXT_MAX_CHARS = 4000
# Search boxes: a name, a postcode, a reference.
SEARCH_MAX_CHARS = 200
MIN_AGE, MAX_AGE = 16, 100
PERIOD_YEARS = 10


def validate_birth_date(value: datetime.date, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    age = relativedelta(today, value).years
    if value > today or not MIN_AGE <= age <= MAX_AGE:
        raise ValidationError(
            _("A date of birth must give an age between %(low)d and %(high)d years."),
            code="implausible_birth_date",
            params={"low": MIN_AGE, "high": MAX_AGE},
        )


def validate_period_date(value: datetime.date, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if not (
        today - relativedelta(years=PERIOD_YEARS)
        <= value
        <= today + relativedelta(years=PERIOD_YEARS)
    ):
        raise ValidationError(
            _("The date must lie within %(years)d years of today."),
            code="implausible_date",
            params={"years": PERIOD_YEARS},
        )


def validate_no_duplicates(values) -> None:
    seen, twice = set(), []
    for value in values:
        key = getattr(value, "pk", value)
        if key in seen and key not in twice:
            twice.append(key)
        seen.add(key)
    if twice:
        raise ValidationError(
            _("Each item may be listed once; listed more than once: %(items)s."),
            code="duplicates",
            params={"items": ", ".join(str(t) for t in twice)},
        )


# C0 and C1 control characters and DEL (NUL included: PostgreSQL text cannot hold it).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Paragraphs: line breaks and tabs are text; C1 characters are left alone, as ESCO's own
# descriptions hold a few (mis-decoded quotes).
_C0_BUT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str, line_breaks: bool = False) -> bool:
    """Whether `text` (a name, a label) holds a control character; with `line_breaks` (a
    description of several paragraphs) only C0 controls other than newline, carriage return
    and tab count."""
    return bool((_C0_BUT_LINE_BREAKS if line_breaks else _CONTROL).search(text))


def cap_length(field, limit: int = FREE_TEXT_MAX_CHARS):
    """Give a form field built from a model's TextField the free-text cap: the browser stops
    at it, and a longer POST gets Django's message naming the limit."""
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)
    return field
