"""Shortages: people trained per shortage occupation and sector, against the open vacancies and
learning-work places in the network.

The occupations are the entries of the region's shortage list valid on the period's last day.
Trained: distinct participants of the region (narrowed by the filters) whose cheque for a plan
aimed at the occupation was completed in the period (the summary's `trained_towards` rows).
Vacancies: open vacancies of the network in the region's municipalities for that occupation,
now (a vacancy keeps no history); a learning-work place is one that offers learning on the job
(BBL). Filters narrow people only.
"""

from django.db.models import Count, Q

from vakmanschap.esco.shortage import shortage_list_on
from vakmanschap.vacancies.models import Vacancy

from .figures import rows_of
from .filters import NONE, Filters


def by_occupation(region, period, filters: Filters = NONE) -> dict:
    """{"occupations": [{uri, label, sector, trained, vacancies, learning_work_places}],
    "sectors": [{sector, trained, vacancies, learning_work_places}], "totals": {...}}."""
    current = shortage_list_on(region, period.end)
    if current is None:
        return {"occupations": [], "sectors": [], "totals": None}
    entries = list(current.entries.select_related("occupation").order_by("sector", "label"))
    occupation_ids = [e.occupation_id for e in entries]
    rows = rows_of(region, period, filters=filters)
    found = rows.filter(step="trained_towards", occupation__in=occupation_ids).per_period(
        {"trained": period}, group=("occupation",)
    )
    trained = {occupation: n["trained"] for (occupation,), n in found.items()}
    vacancies = {
        occupation: (n, bbl)
        for occupation, n, bbl in Vacancy.objects.open()
        .filter(occupation__in=occupation_ids, municipality__region=region)
        .values_list("occupation")
        .annotate(n=Count("pk"), bbl=Count("pk", filter=Q(bbl=True)))
    }
    occupations, sectors = [], {}
    for entry in entries:
        n, bbl = vacancies.get(entry.occupation_id, (0, 0))
        row = {
            "uri": entry.occupation.uri,
            "label": entry.label or str(entry.occupation.label()),
            "sector": entry.sector,
            "trained": trained.get(entry.occupation_id, 0),
            "vacancies": n,
            "learning_work_places": bbl,
        }
        occupations.append(row)
        sector = sectors.setdefault(
            entry.sector,
            {"sector": entry.sector, "trained": 0, "vacancies": 0, "learning_work_places": 0},
        )
        for key in ("trained", "vacancies", "learning_work_places"):
            sector[key] += row[key]
    keys = ("trained", "vacancies", "learning_work_places")
    totals = {key: sum(row[key] for row in occupations) for key in keys}
    return {"occupations": occupations, "sectors": list(sectors.values()), "totals": totals}
