"""README "Setting up a fund", followed in a browser: after `createsuperuser`, the administrator
sets up the region, the organisations, the people with their roles and a funding stream in the
admin alone, in Dutch."""

import pytest

from vakmanschap.accounts.models import User
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.funding.models import FundingStream
from vakmanschap.organisations.models import Organisation
from vakmanschap.region.models import Municipality

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e

PASSWORD = "beheer-wachtwoord-2026"


def save(page):
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0, page.locator("#content").inner_text()


def test_a_fresh_fund_is_set_up_in_the_admin_alone(page, axe):
    User.objects.create_superuser("beheer@fonds.example", PASSWORD)  # step 1: createsuperuser
    log_in(page, "beheer@fonds.example", PASSWORD)

    # 2. The region with a municipality, in one form.
    page.goto("/admin/region/labourmarketregion/add/")
    page.fill("#id_code", "twente")
    page.fill("#id_name", "Twente")
    page.check("#id_is_home")
    page.locator("#municipalities-group .add-row a").click()  # "Nog een gemeente toevoegen"
    page.fill("#id_municipalities-0-cbs_code", "GM0153")
    page.fill("#id_municipalities-0-name", "Enschede")
    save(page)

    # 3. The fund's back office and an advice organisation.
    for name, kind in [
        ("Fonds Vakmanschap Twente", OrganisationKind.FUND),
        ("Leerwerkloket Twente", OrganisationKind.ADVICE),
    ]:
        page.goto("/admin/organisations/organisation/add/")
        page.fill("#id_name", name)
        page.locator("#id_kind").select_option(kind.value)
        save(page)
    fund = Organisation.objects.get(kind=OrganisationKind.FUND)

    # 4. A fund officer with the role in the same form.
    page.goto("/admin/accounts/user/add/")
    assert page.locator("h1").inner_text().lower() == "gebruiker toevoegen"
    assert wcag_violations(axe, page) == []
    page.fill("#id_email", "anke@fonds.example")
    page.fill("#id_full_name", "Anke Oude Luttikhuis")
    page.fill("#id_password1", "fondsmedewerker-2026!")
    page.fill("#id_password2", "fondsmedewerker-2026!")
    page.locator("#id_memberships-0-role").select_option(Role.FUND_OFFICER.value)
    page.locator("#id_memberships-0-organisation").select_option(str(fund.pk))
    save(page)

    # 5. A funding stream with its budget period.
    page.goto("/admin/funding/fundingstream/add/")
    page.fill("#id_name", "Regio Deal Twente")
    page.locator("#periods-group .add-row a").click()
    page.fill("#id_periods-0-start", "01-01-2027")
    page.fill("#id_periods-0-end", "31-12-2027")
    save(page)

    officer = User.objects.get(email="anke@fonds.example")
    assert officer.roles == {Role.FUND_OFFICER}
    assert officer.memberships.get().organisation == fund
    assert Municipality.objects.get(cbs_code="GM0153").region.name == "Twente"
    stream = FundingStream.objects.get(name="Regio Deal Twente")
    assert [(p.start.isoformat(), p.end.isoformat()) for p in stream.periods.all()] == [
        ("2027-01-01", "2027-12-31")
    ]

    # The new fund officer logs in and finds the budget page with the new period.
    page.context.clear_cookies()
    log_in(page, "anke@fonds.example", "fondsmedewerker-2026!")
    page.goto("/plans/budget/")
    assert "Regio Deal Twente" in page.locator("main").inner_text()
