"""Untapped labour potential per municipality, imported from CSV, set against the people the
fund reached in the same target groups.

CSV layout (UTF-8, header row, `#` lines are comments):
`cbs_code,year,total,part_time_wants_more,unemployed,status_holders` — the CBS code of a
municipality already known, the year (2000–2100), the untapped labour potential and the part of
it in each target group (whole numbers, each group at most the total). All or nothing: a bad line
is reported with its number and nothing is imported; importing a municipality and year again
replaces its figures.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from vakmanschap.people.choices import WorkSituation
from vakmanschap.region.models import Municipality

from . import csv_files
from .figures import rows_of
from .filters import NONE, Filters
from .models import LabourPotential

GROUPS = {
    "part_time_wants_more": WorkSituation.PART_TIME_WANTS_MORE,
    "unemployed": WorkSituation.UNEMPLOYED,
    "status_holders": WorkSituation.STATUS_HOLDER,
}
SAMPLE = Path(__file__).resolve().parent / "samples" / "labour_potential.csv"
COLUMNS = ("cbs_code", "year", "total", *GROUPS)


def read_potential(path) -> list[tuple[Municipality, dict[str, int]]]:
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    errors: list[str] = []
    out, seen = [], {}
    for line, row in csv_files.read(path, COLUMNS):
        municipality = municipalities.get(row["cbs_code"].upper())
        if municipality is None:
            errors.append(
                _("Line %(line)d, column cbs_code: no municipality with code “%(code)s”.")
                % {"line": line, "code": row["cbs_code"]}
            )
        year = csv_files.whole_number(row, "year", line, errors, 2000, 2100)
        numbers = {c: csv_files.whole_number(row, c, line, errors) for c in ("total", *GROUPS)}
        if municipality is None or year is None or None in numbers.values():
            continue
        for group in GROUPS:
            if numbers[group] > numbers["total"]:
                errors.append(
                    _("Line %(line)d, column %(column)s: more than the total.")
                    % {"line": line, "column": group}
                )
        key = (municipality.cbs_code, year)
        if key in seen:
            errors.append(
                _("Line %(line)d: %(code)s %(year)d is already on line %(first)d.")
                % {"line": line, "code": key[0], "year": year, "first": seen[key]}
            )
        seen.setdefault(key, line)
        out.append((municipality, {"year": year, **numbers}))
    csv_files.refuse_if(errors)
    return out


@transaction.atomic
def import_potential(path) -> int:
    rows = read_potential(path)
    for municipality, numbers in rows:
        year = numbers.pop("year")
        LabourPotential.objects.update_or_create(
            municipality=municipality, year=year, defaults=numbers
        )
    return len(rows)


@dataclass
class Reach:
    code: str
    name: str
    year: int | None  # of the potential figures; None when there are none
    potential: dict[str, int]  # "total" and each group
    reached: dict[str, int]  # each group and "total" (the three groups together)

    @property
    def per_thousand(self) -> float | None:
        """People of the target groups reached per 1,000 of the potential in those groups."""
        base = sum(self.potential.get(g, 0) for g in GROUPS)
        return round(1000 * self.reached["total"] / base, 1) if base else None


def against_reach(region, period, filters: Filters = NONE) -> list[Reach]:
    """Per municipality of the region: the latest potential up to the period's year and the
    people of each target group who signed up in the period (narrowed by the filters; the
    summary's sign-up rows)."""
    latest: dict[int, LabourPotential] = {}
    for row in LabourPotential.objects.filter(
        municipality__region=region, year__lte=period.end.year
    ).order_by("year"):
        latest[row.municipality_id] = row
    rows = rows_of(region, period, filters=filters)
    found = rows.filter(step="signed_up", work_situation__in=GROUPS.values()).per_period(
        {"reached": period}, group=("municipality_code", "work_situation")
    )
    reached = {key: n["reached"] for key, n in found.items()}
    result = []
    for m in region.municipalities.order_by("name"):
        if filters.municipality and m.cbs_code != filters.municipality:
            continue
        row = latest.get(m.pk)
        groups = {k: reached.get((m.cbs_code, v.value), 0) for k, v in GROUPS.items()}
        result.append(
            Reach(
                m.cbs_code,
                m.name,
                row.year if row else None,
                {k: getattr(row, k) for k in ("total", *GROUPS)} if row else {},
                {**groups, "total": sum(groups.values())},
            )
        )
    return result


def as_dicts(rows: list[Reach]) -> list[dict]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "year": r.year,
            "potential": r.potential or None,
            "reached": r.reached,
            "reached_per_thousand": r.per_thousand,
        }
        for r in rows
    ]
