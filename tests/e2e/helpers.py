"""Shared steps for the browser tests."""

import re

from tests.factories import PASSWORD

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def log_in(page, email: str, password: str = PASSWORD):
    page.goto("/account/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def wcag_violations(axe, page) -> list[str]:
    """Violations of WCAG 2.1 level A and AA, one readable line each."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


def follow_login_link(page, message):
    """Open the sign-up e-mail's single-use link and press its button, as a resident does."""
    link = re.search(r"https?://[^/\s]+(/account/login/link/\S+)", message.body).group(1)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
