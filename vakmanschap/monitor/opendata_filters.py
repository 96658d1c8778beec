"""Open data for one part of the population (an education level or an age band): sign-ups and
completions per municipality, suppressed together with every other value of the same filter
(`suppression.table`), against the unfiltered figures as published. So neither one filtered
view, nor the difference between two, nor the difference with the unfiltered page shows a
count of 1–9. One filter at a time: combinations would multiply the ways to subtract.
"""

from django.db.models import Case, F, Value, When

from vakmanschap.people.choices import EducationLevel

from . import summary_tables, suppression
from .figures import Period, Rows
from .filters import AGE_BANDS, age_band_q
from .models import PersonStep

DIMENSIONS = ("education_level", "age_band")
KEYS = ("signed_up", "completed")


def categories(dimension: str) -> list[str]:
    """The filter's values; "" (not given) last, so that the values add up to the total."""
    if dimension == "education_level":
        return [*EducationLevel.values, ""]
    return [key for key, _youngest, _oldest in AGE_BANDS]


def _band_of_birth_date(on_date):
    """The age band on `on_date` as an SQL expression over the birth date."""
    return Case(
        *(When(age_band_q(key, on_date), then=Value(key)) for key, _y, _o in AGE_BANDS),
        default=Value(AGE_BANDS[-1][0]),
    )


def _cells(region, period: Period, dimension: str, codes: list[str]) -> dict[str, list[list]]:
    values = categories(dimension)
    summary_tables.ensure_fresh()
    group = _band_of_birth_date(period.end) if dimension == "age_band" else F("education_level")
    steps = Rows(PersonStep.objects.filter(region=region), monthly=False)
    rows = (
        steps.spanning(period)
        .filter(step__in=KEYS, municipality_code__in=codes)
        .annotate(category=group)
        .values_list("step", "municipality_code", "category")
        .annotate(n=steps.people(period))
    )
    out = {key: [[0] * len(values) for _ in codes] for key in KEYS}
    for step, code, category, n in rows:
        column = values.index(category if category in values else "")
        out[step][codes.index(code)][column] += n
    return out


def filtered_summary(published: dict, region, year: int, dimension: str, value: str) -> dict:
    """`published` is the year's unfiltered open summary (already suppressed)."""
    municipalities = published["by_municipality"]
    codes = [row["code"] for row in municipalities]
    column = categories(dimension).index(value)
    cells = _cells(region, Period.year(year), dimension, codes)
    rows = [{"code": row["code"], "name": row["name"]} for row in municipalities]
    result = {"region": published["region"], "year": year, "filter": {dimension: value}}
    for key in KEYS:
        shown, totals = suppression.table(
            cells[key], [row[key] for row in municipalities], published[key]
        )
        for row, line in zip(rows, shown, strict=True):
            row[key] = line[column]
        result[key] = totals[column]
    result["by_municipality"] = rows
    result["suppressed"] = published["suppressed"]
    return result
