"""The pages, htmx included, work under the Content-Security-Policy: no violation is reported
while a page loads a panel through htmx."""

import pytest

from .helpers import log_in
from .test_routes import world  # noqa: F401  (the fixture: a person with a route)

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_htmx_pages_raise_no_policy_violation(page, world):  # noqa: F811
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, world["advisor"].email)
    response = page.goto(f"/people/{world['person'].pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator("#routes-panel .site-route").first.wait_for()  # loaded by htmx
    assert page.evaluate("window.__cspViolations") == []
    assert [text for text in console if "Content Security Policy" in text] == []
