from django.db.models import Q
from django.utils import timezone

from .models import Scheme


def current_scheme(day=None) -> Scheme | None:
    day = day or timezone.localdate()
    return (
        Scheme.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
