"""Network: the employers of the region in the iKBiNDR network, their pledges and scans, and the
scan's scores per dimension by SBI sector.

Members: pledges current on the period's last day. Pledges: pledges that started in the period.
Scans: scans closed in the period with at least one response. Scores: each company's latest scan
with scores up to the period's end, averaged per dimension (0–100) over the companies of a
sector, only for sectors with at least MIN_COMPANIES of them; smaller sectors show no scores and
no count (one company's scores would be its own). The region row is held to the same rule.
"""

from statistics import mean

from vakmanschap.network.models import NetworkMembership, SbiSection
from vakmanschap.scan.models import Dimension, Scan

MIN_COMPANIES = 5


def _in_region(region):
    return {"organisation__municipality__region": region}


def dimension_labels(keys) -> dict[str, str]:
    """{key: label in the active language}, from the newest questionnaire that has the key."""
    labels: dict[str, str] = {}
    for dimension in Dimension.objects.filter(key__in=keys).order_by(
        "-questionnaire__version", "order"
    ):
        labels.setdefault(dimension.key, dimension.label)
    return labels


def latest_scores(region, period) -> list[tuple[str, dict[str, float]]]:
    """[(sector, scores)] of each company's latest scan with scores up to the period's end."""
    latest = {}
    for scan in (
        Scan.objects.filter(
            **_in_region(region),
            respondent_count__gt=0,
            created_at__date__lte=period.end,
        )
        .exclude(scores={})
        .select_related("organisation__employer_profile")
        .order_by("organisation_id", "-created_at", "-pk")
    ):
        latest.setdefault(scan.organisation_id, scan)
    out = []
    for scan in latest.values():
        profile = getattr(scan.organisation, "employer_profile", None)
        out.append((profile.sector if profile else "", scan.scores))
    return out


def _averages(scores: list[dict[str, float]], keys: list[str]) -> dict[str, int | None]:
    return {
        k: round(mean(s[k] for s in scores if k in s)) if any(k in s for s in scores) else None
        for k in keys
    }


def network(region, period) -> dict:
    members = NetworkMembership.objects.filter(**_in_region(region))
    companies = latest_scores(region, period)
    keys = sorted({k for _sector, scores in companies for k in scores})
    by_sector: dict[str, list[dict]] = {}
    for sector, scores in companies:
        by_sector.setdefault(sector, []).append(scores)
    names = dict(SbiSection.choices)
    sectors = []
    for sector, rows in sorted(by_sector.items()):
        enough = len(rows) >= MIN_COMPANIES
        sectors.append(
            {
                "sector": sector,
                "label": str(names.get(sector, "")),
                "companies": len(rows) if enough else None,
                "scores": _averages(rows, keys) if enough else None,
            }
        )
    everyone = [scores for _sector, scores in companies]
    enough = len(everyone) >= MIN_COMPANIES
    dimensions = [{"key": k, "label": v} for k, v in dimension_labels(keys).items()]
    for row in sectors:  # the scores in the order of the dimensions, for tables
        row["cells"] = [row["scores"].get(d["key"]) for d in dimensions] if row["scores"] else None
    return {
        "members": members.current(period.end).count(),
        "pledges": members.filter(start_date__gte=period.start, start_date__lte=period.end).count(),
        "scans": Scan.objects.filter(
            **_in_region(region),
            respondent_count__gt=0,
            closed_at__date__gte=period.start,
            closed_at__date__lte=period.end,
        ).count(),
        "dimensions": dimensions,
        "by_sector": sectors,
        "region": {
            "companies": len(everyone) if enough else None,
            "scores": _averages(everyone, keys) if enough else None,
        },
        "min_companies": MIN_COMPANIES,
    }
