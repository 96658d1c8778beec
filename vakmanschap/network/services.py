"""Business rules of the employers' network: registering employers, staff invitations, the pledge."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vakmanschap.accounts.languages import language_for_address, language_of
from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.core.presentation import format_day
from vakmanschap.core.tasks import send_email
from vakmanschap.organisations.models import Organisation

from .eherkenning import awaiting_approval
from .models import EmployerProfile, NetworkMembership, StaffInvitation

DEFAULT_REMINDER_DAYS = 30


class InvitationError(Exception):
    """The invitation cannot be used (expired, used, or meant for someone else)."""


def base_url() -> str:
    return getattr(settings, "VAKMANSCHAP_BASE_URL", "http://localhost:8000").rstrip("/")


@transaction.atomic
def register_employer(
    *,
    name,
    kvk_number,
    municipality,
    sector,
    size_class,
    first_staff_email,
    registered_by,
    link_for,
) -> tuple[Organisation, StaffInvitation]:
    """Create the employer organisation, its profile, and invite its first staff member.

    `link_for(token)` turns a token into the absolute acceptance URL.
    """
    organisation = Organisation.objects.create(
        name=name, kind=OrganisationKind.EMPLOYER, kvk_number=kvk_number, municipality=municipality
    )
    EmployerProfile.objects.create(organisation=organisation, sector=sector, size_class=size_class)
    invitation = invite_staff(organisation, first_staff_email, registered_by, link_for)
    return organisation, invitation


def invite_staff(organisation, email, invited_by, link_for) -> StaffInvitation:
    invitation, token = StaffInvitation.issue(organisation, email, invited_by)
    context = {
        "organisation": organisation,
        "link": link_for(token),
        "expires_at": invitation.expires_at,
        "invited_by": invited_by,
    }
    with translation.override(language_for_address(invitation.email)):
        send_email.enqueue(
            subject=_("Invitation to join %(name)s on Vakmanschap") % {"name": organisation.name},
            body=render_to_string("network/email/staff_invitation.txt", context),
            to=[invitation.email],
        )
    return invitation


@transaction.atomic
def accept_invitation(token: str, user: User) -> Membership:
    """Make `user` employer staff. Single use: the row is locked and marked accepted."""
    invitation = StaffInvitation.for_token(token)
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."))
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used."))
    if invitation.is_expired:
        raise InvitationError(_("This invitation has expired. Ask for a new one."))
    if user.email.lower() != invitation.email.lower():
        raise InvitationError(_("This invitation was sent to another e-mail address."))
    membership, _created = Membership.objects.get_or_create(
        user=user, role=Role.EMPLOYER_STAFF, organisation=invitation.organisation
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def sign_pledge(
    organisation, *, commitments: dict[str, bool], public_listing: bool, signed_by, start_date=None
) -> NetworkMembership:
    """Join the network (or update the commitments of an existing pledge). A company that
    registered itself with eHerkenning joins once the fund approved its registration."""
    if awaiting_approval(organisation):
        raise ValidationError(
            _("The fund has not yet approved your company's registration; the pledge can wait.")
        )
    membership = NetworkMembership.objects.filter(organisation=organisation).first()
    if membership is None:
        start = start_date or timezone.localdate()
        membership = NetworkMembership(
            organisation=organisation,
            start_date=start,
            renewal_date=NetworkMembership.one_year_after(start),
        )
    for key, value in commitments.items():
        setattr(membership, key, bool(value))
    membership.public_listing = public_listing
    membership.signed_by = signed_by
    membership.full_clean()
    membership.save()
    return membership


def renew_pledge(membership: NetworkMembership, signed_by, today=None) -> NetworkMembership:
    membership.renew(today)
    membership.signed_by = signed_by
    membership.save(update_fields=["renewal_date", "signed_by", "updated_at"])
    return membership


def staff_emails(organisation) -> list[str]:
    return sorted(
        Membership.objects.filter(
            organisation=organisation, role=Role.EMPLOYER_STAFF, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def staff_emails_by_language(organisation) -> dict[str, list[str]]:
    """The active staff's addresses, grouped by the language each of them reads."""
    grouped: dict[str, list[str]] = {}
    staff = Membership.objects.filter(
        organisation=organisation, role=Role.EMPLOYER_STAFF, user__is_active=True
    ).select_related("user")
    for membership in staff.order_by("user__email"):
        grouped.setdefault(language_of(membership.user), []).append(membership.user.email)
    return grouped


def send_renewal_reminders(days: int = DEFAULT_REMINDER_DAYS, today=None) -> int:
    """E-mail every member whose renewal falls within `days`; once per renewal date.

    Run daily (cron or a scheduler): `vakmanschap network_reminders --days 30`.
    """
    today = today or timezone.localdate()
    sent = 0
    for membership in NetworkMembership.objects.reminder_due(days, today).select_related(
        "organisation"
    ):
        recipients = staff_emails_by_language(membership.organisation)
        link = base_url() + reverse("network:membership", args=[membership.organisation_id])
        with transaction.atomic():
            for language, addresses in sorted(recipients.items()):
                with translation.override(language):
                    send_email.enqueue(
                        subject=_("Renew your iKBiNDR pledge before %(date)s")
                        % {"date": format_day(membership.renewal_date)},
                        body=render_to_string(
                            "network/email/renewal_reminder.txt",
                            {
                                "membership": membership,
                                "link": link,
                                "days": membership.days_to_renewal(today),
                            },
                        ),
                        to=addresses,
                    )
            sent += bool(recipients)
            membership.reminder_sent_for = membership.renewal_date
            membership.save(update_fields=["reminder_sent_for"])
    return sent


def member_count(today=None) -> int:
    return NetworkMembership.objects.current(today).count()


def reminder_window_open(membership, days=DEFAULT_REMINDER_DAYS, today=None) -> bool:
    today = today or timezone.localdate()
    return membership.renewal_date - datetime.timedelta(days=days) <= today
