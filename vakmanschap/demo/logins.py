"""DigiD and eHerkenning in the demo: the test provider's identities point at demo people.

Sanne de Vries's participant record gets the keyed hash of her test BSN, and Joost Kamphuis is
linked to his eHerkenning identity at Machinefabriek Hof van Twente.
"""

from django.utils import timezone

from vakmanschap.accounts.models import User
from vakmanschap.network.eherkenning import subject_key
from vakmanschap.network.models import EHerkenningLink
from vakmanschap.organisations.models import Organisation
from vakmanschap.people.identity import identity_key
from vakmanschap.people.models import Participant
from vakmanschap.testing.oidc_provider.identities import IDENTITIES, SANNE_BSN


def load_login_identities() -> int:
    linked = Participant.objects.filter(
        user__email="deelnemer@demo.local", identity_key__isnull=True
    ).update(identity_key=identity_key(SANNE_BSN))
    joost = IDENTITIES["joost"]
    user = User.objects.filter(email="werkgever@demo.local").first()
    organisation = Organisation.objects.filter(kvk_number=joost["kvk"]).first()
    if user and organisation:
        _link, created = EHerkenningLink.objects.get_or_create(
            subject_key=subject_key(joost["kvk"], joost["acting_subject"]),
            defaults={
                "organisation": organisation,
                "acting_name": joost["name"],
                "user": user,
                "confirmed_at": timezone.now(),
            },
        )
        linked += created
    return linked
