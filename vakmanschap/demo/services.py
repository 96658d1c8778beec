"""Loading the demo content. Idempotent: running it again changes nothing."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.catalogue.models import Course
from vakmanschap.organisations.models import Organisation
from vakmanschap.region.importer import import_regions
from vakmanschap.region.models import LabourMarketRegion, Municipality

from . import data
from .fund import load_fund_demo
from .history import load_monitor_history
from .logins import load_login_identities
from .network import load_network_demo, load_vacancies_demo
from .scan import load_scan_demo


def municipalities_csv() -> Path:
    return settings.SHARED_DIR / "twente" / "municipalities.csv"


def load_municipalities(path: Path) -> int:
    """The demo's municipalities, in the fund's home labour-market region."""
    home = LabourMarketRegion.objects.home()
    return import_regions(path, region_code=home.code, region_name=home.name).municipalities


def _organisation(name, kind, cbs_code, kvk=""):
    organisation, _ = Organisation.objects.update_or_create(
        name=name,
        kind=kind,
        defaults={"municipality": Municipality.objects.get(cbs_code=cbs_code), "kvk_number": kvk},
    )
    return organisation


def _account(email, full_name, role, organisation):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=full_name)
        user.set_password(data.DEMO_PASSWORD)
    user.full_name = full_name
    user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
    user.save()
    Membership.objects.get_or_create(user=user, role=role, organisation=organisation)
    return user


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured(
            "Demo data can only be loaded in demo mode (VAKMANSCHAP_DEMO=1)."
        )
    counts = {"municipalities": load_municipalities(municipalities_csv())}
    advice = _organisation(
        *data.ADVICE_ORGANISATION[:1], OrganisationKind.ADVICE, data.ADVICE_ORGANISATION[1]
    )
    advice2 = _organisation(
        data.SECOND_ADVICE_ORGANISATION[0],
        OrganisationKind.ADVICE,
        data.SECOND_ADVICE_ORGANISATION[1],
    )
    fund = _organisation(data.FUND[0], OrganisationKind.FUND, data.FUND[1])
    providers, course_count = [], 0
    for name, cbs_code, courses in data.PROVIDERS:
        provider = _organisation(name, OrganisationKind.PROVIDER, cbs_code)
        providers.append(provider)
        for title, level, price_cents, months, description in courses:
            Course.objects.update_or_create(
                provider=provider,
                title=title,
                defaults={
                    "level": level,
                    "price_cents": price_cents,
                    "duration_months": months,
                    "description": description,
                    "is_active": True,
                },
            )
            course_count += 1
    employers = [
        _organisation(name, OrganisationKind.EMPLOYER, cbs_code, kvk)
        for name, kvk, cbs_code in data.EMPLOYERS
    ]
    by_key = {"advice": advice, "advice2": advice2, "fund": fund}
    for email, full_name, role, key in data.ACCOUNTS:
        if isinstance(key, tuple):
            organisation = (providers if key[0] == "provider" else employers)[key[1]]
        else:
            organisation = by_key.get(key)
        _account(email, full_name, role, organisation)
    counts.update(
        providers=len(providers),
        courses=course_count,
        employers=len(employers),
        accounts=len(data.ACCOUNTS),
    )
    counts.update(_load_domain_demos())
    return counts


def _load_domain_demos() -> dict[str, int]:
    load_network_demo()
    load_scan_demo()
    counts = load_fund_demo()
    counts.update(load_vacancies_demo())
    counts["DigiD/eHerkenning test identities linked"] = load_login_identities()
    counts["monitor history participants"] = load_monitor_history()
    return counts
