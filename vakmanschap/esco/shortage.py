"""Which occupations are shortage occupations (Kansberoepenlijst) in a region on a date.

Every imported list is a dated version; the version valid on a date is the one whose period
contains it, and when periods overlap the one that starts latest (then the newest import) wins.
A region is given as a `LabourMarketRegion`, its code, or None for the fund's home region.
"""

import datetime

from django.db.models import Q, QuerySet, Subquery
from django.utils import timezone

from vakmanschap.region.models import LabourMarketRegion

from .models import DEFAULT_REGION, Occupation, ShortageList, ShortageOccupation


def shortage_list_on(
    region=DEFAULT_REGION, on_date: datetime.date | None = None
) -> ShortageList | None:
    lists = _lists_on(region, on_date)
    return None if lists is None else lists.first()


def _lists_on(region, on_date: datetime.date | None) -> QuerySet | None:
    """The lists valid in `region` on `on_date`, the one that applies first; None for an
    unknown region."""
    on_date = on_date or timezone.localdate()
    try:
        region = LabourMarketRegion.objects.by_code(region)
    except LabourMarketRegion.DoesNotExist:
        return None
    return (
        ShortageList.objects.filter(region=region, valid_from__lte=on_date)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on_date))
        .order_by("-valid_from", "-imported_at", "-id")
    )


def shortage_occupations(region=DEFAULT_REGION, on_date: datetime.date | None = None) -> QuerySet:
    """The occupations on the list valid in `region` on `on_date` (default: today)."""
    current = shortage_list_on(region, on_date)
    if current is None:
        return Occupation.objects.none()
    return Occupation.objects.filter(shortage_entries__shortage_list=current)


def shortage_entry(
    occupation, region=DEFAULT_REGION, on_date: datetime.date | None = None
) -> ShortageOccupation | None:
    """The occupation's entry on the list valid on `on_date`, or None if it is not on it (one
    query: the list is found inside it)."""
    lists = _lists_on(region, on_date)
    if lists is None:
        return None
    return (
        ShortageOccupation.objects.select_related("shortage_list")
        .filter(shortage_list=Subquery(lists.values("pk")[:1]), occupation=occupation)
        .first()
    )
