"""Open data for one part of the population (an education level or an age band): sign-ups and
completions per municipality, suppressed together with every other value of the same filter
(`suppression.table`), against the unfiltered figures as published. So neither one filtered
view, nor the difference between two, nor the difference with the unfiltered page shows a
count of 1–9. One filter at a time: combinations would multiply the ways to subtract.
"""

from vakmanschap.funding.models import Cheque, ChequeState
from vakmanschap.people.choices import EducationLevel
from vakmanschap.people.models import Participant

from . import suppression
from .figures import Period
from .filters import AGE_BANDS, _years_before

DIMENSIONS = ("education_level", "age_band")
KEYS = ("signed_up", "completed")


def categories(dimension: str) -> list[str]:
    """The filter's values; "" (not given) last, so that the values add up to the total."""
    if dimension == "education_level":
        return [*EducationLevel.values, ""]
    return [key for key, _youngest, _oldest in AGE_BANDS]


def _age_band(birth_date, on_date) -> str:
    for key, youngest, oldest in AGE_BANDS:
        if youngest is not None and birth_date > _years_before(on_date, youngest):
            continue
        if oldest is not None and birth_date <= _years_before(on_date, oldest + 1):
            continue
        return key
    return AGE_BANDS[-1][0]


def _cells(region, period: Period, dimension: str, codes: list[str]) -> dict[str, list[list]]:
    values = categories(dimension)
    people = Participant.objects.filter(municipality__region=region, merged_into__isnull=True)

    def category(education, birth_date):
        if dimension == "age_band":
            return _age_band(birth_date, period.end)
        return education if education in values else ""

    signed = people.filter(
        created_at__date__gte=period.start, created_at__date__lte=period.end
    ).values_list("pk", "municipality__cbs_code", "education_level", "birth_date")
    completed = (
        Cheque.objects.filter(plan__participant__in=people, state=ChequeState.COMPLETED)
        .filter(finished_at__date__gte=period.start, finished_at__date__lte=period.end)
        .values_list(
            "plan__participant",
            "plan__participant__municipality__cbs_code",
            "plan__participant__education_level",
            "plan__participant__birth_date",
        )
        .distinct()
    )
    out = {}
    for key, rows in (("signed_up", signed), ("completed", completed)):
        seen: set[int] = set()
        cells = [[0] * len(values) for _ in codes]
        for pk, code, education, birth_date in rows:
            if pk in seen or code not in codes:
                continue
            seen.add(pk)
            cells[codes.index(code)][values.index(category(education, birth_date))] += 1
        out[key] = cells
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
