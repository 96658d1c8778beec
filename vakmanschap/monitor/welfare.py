"""Broad welfare (Bruto Twents Geluk): the region's marks per dimension over the years, next to
the fund's own outcomes and the well-being answers of the scan and the follow-up.

CSV layout (UTF-8, header row, `#` lines are comments): `region_code,year,source,dimension,mark`
— a known region code, the year (2000–2100), the source (`rabo`: RaboResearch's 11 dimensions
plus `overall`; `cbs`: CBS's 8 "hier en nu" themes), the dimension key below and the mark (1–10,
one decimal; a comma or a point). All or nothing, line numbers on every problem; importing a
region, year, source and dimension again replaces its mark.
"""

from decimal import Decimal, InvalidOperation
from pathlib import Path
from statistics import mean

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vakmanschap.region.models import LabourMarketRegion

from . import csv_files
from .figures import rows_of
from .filters import NONE, Filters
from .models import WelfareMark, WelfareSource
from .network_figures import MIN_COMPANIES, latest_scores

SAMPLE = Path(__file__).resolve().parent / "samples" / "broad_welfare.csv"
COLUMNS = ("region_code", "year", "source", "dimension", "mark")
DIMENSIONS = {
    WelfareSource.RABO: {
        "overall": gettext_lazy("Overall"),
        "inkomen": gettext_lazy("Income"),
        "baanzekerheid": gettext_lazy("Job security"),
        "persoonlijke-ontwikkeling": gettext_lazy("Personal development"),
        "gezondheid": gettext_lazy("Health"),
        "werk-privebalans": gettext_lazy("Work-life balance"),
        "sociale-contacten": gettext_lazy("Social contacts"),
        "maatschappelijke-betrokkenheid": gettext_lazy("Civic engagement"),
        "subjectief-welzijn": gettext_lazy("Subjective well-being"),
        "huisvesting": gettext_lazy("Housing"),
        "veiligheid": gettext_lazy("Safety"),
        "milieu": gettext_lazy("Environment"),
    },
    WelfareSource.CBS: {
        "welzijn": gettext_lazy("Well-being"),
        "materiele-welvaart": gettext_lazy("Material welfare"),
        "gezondheid": gettext_lazy("Health"),
        "arbeid-en-vrije-tijd": gettext_lazy("Work and leisure"),
        "wonen": gettext_lazy("Housing"),
        "samenleving": gettext_lazy("Society"),
        "veiligheid": gettext_lazy("Safety"),
        "milieu": gettext_lazy("Environment"),
    },
}
# The scan's dimension on well-being at work; follow-up answers: how much the training helped.
SCAN_WELL_BEING = "duurzame-inzetbaarheid"
MIN_ANSWERS = 10


def _mark(raw: str, line: int, errors: list[str]) -> Decimal | None:
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 1 <= value <= 10 or value != round(value, 1):
        errors.append(
            _(
                "Line %(line)d, column mark: “%(value)s” is not a mark from 1 to 10 with at most one decimal."
            )
            % {"line": line, "value": raw}
        )
        return None
    return value


def read_marks(path) -> list[dict]:
    regions = {r.code: r for r in LabourMarketRegion.objects.all()}
    errors: list[str] = []
    out, seen = [], {}
    for line, row in csv_files.read(path, COLUMNS):
        before = len(errors)
        region = regions.get(row["region_code"].lower())
        if region is None:
            errors.append(
                _("Line %(line)d, column region_code: no region with code “%(code)s”.")
                % {"line": line, "code": row["region_code"]}
            )
        year = csv_files.whole_number(row, "year", line, errors, 2000, 2100)
        source = row["source"].lower()
        if source not in DIMENSIONS:
            errors.append(
                _("Line %(line)d, column source: “%(value)s” is not one of %(choices)s.")
                % {"line": line, "value": row["source"], "choices": ", ".join(DIMENSIONS)}
            )
        elif row["dimension"].lower() not in DIMENSIONS[source]:
            errors.append(
                _("Line %(line)d, column dimension: “%(value)s” is not one of %(choices)s.")
                % {
                    "line": line,
                    "value": row["dimension"],
                    "choices": ", ".join(DIMENSIONS[source]),
                }
            )
        mark = _mark(row["mark"], line, errors)
        if len(errors) > before:
            continue
        key = (region.code, year, source, row["dimension"].lower())
        if key in seen:
            errors.append(
                _("Line %(line)d: the same region, year, source and dimension as line %(first)d.")
                % {"line": line, "first": seen[key]}
            )
        seen.setdefault(key, line)
        out.append(
            {"region": region, "year": year, "source": source, "dimension": key[3], "mark": mark}
        )
    csv_files.refuse_if(errors)
    return out


@transaction.atomic
def import_marks(path) -> int:
    rows = read_marks(path)
    for row in rows:
        mark = row.pop("mark")
        WelfareMark.objects.update_or_create(**row, defaults={"mark": mark})
    return len(rows)


def marks(region, period) -> list[dict]:
    """Per source: the years up to the period's end and, per dimension, the mark in each year
    (None where there is none)."""
    out = []
    rows = WelfareMark.objects.filter(region=region, year__lte=period.end.year)
    for source, dimensions in DIMENSIONS.items():
        found = {(m.dimension, m.year): m.mark for m in rows if m.source == source}
        years = sorted({year for _dimension, year in found})
        if not years:
            continue
        out.append(
            {
                "source": source,
                "label": WelfareSource(source).label,
                "years": years,
                "dimensions": [
                    {
                        "key": key,
                        "label": label,
                        "marks": [found.get((key, year)) for year in years],
                    }
                    for key, label in dimensions.items()
                    if any((key, year) in found for year in years)
                ],
            }
        )
    return out


def well_being(region, period, filters: Filters = NONE) -> dict:
    """The scan's well-being-at-work score over the region's companies (at least
    MIN_COMPANIES, else None) and the follow-up's average helpfulness (1–5) over the answers
    given in the period by the region's people (narrowed by the filters; at least MIN_ANSWERS,
    else None). The follow-up asks no other question on well-being."""
    companies = [
        s[SCAN_WELL_BEING] for _sector, s in latest_scores(region, period) if SCAN_WELL_BEING in s
    ]
    rows = rows_of(region, period, filters=filters).filter(step="helped")
    # The summary's rows of answers with a helpfulness mark.
    helped = rows.qs.filter(rows.within(period)).aggregate(
        answers=Sum("records"), points=Sum("points")
    )
    answers = helped["answers"] or 0
    return {
        "scan_companies": len(companies) if len(companies) >= MIN_COMPANIES else None,
        "scan_score": round(mean(companies)) if len(companies) >= MIN_COMPANIES else None,
        "follow_up_answers": answers if answers >= MIN_ANSWERS else None,
        "follow_up_helpfulness": (
            round(helped["points"] / answers, 1) if answers >= MIN_ANSWERS else None
        ),
        "min_companies": MIN_COMPANIES,
        "min_answers": MIN_ANSWERS,
    }
