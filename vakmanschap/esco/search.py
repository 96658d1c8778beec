"""Occupation search over preferred, alternative and hidden labels.

Matches in the active language rank first (preferred, then alternative, then hidden labels),
then matches in other languages; within a rank results are ordered by the displayed label.
"""

from django.db.models import Case, F, IntegerField, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Lower

from .models import FALLBACK_LANGUAGE, Label, LabelKind, Occupation, current_language


def search_occupations(query: str = "", lang: str | None = None):
    lang = lang or current_language()
    labels = Label.objects.filter(concept=OuterRef("pk"))
    preferred = labels.filter(kind=LabelKind.PREFERRED)
    qs = Occupation.objects.annotate(
        label_current=Subquery(preferred.filter(language=lang).values("text")[:1]),
        label_fallback=Subquery(preferred.filter(language=FALLBACK_LANGUAGE).values("text")[:1]),
    ).annotate(
        display=Coalesce("label_current", "label_fallback", Value(""), output_field=TextField())
    )
    if not query:
        return qs.order_by(Lower("display"), "pk")
    rank = Case(
        When(language=lang, then=Value(0)), default=Value(10), output_field=IntegerField()
    ) + F("kind")
    matches = labels.filter(text__icontains=query).annotate(rank=rank).order_by("rank", "text")
    return (
        qs.annotate(
            rank=Subquery(matches.values("rank")[:1]), matched=Subquery(matches.values("text")[:1])
        )
        .filter(rank__isnull=False)
        .order_by("rank", Lower("display"), "pk")
    )
