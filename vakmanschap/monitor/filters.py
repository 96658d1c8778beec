"""Who the monitor counts: filters by municipality, target group, sector, education level and
age band.

A filter narrows the participants; every section that counts people counts only those. The
sector is that of the shortage occupation a participant's plan aims at (the region's current
shortage list). The age band is the age on the period's last day. Gender is not asked at sign-up
(data minimisation), so there is no gender filter.
"""

import datetime
from dataclasses import asdict, dataclass

from django.db.models import Q

from vakmanschap.esco.models import ShortageOccupation
from vakmanschap.esco.shortage import shortage_list_on
from vakmanschap.funding.models import TrainingPlan

# (key, youngest, oldest) in whole years; None = open.
AGE_BANDS = (
    ("under-25", None, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55-plus", 55, None),
)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_band_q(key: str, on_date: datetime.date) -> Q:
    """People whose age on `on_date` lies in the band."""
    _key, youngest, oldest = next(b for b in AGE_BANDS if b[0] == key)
    q = Q()
    if youngest is not None:  # born on or before the day they turned `youngest`
        q &= Q(birth_date__lte=_years_before(on_date, youngest))
    if oldest is not None:  # not yet `oldest + 1`
        q &= Q(birth_date__gt=_years_before(on_date, oldest + 1))
    return q


def sectors_of(region) -> list[str]:
    current = shortage_list_on(region)
    if current is None:
        return []
    return sorted(
        set(current.entries.exclude(sector="").values_list("sector", flat=True).distinct())
    )


@dataclass(frozen=True)
class Filters:
    municipality: str = ""  # CBS code
    sector: str = ""
    education_level: str = ""
    age_band: str = ""
    target_group: str = ""  # a WorkSituation among TARGET_GROUPS

    @property
    def active(self) -> bool:
        return any(asdict(self).values())

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    def people(self, qs, region, on_date: datetime.date):
        """Narrow a Participant queryset."""
        return self._narrow(qs, region, on_date, "municipality__cbs_code", "pk")

    def steps(self, qs, region, on_date: datetime.date):
        """Narrow the summary table's `PersonStep` rows (the person's dimensions are copied)."""
        return self._narrow(qs, region, on_date, "municipality_code", "participant")

    def _narrow(self, qs, region, on_date, municipality_field, person_field):
        if self.municipality:
            qs = qs.filter(**{municipality_field: self.municipality})
        if self.education_level:
            qs = qs.filter(education_level=self.education_level)
        if self.target_group:
            qs = qs.filter(work_situation=self.target_group)
        if self.age_band:
            qs = qs.filter(age_band_q(self.age_band, on_date))
        if self.sector:
            current = shortage_list_on(region, on_date)
            occupations = ShortageOccupation.objects.filter(
                shortage_list=current, sector=self.sector
            ).values("occupation")
            qs = qs.filter(**{f"{person_field}__in": _with_plan_towards(occupations)})
        return qs


def _with_plan_towards(occupations):
    return TrainingPlan.objects.filter(target_occupation__in=occupations).values("participant")


NONE = Filters()
