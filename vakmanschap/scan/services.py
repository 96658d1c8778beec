"""Business rules of the scan: taking it, employees' anonymous answers, closing, the report."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vakmanschap.accounts.languages import language_for_address
from vakmanschap.core.tasks import send_email

from . import scoring
from .models import Answer, Questionnaire, RespondentLink, Response, Scan


class AnswerErrors(Exception):
    """Invalid answers: `errors` maps each offending item id (as text) to a message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


class NoQuestionnaire(Exception):
    pass


class LinkNotUsable(Exception):
    pass


def current_questionnaire() -> Questionnaire:
    questionnaire = Questionnaire.objects.current()
    if questionnaire is None:
        raise NoQuestionnaire(_("No questionnaire has been published yet."))
    return questionnaire


def dimension_map(questionnaire) -> dict[str, list[tuple[int, bool]]]:
    return {d.key: [(i.pk, i.reverse) for i in items] for d, items in questionnaire.structure()}


def validate_answers(questionnaire, raw) -> dict[int, int]:
    """Every item answered once with a whole number 1–5; nothing else. Raises AnswerErrors."""
    if not isinstance(raw, dict):
        raise AnswerErrors({"answers": _('Send the answers as an object: {"<item id>": 1..5}.')})
    item_ids = {item_id for items in dimension_map(questionnaire).values() for item_id, _r in items}
    errors, answers = {}, {}
    for key, value in raw.items():
        try:
            item_id = int(key)
        except (TypeError, ValueError):
            item_id = None
        if item_id not in item_ids:
            errors[str(key)] = _("This is not a statement of the current questionnaire.")
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            errors[str(key)] = _("Answer with a whole number from 1 to 5.")
            continue
        answers[item_id] = value
    for item_id in sorted(item_ids - set(answers) - {int(k) for k in errors if k.isdigit()}):
        errors[str(item_id)] = _("This statement has not been answered.")
    if errors:
        raise AnswerErrors(errors)
    return answers


def _save_answers(response, answers: dict[int, int]):
    Answer.objects.bulk_create(
        [
            Answer(response=response, item_id=item_id, value=value)
            for item_id, value in answers.items()
        ]
    )


@transaction.atomic
def start_scan(organisation, user, raw_answers) -> Scan:
    """A new scan round with the management respondent's answers. All or nothing."""
    questionnaire = current_questionnaire()
    answers = validate_answers(questionnaire, raw_answers)
    scan = Scan.objects.create(
        organisation=organisation, questionnaire=questionnaire, started_by=user
    )
    response = Response.objects.create(scan=scan, kind=Response.Kind.MANAGEMENT, user=user)
    _save_answers(response, answers)
    refresh_scores(scan)
    return scan


@transaction.atomic
def submit_employee_response(token: str, raw_answers) -> Scan:
    link = RespondentLink.for_token(token)
    if link is None:
        raise LinkNotUsable
    link = RespondentLink.objects.select_for_update().select_related("scan").get(pk=link.pk)
    if not link.is_usable:
        raise LinkNotUsable
    answers = validate_answers(link.scan.questionnaire, raw_answers)
    response = Response.objects.create(scan=link.scan, kind=Response.Kind.EMPLOYEE)
    _save_answers(response, answers)
    link.used = True
    link.save(update_fields=["used"])
    refresh_scores(link.scan)
    return link.scan


@transaction.atomic
def close_scan(scan) -> Scan:
    scan.closed_at = timezone.now()
    scan.save(update_fields=["closed_at"])
    scan.links.filter(used=False).delete()
    refresh_scores(scan)
    return scan


def refresh_scores(scan) -> None:
    """Recompute the scores the employer may see (see scoring.should_aggregate)."""
    dimensions = dimension_map(scan.questionnaire)
    responses = list(scan.responses.prefetch_related("answers"))
    employees = [r for r in responses if r.kind == Response.Kind.EMPLOYEE]
    aggregate = scoring.should_aggregate(len(employees), scan.closed_at is not None)
    counted = (
        responses if aggregate else [r for r in responses if r.kind == Response.Kind.MANAGEMENT]
    )
    per_respondent = [
        scoring.respondent_scores({a.item_id: a.value for a in r.answers.all()}, dimensions)
        for r in counted
    ]
    scan.scores = scoring.combine(per_respondent) if per_respondent else {}
    scan.respondent_count = len(counted)
    scan.aggregated = aggregate
    scan.save(update_fields=["scores", "respondent_count", "aggregated"])


def invite_employees(scan, emails: list[str], extra_links: int, link_for) -> list[str]:
    """E-mail one anonymous link to each address (addresses are not stored) and make
    `extra_links` more to hand out; returns those extra URLs, shown only once."""
    for email in emails:
        link, token = RespondentLink.issue(scan)
        with translation.override(language_for_address(email)):  # not the employer's
            send_email.enqueue(
                subject=_("%(name)s asks for your view: the social-innovation scan")
                % {"name": scan.organisation.name},
                body=render_to_string(
                    "scan/email/respondent_invitation.txt",
                    {
                        "organisation": scan.organisation,
                        "link": link_for(token),
                        "expires_at": link.expires_at,
                    },
                ),
                to=[email],
            )
    return [link_for(RespondentLink.issue(scan)[1]) for _i in range(extra_links)]


def peers_of(organisation) -> list[scoring.Peer]:
    """The latest scored scan of every OTHER employer, with its sector and size class."""
    latest = {}
    scans = (
        Scan.objects.exclude(organisation=organisation)
        .filter(respondent_count__gt=0)
        .select_related("organisation__employer_profile")
        .order_by("organisation_id", "-created_at", "-pk")
    )
    for scan in scans:
        latest.setdefault(scan.organisation_id, scan)
    peers = []
    for scan in latest.values():
        profile = getattr(scan.organisation, "employer_profile", None)
        peers.append(
            scoring.Peer(
                profile.sector if profile else None,
                profile.size_class if profile else None,
                scan.scores,
            )
        )
    return peers


def report(organisation, scan=None) -> dict | None:
    """Everything the report page and the API show. None when no scan has scores yet."""
    history = list(organisation.scans.filter(respondent_count__gt=0).order_by("created_at", "pk"))
    if not history:
        return None
    scan = scan or history[-1]
    structure = scan.questionnaire.structure()
    dimensions = {d.key: d for d, _items in structure}
    keys = [d.key for d, _items in structure if d.key in scan.scores]
    scores = {k: scan.scores[k] for k in keys}
    profile = getattr(organisation, "employer_profile", None)
    bench = scoring.benchmark(
        profile.sector if profile else None,
        profile.size_class if profile else None,
        keys,
        peers_of(organisation),
    )
    strengths, weak_spots = scoring.strengths_and_weak_spots(
        scores, bench["median"] if bench else None
    )
    advice = [
        {
            "dimension": k,
            "label": dimensions[k].label,
            "text": dimensions[k].advice,
            "actions": dimensions[k].actions,
            "links": [
                {"label": i.name, "url": i.url, "description": i.description}
                for i in dimensions[k].instruments.all()
            ],
        }
        for k in weak_spots
    ]
    employee_responses = scan.responses.filter(kind=Response.Kind.EMPLOYEE).count()
    return {
        "scan": scan,
        "dimensions": [dimensions[k] for k in keys],
        "scores": scores,
        "benchmark": bench,
        "strengths": strengths,
        "weak_spots": weak_spots,
        "advice": advice,
        "basis": {
            "aggregated": scan.aggregated,
            "respondents": scan.respondent_count,
            "employee_responses": employee_responses,
            "open": scan.is_open,
        },
        "history": [
            {"date": timezone.localdate(s.created_at), "scores": s.scores} for s in history
        ],
    }
