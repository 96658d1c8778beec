"""Who a DigiD login is: the BSN claim is hashed at once (`identity_key`) and never kept.

A participant with the same hash logs in as their account. A resident the fund does not know
yet goes to the sign-up, with the hash bound to it in the session (`SIGN_UP_IDENTITY`).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vakmanschap.accounts.oidc import LoginRefused

from .identity import identity_key, is_valid_bsn
from .models import Participant

SIGN_UP_IDENTITY = "digid_sign_up_identity"

MISSING_BSN = gettext_lazy(
    "The login service did not pass on a valid citizen service number (BSN), so we cannot "
    "tell who you are. Try again, or sign up with your e-mail address."
)


def handle_digid_login(request, identity, intent: str):
    bsn = identity.claim("identifier_claim")
    if not bsn or not is_valid_bsn(bsn):
        raise LoginRefused("missing_bsn", MISSING_BSN)
    key = identity_key(bsn)
    del bsn
    participant = Participant.objects.filter(identity_key=key).select_related("user").first()
    if participant is None:
        request.session[SIGN_UP_IDENTITY] = key
        messages.info(
            request,
            _("You logged in with DigiD. Fill in the form to sign up; your BSN is already known."),
        )
        return redirect("people:sign_up")
    if participant.user is None or not participant.user.is_active:
        raise LoginRefused(
            "no_account",
            gettext_lazy(
                "You are known to the fund, but you have no account yet. "
                "Ask your career advisor to invite you."
            ),
        )
    return participant.user
