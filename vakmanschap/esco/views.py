from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from vakmanschap.accounts.permissions import is_authenticated
from vakmanschap.core.access import guarded

from .models import (
    COLLECTION_NAMES,
    Broader,
    CollectionMembership,
    LabelSource,
    Occupation,
    OccupationSkill,
    RelationType,
    Skill,
    attach_preferred_labels,
    current_language,
)
from .search import search_occupations
from .shortage import shortage_entry, shortage_occupations

PAGE_SIZE = 25


def _by_label(concepts):
    return sorted(concepts, key=lambda c: c.label().text.casefold())


def _split_links(links, attr):
    """Occupation–skill links -> (essential, optional) concepts, sorted by label."""
    links = list(links)
    attach_preferred_labels([getattr(link, attr) for link in links])
    essential = [getattr(x, attr) for x in links if x.relation_type == RelationType.ESSENTIAL]
    optional = [getattr(x, attr) for x in links if x.relation_type == RelationType.OPTIONAL]
    return _by_label(essential), _by_label(optional)


def _label_sections(concept):
    """Labels per language, the active language first, then English, then the rest."""
    labels = concept.labels_by_language()
    for names in labels.values():  # ESCO often repeats the preferred label among the alt ones
        names["alt"] = [t for t in names["alt"] if t not in names["preferred"]]
        names["sources"] = [
            (LabelSource(source).label, texts)
            for source, texts in sorted(names["sources"].items(), key=lambda item: item[0])
        ]
    lang = current_language()
    order = sorted(labels, key=lambda code: (code != lang, code != "en", code))
    return [(code, labels[code]) for code in order]


@guarded(is_authenticated)
def occupation_list(request):
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(search_occupations(query), PAGE_SIZE).get_page(request.GET.get("page"))
    on_list = set(
        shortage_occupations().filter(pk__in=[o.pk for o in page]).values_list("pk", flat=True)
    )
    lang = current_language()
    for occupation in page:
        occupation.on_shortage_list = occupation.pk in on_list
        # The search already fetched the labels; label() and {% esco_label %} use them.
        occupation._preferred_cache = {
            code: text
            for code, text in ((lang, occupation.label_current), ("en", occupation.label_fallback))
            if text
        }
    return render(request, "esco/occupation_list.html", {"page": page, "query": query})


@guarded(is_authenticated)
def occupation_detail(request, pk):
    occupation = get_object_or_404(Occupation.objects.select_related("isco_group"), pk=pk)
    links = OccupationSkill.objects.filter(occupation=occupation).select_related("skill")
    essential, optional = _split_links(links, "skill")
    return render(
        request,
        "esco/occupation_detail.html",
        {
            "occupation": occupation,
            "label_sections": _label_sections(occupation),
            "description": occupation.description(),
            "essential_skills": essential,
            "optional_skills": optional,
            "shortage": shortage_entry(occupation),
        },
    )


@guarded(is_authenticated)
def skill_detail(request, pk):
    skill = get_object_or_404(Skill, pk=pk)
    broader = [
        link.broader for link in Broader.objects.filter(concept=skill).select_related("broader")
    ]
    attach_preferred_labels(broader)
    links = OccupationSkill.objects.filter(skill=skill).select_related("occupation")
    essential, optional = _split_links(links, "occupation")
    collections = sorted(
        str(COLLECTION_NAMES.get(code, code))
        for code in CollectionMembership.objects.filter(concept=skill).values_list(
            "collection", flat=True
        )
    )
    return render(
        request,
        "esco/skill_detail.html",
        {
            "skill": skill,
            "label_sections": _label_sections(skill),
            "description": skill.description(),
            "broader": _by_label(broader),
            "collections": collections,
            "essential_for": essential,
            "optional_for": optional,
        },
    )
