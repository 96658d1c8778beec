"""Who an eHerkenning login is: the KvK number names the company, the acting person's
pseudonym (hashed with the KvK number, never stored plainly) names the person.

- A confirmed link logs in as its account.
- A person new to a known company gets an account that waits for a colleague or the fund to
  confirm it (`confirm_link`).
- A company the fund does not know registers itself: organisation, account and staff role at
  once; the fund approves its membership of the network (`approve_registration`), and until
  then it cannot sign the pledge.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.oidc import LoginRefused
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.organisations.models import Organisation

from .models import EHerkenningLink, SelfRegistration

PLACEHOLDER_EMAIL_DOMAIN = "@eherkenning.invalid"

MISSING_KVK = _(
    "The login service did not pass on a valid KvK number, so we cannot tell which company "
    "you act for. Try again, or ask the fund for help."
)


def subject_key(kvk: str, acting_subject: str) -> str:
    message = f"{kvk}:{acting_subject}".encode()
    return hmac.new(settings.IDENTITY_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()


def _new_account(name: str) -> User:
    # eHerkenning passes no e-mail address; the person can add one on their account page.
    email = f"eh-{secrets.token_hex(8)}{PLACEHOLDER_EMAIL_DOMAIN}"
    return User.objects.create_user(email, None, full_name=name[:200])


def handle_eherkenning_login(request, identity, intent: str):
    kvk = identity.claim("identifier_claim")
    acting = identity.claim("acting_subject_claim") or str(identity.claims.get("sub", ""))
    if not re.fullmatch(r"\d{8}", kvk) or not acting:
        raise LoginRefused("missing_kvk", MISSING_KVK)
    name = identity.claim("name_claim") or str(_("eHerkenning user"))
    key = subject_key(kvk, acting)
    with transaction.atomic():
        link = (
            EHerkenningLink.objects.select_related("user", "organisation")
            .filter(subject_key=key)
            .first()
        )
        if link is None:
            organisation = Organisation.objects.filter(
                kind=OrganisationKind.EMPLOYER, kvk_number=kvk
            ).first()
            if organisation is None:
                link = _register_company(kvk, identity.claim("company_name_claim"), name, key)
            else:
                link = EHerkenningLink.objects.create(
                    organisation=organisation,
                    subject_key=key,
                    acting_name=name,
                    user=_new_account(name),
                )
        elif link.acting_name != name:
            link.acting_name = name[:200]
            link.save(update_fields=["acting_name"])
    if link.confirmed_at is None:
        return render(request, "network/eherkenning_waiting.html", {"link": link})
    if not link.user.is_active:
        raise LoginRefused("account_inactive", _("This account has been switched off."))
    return link.user


def _register_company(kvk: str, company_name: str, name: str, key: str) -> EHerkenningLink:
    organisation = Organisation.objects.create(
        name=(company_name or f"KvK {kvk}")[:200], kind=OrganisationKind.EMPLOYER, kvk_number=kvk
    )
    user = _new_account(name)
    Membership.objects.create(user=user, role=Role.EMPLOYER_STAFF, organisation=organisation)
    SelfRegistration.objects.create(organisation=organisation, registered_by=user)
    return EHerkenningLink.objects.create(
        organisation=organisation,
        subject_key=key,
        acting_name=name,
        user=user,
        confirmed_at=timezone.now(),
    )


@transaction.atomic
def confirm_link(link: EHerkenningLink, confirmed_by) -> EHerkenningLink:
    """A colleague (employer staff of the same company) or the fund confirms a new person."""
    link = EHerkenningLink.objects.select_for_update().get(pk=link.pk)
    if link.confirmed_at is None:
        link.confirmed_at = timezone.now()
        link.confirmed_by = confirmed_by
        link.save(update_fields=["confirmed_at", "confirmed_by"])
        Membership.objects.get_or_create(
            user=link.user, role=Role.EMPLOYER_STAFF, organisation=link.organisation
        )
    return link


@transaction.atomic
def approve_registration(registration: SelfRegistration, approved_by) -> SelfRegistration:
    registration = SelfRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.approved_at is None:
        registration.approved_at = timezone.now()
        registration.approved_by = approved_by
        registration.save(update_fields=["approved_at", "approved_by"])
    return registration


def awaiting_approval(organisation) -> bool:
    return SelfRegistration.objects.filter(
        organisation=organisation, approved_at__isnull=True
    ).exists()
