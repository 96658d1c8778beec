"""Pages of the skills app: routes panels, occupations and skills of a participant, course
skill tags, and small occupation/skill pages. HTMX swaps partials where it helps; every form
also works as a plain submit."""

from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vakmanschap.accounts.permissions import is_anyone
from vakmanschap.catalogue.models import Course
from vakmanschap.core.access import guarded, require
from vakmanschap.esco.models import Concept, ConceptKind, attach_preferred_labels
from vakmanschap.funding.permissions import can_write_plans
from vakmanschap.people import services as people_services
from vakmanschap.people.models import WORK_DESCRIPTION_MAX_CHARS, Participant
from vakmanschap.skills_engine.routes import REASONS_EN, REASONS_NL

from . import loader, services
from .forms import (
    AddOccupationForm,
    DescribeWorkForm,
    OccupationSearchForm,
    SkillSearchForm,
    WorkDescriptionForm,
)
from .models import CourseSkill, PersonOccupation, PersonSkill, SkillStatus
from .permissions import (
    can_describe_own_work,
    can_edit_person_skills,
    can_preview_work_skills,
    can_tag_course,
    can_view_esco_pages,
    can_view_own_routes,
    can_view_routes,
)

ROUTES_SHOWN = 5


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _routes_context(request, participant) -> dict:
    lang = services.label_language()
    context = {
        "participant": participant,
        "routes": [],
        "error": "",
        "can_plan": can_write_plans(request.user, participant),
        "can_edit": can_edit_person_skills(request.user, participant),
        "has_profile": PersonOccupation.objects.filter(participant=participant).exists()
        or PersonSkill.objects.filter(participant=participant).exists(),
    }
    try:
        context["routes"] = services.routes_for(participant, ROUTES_SHOWN, lang)
    except loader.EscoNotImported:
        context["error"] = _(
            "Routes need the ESCO occupations and skills; they are not imported yet."
        )
    reasons = REASONS_NL if lang == "nl" else REASONS_EN
    open_plan = participant.plans.open().exists()  # a new plan waits until it has ended
    for route in context["routes"]:
        route.reason_texts = [reasons.get(r, r) for r in route.route.reasons]
        if route.occupation is not None and not open_plan:
            query = "&".join(
                [f"target={route.occupation.pk}"] + [f"courses={c.pk}" for c in route.courses]
            )
            route.plan_url = reverse("funding:plan_new", args=[participant.pk]) + "?" + query
    return context


def _routes_response(request, participant, page_title):
    context = _routes_context(request, participant)
    if _is_htmx(request):
        return render(request, "skills/_routes.html", context)
    context["page_title"] = page_title
    return render(request, "skills/routes_page.html", context)


@guarded(can_view_routes)
def person_routes(request, pk):
    participant = get_object_or_404(Participant.objects.active(), pk=pk)
    require(can_view_routes, request.user, participant)
    return _routes_response(request, participant, _("Routes for %(name)s") % {"name": participant})


@guarded(can_view_own_routes)
def my_routes(request):
    participant = Participant.objects.active().filter(user=request.user).first()
    if participant is None:
        raise Http404
    return _routes_response(request, participant, _("My routes"))


def _suggestions_for(text: str, participant):
    """The engine's suggestions for a description, and the message to show when ESCO is not
    imported yet."""
    try:
        return services.suggest_skills_from_work(text, participant), ""
    except loader.EscoNotImported:
        return [], _("Skills can be suggested once the ESCO skills are imported.")


@guarded(can_describe_own_work)
def describe_my_work(request):
    """The resident describes their work in their own words, sees the skills the engine finds
    in it (in Dutch where a Dutch label exists) and ticks the ones that are theirs. What they
    wrote at sign-up fills the form, and its suggestions show at once."""
    participant = Participant.objects.active().filter(user=request.user).first()
    if participant is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "confirm":
        ids = [v for v in request.POST.getlist("skills") if v.isdigit()]
        if not ids:
            messages.error(request, _("Tick at least one skill that fits your work."))
            return redirect("skills:describe_my_work")
        added = services.add_described_skills(participant, ids, by=request.user)
        messages.success(request, _("%(count)d skills added to your profile.") % {"count": added})
        return redirect("skills:describe_my_work")
    if request.method == "POST":
        form = DescribeWorkForm(request.POST)
    else:
        form = DescribeWorkForm(initial={"work": participant.work_description})
    text = participant.work_description
    if form.is_bound and form.is_valid():
        text = form.cleaned_data["work"]
        people_services.describe_work(participant, text)  # the advisor sees the latest words
    searched = bool(text.strip()) and (not form.is_bound or form.is_valid())
    suggestions, error = _suggestions_for(text, participant) if searched else ([], "")
    _held, added = _held_with_checklists(participant)
    return render(
        request,
        "skills/describe_my_work.html",
        {
            "participant": participant,
            "form": form,
            "suggestions": suggestions,
            "searched": searched,
            "error": error,
            "added": added,
        },
    )


# ---------------------------------------------------------------------- occupations and skills
def _editable_participant(request, pk):
    participant = get_object_or_404(Participant.objects.active(), pk=pk)
    return require(can_edit_person_skills, request.user, participant)


def _occupation_options(query: str):
    if not query.strip():
        return []
    try:
        return services.match_occupations(query, 8)
    except loader.EscoNotImported:
        return []


def _skill_options(query: str):
    if not query.strip():
        return []
    try:
        return services.search_skills(query, 10)
    except loader.EscoNotImported:
        return []


def _held_with_checklists(participant):
    held = list(
        PersonOccupation.objects.filter(participant=participant).select_related("occupation")
    )
    attach_preferred_labels([h.occupation for h in held])
    status = dict(
        PersonSkill.objects.filter(participant=participant).values_list("skill_id", "status")
    )
    for h in held:
        h.checklist = [(s, status.get(s.pk)) for s in services.essential_skills(h.occupation)]
    added = list(
        PersonSkill.objects.filter(
            participant=participant, status=SkillStatus.ADDED
        ).select_related("skill")
    )
    attach_preferred_labels([a.skill for a in added])
    return held, added


@guarded(can_edit_person_skills)
def person_skills(request, pk):
    participant = _editable_participant(request, pk)
    search = OccupationSearchForm(
        request.GET if "q" in request.GET else None, initial={"q": participant.current_job}
    )
    skill_search = WorkDescriptionForm(
        request.GET if "skill-q" in request.GET else None, prefix="skill"
    )
    search.fields["q"].widget.attrs.update(
        {
            "hx-get": reverse("skills:occupation_options", args=[pk]),
            "autocomplete": "off",
            "hx-trigger": "input changed delay:300ms, search",
            "hx-target": "#occupation-options",
        }
    )
    skill_search.fields["q"].widget.attrs.update(
        {
            "hx-get": reverse("skills:skill_options", args=[pk]),
            "autocomplete": "off",
            "hx-trigger": "input changed delay:300ms, search",
            "hx-target": "#skill-options",
        }
    )
    occupation_options = _occupation_options(request.GET.get("q", ""))
    skill_options = _skill_options(request.GET.get("skill-q", ""))
    held, added = _held_with_checklists(participant)
    described, described_error = _suggestions_for(participant.work_description, participant)
    return render(
        request,
        "skills/person_skills.html",
        {
            "participant": participant,
            "described": described,
            "described_error": described_error,
            "search": search,
            "skill_search": skill_search,
            "occupation_options": occupation_options,
            "skill_options": skill_options,
            "held": held,
            "added": added,
            "add_form": AddOccupationForm(),
            "query": request.GET.get("q", ""),
            "skill_query": request.GET.get("skill-q", ""),
        },
    )


@guarded(can_edit_person_skills)
def occupation_options(request, pk):
    """HTMX: the ESCO occupations matching a typed job title, as choosable options."""
    participant = _editable_participant(request, pk)
    if not _is_htmx(request):
        return redirect(reverse("skills:person_skills", args=[pk]) + "?" + request.GET.urlencode())
    return render(
        request,
        "skills/_occupation_options.html",
        {
            "participant": participant,
            "occupation_options": _occupation_options(request.GET.get("q", "")),
            "query": request.GET.get("q", ""),
            "add_form": AddOccupationForm(),
        },
    )


@guarded(can_edit_person_skills)
def skill_options(request, pk):
    participant = _editable_participant(request, pk)
    if not _is_htmx(request):
        return redirect(reverse("skills:person_skills", args=[pk]) + "?" + request.GET.urlencode())
    return render(
        request,
        "skills/_skill_options.html",
        {
            "participant": participant,
            "skill_options": _skill_options(request.GET.get("skill-q", "")),
            "skill_query": request.GET.get("skill-q", ""),
        },
    )


@require_POST
@guarded(can_edit_person_skills)
def add_occupation(request, pk):
    participant = _editable_participant(request, pk)
    form = AddOccupationForm(request.POST)
    if form.is_valid():
        occupation = Concept.objects.filter(
            pk=form.cleaned_data["occupation"], kind=ConceptKind.OCCUPATION
        ).first()
        if occupation is None:
            raise Http404
        services.add_occupation(
            participant, occupation, form.cleaned_data["years"], by=request.user
        )
        messages.success(request, _("The occupation has been added. Check its skills below."))
    else:
        messages.error(request, _("Give the years of experience as a number from 0 to 60."))
    return redirect("skills:person_skills", pk=participant.pk)


@require_POST
@guarded(can_edit_person_skills)
def remove_occupation(request, pk, held_pk):
    participant = _editable_participant(request, pk)
    get_object_or_404(PersonOccupation, pk=held_pk, participant=participant).delete()
    messages.success(request, _("The occupation has been removed."))
    return redirect("skills:person_skills", pk=participant.pk)


@require_POST
@guarded(can_edit_person_skills)
def save_checklist(request, pk, held_pk):
    participant = _editable_participant(request, pk)
    held = get_object_or_404(PersonOccupation, pk=held_pk, participant=participant)
    keep = set(
        Concept.objects.filter(
            pk__in=[v for v in request.POST.getlist("skills") if v.isdigit()]
        ).values_list("uri", flat=True)
    )
    confirmed, removed = services.confirm_occupation_skills(
        participant, held.occupation, keep, by=request.user
    )
    messages.success(
        request,
        _("Skills saved: %(confirmed)d confirmed, %(removed)d removed.")
        % {"confirmed": confirmed, "removed": removed},
    )
    return redirect("skills:person_skills", pk=participant.pk)


@require_POST
@guarded(can_edit_person_skills)
def add_described_skills(request, pk):
    """The advisor records the skills ticked among those suggested from the participant's own
    description of their work."""
    participant = _editable_participant(request, pk)
    ids = [v for v in request.POST.getlist("skills") if v.isdigit()]
    if not ids:
        messages.error(request, _("Tick at least one skill that fits the work."))
    else:
        added = services.add_described_skills(participant, ids, by=request.user)
        messages.success(request, _("%(count)d skills added.") % {"count": added})
    return redirect("skills:person_skills", pk=participant.pk)


@require_POST
@guarded(can_edit_person_skills)
def add_skill(request, pk):
    participant = _editable_participant(request, pk)
    skill = get_object_or_404(Concept, pk=request.POST.get("skill") or 0, kind=ConceptKind.SKILL)
    services.set_skill(participant, skill, SkillStatus.ADDED, by=request.user)
    messages.success(request, _("The skill has been added."))
    return redirect("skills:person_skills", pk=participant.pk)


@require_POST
@guarded(can_edit_person_skills)
def remove_skill(request, pk, skill_pk):
    participant = _editable_participant(request, pk)
    PersonSkill.objects.filter(
        participant=participant, skill_id=skill_pk, status=SkillStatus.ADDED
    ).delete()
    messages.success(request, _("The skill has been removed."))
    return redirect("skills:person_skills", pk=participant.pk)


# ---------------------------------------------------------------------- course tags
@guarded(can_tag_course)
def course_tags(request, pk):
    course = get_object_or_404(Course.objects.select_related("provider"), pk=pk)
    require(can_tag_course, request.user, course)
    if request.method == "POST":
        action = request.POST.get("action", "")
        tag_id = request.POST.get("tag") or 0
        if action == "suggest":
            try:
                made = services.suggest_course_skills(course, by=request.user)
            except loader.EscoNotImported as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    _("%(count)d skills suggested; confirm the ones the course teaches.")
                    % {"count": len(made)},
                )
        elif action == "confirm":
            tag = get_object_or_404(CourseSkill, pk=tag_id, course=course)
            tag.confirmed, tag.confirmed_by = True, request.user
            tag.save(update_fields=["confirmed", "confirmed_by", "updated_at"])
            messages.success(request, _("The skill has been confirmed."))
        elif action == "remove":
            get_object_or_404(CourseSkill, pk=tag_id, course=course).delete()
            messages.success(request, _("The skill has been removed."))
        elif action == "add":
            skill = get_object_or_404(
                Concept, pk=request.POST.get("skill") or 0, kind=ConceptKind.SKILL
            )
            CourseSkill.objects.update_or_create(
                course=course,
                skill=skill,
                defaults={
                    "confirmed": True,
                    "confirmed_by": request.user,
                    "tagged_by": request.user,
                },
            )
            messages.success(request, _("The skill has been added."))
        return redirect("skills:course_tags", pk=course.pk)
    tags = list(CourseSkill.objects.filter(course=course).select_related("skill"))
    attach_preferred_labels([t.skill for t in tags])
    skill_search = SkillSearchForm(
        request.GET if "skill-q" in request.GET else None, prefix="skill"
    )
    return render(
        request,
        "skills/course_tags.html",
        {
            "course": course,
            "confirmed": [t for t in tags if t.confirmed],
            "suggested": [t for t in tags if not t.confirmed],
            "skill_search": skill_search,
            "skill_options": _skill_options(request.GET.get("skill-q", "")),
            "skill_query": request.GET.get("skill-q", ""),
        },
    )


# ---------------------------------------------------------------------- occupation and skill pages
@guarded(can_view_esco_pages)
def occupation_page(request, pk):
    occupation = get_object_or_404(Concept, pk=pk, kind=ConceptKind.OCCUPATION)
    similar = []
    try:
        engine = loader.get_engine()
        found = engine.similar_occupations(occupation.uri, 10, viable_only=False)
        by_uri = Concept.objects.in_bulk([u for u, *_ in found], field_name="uri")
        attach_preferred_labels(by_uri.values())
        similar = [(by_uri[u], score, viable) for u, _, score, viable, _ in found if u in by_uri]
    except loader.EscoNotImported:
        pass
    skills = services.essential_skills(occupation)
    courses = (
        Course.objects.active()
        .filter(skill_tags__skill__in=skills, skill_tags__confirmed=True)
        .annotate(n=Count("skill_tags"))
        .select_related("provider")
        .order_by("-n", "title")
        .distinct()[:10]
    )
    attach_preferred_labels([occupation])
    return render(
        request,
        "skills/occupation.html",
        {"occupation": occupation, "similar": similar, "skills": skills, "courses": courses},
    )


@guarded(can_view_esco_pages)
def skill_page(request, pk):
    skill = get_object_or_404(Concept, pk=pk, kind=ConceptKind.SKILL)
    courses = (
        Course.objects.active()
        .filter(skill_tags__skill=skill, skill_tags__confirmed=True)
        .select_related("provider")
        .order_by("title")
    )
    return render(request, "skills/skill.html", {"skill": skill, "courses": courses})


@guarded(is_anyone)
def title_suggestions(request):
    """HTMX, for the sign-up forms: ESCO occupation labels for a typed job title, as the
    options of a <datalist> (the browser's own accessible suggestion list)."""
    query = (request.GET.get("current_job") or request.GET.get("q") or "")[:100]
    labels = [label for _concept, label, _score in _occupation_options(query)]
    return render(request, "skills/_title_suggestions.html", {"labels": labels})


# While typing on the sign-up form: at most this many previews a minute per address, and none
# for a text too short to say anything.
PREVIEWS_PER_MINUTE = 30
PREVIEW_MIN_CHARS = 10


def _preview_allowed(request) -> bool:
    key = f"skills:work-preview:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=60)
    try:
        return cache.incr(key) <= PREVIEWS_PER_MINUTE
    except ValueError:  # expired between add and incr
        return True


@guarded(can_preview_work_skills)
def work_suggestions(request):
    """HTMX, for the sign-up form's "describe your work": the skills the engine finds while the
    resident types, to show only (they tick theirs after signing up). One indexed engine query
    on at most 1,000 characters, rate-limited per address; without JavaScript nothing asks."""
    if not _preview_allowed(request):
        return HttpResponse(status=429)
    text = (request.GET.get("work_description") or "")[:WORK_DESCRIPTION_MAX_CHARS]
    found = []
    if len(text.strip()) >= PREVIEW_MIN_CHARS:
        found, _error = _suggestions_for(text, None)
    return render(request, "skills/_work_suggestions.html", {"found": found})
