"""Every admin list and add page reads in Dutch, third-party apps' pages included.

Each page is opened in Dutch and in English on an empty database (only the administrator), so
what it shows is the admin's own text, not data. A text that reads the same in both languages
is English left untranslated, unless it is a name or a term that is the same in Dutch; known
English phrases fail in any case."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from vakmanschap.accounts.models import User

pytestmark = pytest.mark.django_db

# The same in Dutch and English: names, abbreviations, loanwords Dutch uses as they are.
SAME_IN_BOTH = {
    "Vakmanschap",
    "ESCO",
    "ISCO",
    "IBAN",
    "BIC",
    "BSN",
    "KvK",
    "SBI",
    "CBS",
    "URL",
    "URI",
    "API",
    "ID",
    "TOTP",
    "OTP",
    "SEPA",
    "NT2",
    "E-mail",
    "e-mail",
    "Status",
    "Filter",
    "status",
    "Code",
    "code",
    "Budget",
    "budget",
    "Label",
    "label",
    "Token",
    "token",
    "Hash",
    "hash",
    "Scan",
    "scan",
    "Website",
    "website",
    "Type",
    "type",
    "Sector",
    "sector",
    "Thema",
    "Nederlands",
    "English",
    "Nederlands (nl)",
    "English (en)",
    "nl",
    "en",
    "---------",
    "0",
    "Digid",
    "DigiD",
    "eHerkenning",
    "Link",
    "T0",
    "Bruto Twents Geluk (RaboResearch)",  # a broad-welfare source's name, a list filter
    "<unknown>",  # what django-axes stores for a request without a User-Agent
}
# Phrases the English admin shows that must never appear on a Dutch page.
ENGLISH_PHRASES = [
    "Access attempts",
    "Access failures",
    "Access logs",
    "TOTP devices",
    "Static devices",
    "Log entries",
    "Choose all",
    "Choose %s",
    "by selecting them",
    "Add another",
    "Save and add another",
    "Save and continue editing",
    "Search",
    "Select all",
    "Go",
    "Action:",
    "View site",
    "Log out",
    "Change password",
    "Welcome,",
    "Home",
    "Required",
    "Date:",
    "Time:",
    "Currently:",
    "Change:",
    "Unknown",
    "Yes",
    "No",
    "Any date",
    "Today",
    "Past 7 days",
    "This month",
    "This year",
    "By ",
]
SKIPPED_TAGS = {"script", "style", "template", "noscript"}
ADDRESS = re.compile(r"^[\w.+-]+@[\w.-]+$")


class _VisibleText(HTMLParser):
    """The admin's own visible text: not scripts, and not data (the list's rows, the choices
    of a select, which come from the database)."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._skipping = 0
        self._in_result_list = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and attributes.get("id") == "result_list":
            self._in_result_list = True
        if tag in SKIPPED_TAGS or tag == "option" or (tag == "tbody" and self._in_result_list):
            self._skipping += 1
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.texts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_result_list = False
        if (tag in SKIPPED_TAGS or tag in {"option", "tbody"}) and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return [" ".join(t.split()) for t in parser.texts if t.strip()]


def admin_pages() -> list[str]:
    pages = []
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        for view in ("changelist", "add"):
            try:
                pages.append(reverse("admin:{}_{}_{}".format(*info, view)))
            except NoReverseMatch:
                pass
    return sorted(pages)


def _client(language):
    client = Client()
    client.force_login(User.objects.get(email="beheer@example.org"))
    client.cookies["django_language"] = language
    return client


def _is_text(text: str) -> bool:
    """Words a reader reads: not a number, a name from SAME_IN_BOTH, or an address."""
    text = text.removesuffix(":")  # a form label
    return (
        re.search(r"[A-Za-z]{2}", text) is not None
        and text not in SAME_IN_BOTH
        and not ADDRESS.match(text)
    )


def test_the_crawl_covers_every_registered_admin():
    pages = admin_pages()
    assert "/admin/axes/accessattempt/" in pages and "/admin/otp_totp/totpdevice/add/" in pages
    assert len(pages) > 2 * 20


@pytest.mark.parametrize("page", admin_pages())
def test_every_admin_page_reads_in_dutch(page):
    User.objects.create_superuser("beheer@example.org", "x" * 12)
    dutch_response = _client("nl").get(page)
    if dutch_response.status_code == 403:  # a read-only admin that offers no add page
        return
    assert dutch_response.status_code == 200, page
    dutch = visible_texts(dutch_response.content.decode())
    english = set(visible_texts(_client("en").get(page).content.decode()))
    untranslated = sorted({t for t in dutch if t in english and _is_text(t)})
    phrases = sorted(
        {p for p in ENGLISH_PHRASES for t in dutch if re.search(rf"\b{re.escape(p)}(?!\w)", t)}
    )
    assert not untranslated and not phrases, f"{page}: {untranslated} {phrases}"
