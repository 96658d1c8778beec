"""The crawler: every demo role, in Dutch and then in English, follows the internal links of the
pages it can reach (GET only, a bounded number of pages per role) and each page must

- answer without a server error;
- have no WCAG 2.1 A/AA violation (axe-core);
- in Dutch: show no English state code, ISO date, English month name or English-format amount;
- in English: show no Dutch state or rule text and no Dutch-format amount.

URLs that differ only in their ids count as one page ("/plans/7/" and "/plans/8/"), so the crawl
sees each kind of page once and stays within a few minutes; axe runs once per kind of page
and language.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.conftest import shared_data
from vakmanschap.delivery.models import InvoiceState
from vakmanschap.funding.eligibility import TEXTS as RULE_TEXTS
from vakmanschap.funding.models import ChequeState, PlanState
from vakmanschap.guidance.models import ConversationState
from vakmanschap.people.choices import Triage

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e

# One account per role; the role's start page is where the crawl begins.
ROLES = [
    "deelnemer@demo.local",
    "adviseur@demo.local",
    "fonds@demo.local",
    "financien@demo.local",
    "opleider@demo.local",
    "werkgever@demo.local",
    "monitor@demo.local",
    "admin@demo.local",
]
PAGES_PER_ROLE = 9
ADMIN_PAGES = 3  # the admin is Django's own; a few pages show it speaks Dutch

# Links that leave the page flow: downloads, logging out, changing things behind a GET
# confirmation, and files.
SKIP = re.compile(
    r"^/(static|media)/|logout|/letter|/export|/download|\.(csv|xlsx|pdf|json|ics|xml)$"
    r"|format=|/delete/|/api/|/set-language|/answer/|/respond/|/consent/|/invitation"
)
STATE_CHOICES = [PlanState, ChequeState, InvoiceState, ConversationState, Triage]
ENGLISH_CODES = sorted(
    {c.value for choices in STATE_CHOICES for c in choices if "_" in c.value}, key=len
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MONTHS_EN = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
ENGLISH_DATE = re.compile(rf"\b\d{{1,2}} ({MONTHS_EN})\b|\b({MONTHS_EN}) \d{{1,2}}(, | )\d{{4}}\b")
ENGLISH_AMOUNT = re.compile(r"€\s?\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)|€\s?\d{4,}\.\d{2}(?!\d)")
DUTCH_AMOUNT = re.compile(r"€\s?\d{1,3}(?:\.\d{3})*,\d{2}(?!\d)|€\s?\d{4,},\d{2}(?!\d)")


def _dutch_words() -> list[str]:
    """State labels and the fixed start of each rule's reason, as Dutch readers see them."""
    words = set()
    with translation.override("nl"):
        for choices in STATE_CHOICES:
            for choice in choices:
                dutch = str(choice.label)
                with translation.override("en"):
                    english = str(choice.label)
                if dutch != english and len(dutch) > 4:
                    words.add(dutch)
        for text in RULE_TEXTS.values():
            start = str(text).split("%(")[0].strip()
            if len(start) > 8:
                words.add(start)
    return sorted(words, key=len, reverse=True)


def _pattern(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(sorted(p.split("=")[0] for p in parts.query.split("&") if p))
    return re.sub(r"/\d+(?=/|$)", "/<id>", parts.path) + (f"?{query}" if query else "")


def _problems_in_text(text: str, language: str, dutch_words: list[str]) -> list[str]:
    found = []
    if language == "nl":
        found += [f"state code {c!r}" for c in ENGLISH_CODES if re.search(rf"\b{c}\b", text)]
        found += [f"ISO date {m!r}" for m in ISO_DATE.findall(text)[:3]]
        found += [f"English date {m.group(0)!r}" for m in list(ENGLISH_DATE.finditer(text))[:3]]
        found += [f"English amount {m!r}" for m in ENGLISH_AMOUNT.findall(text)[:3]]
    else:
        found += [
            f"Dutch text {w!r}" for w in dutch_words if re.search(rf"\b{re.escape(w)}\b", text)
        ]
        found += [f"Dutch amount {m!r}" for m in DUTCH_AMOUNT.findall(text)[:3]]
    return found


def _crawl(page, axe, base_url, email, language, dutch_words, checked) -> tuple[list, int]:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    log_in(page, email, "demo")
    start = urlsplit(page.url).path or "/"
    queue, seen, failures, visited = deque([start]), {_pattern(start)}, [], 0
    admin_visited = 0
    while queue and visited < PAGES_PER_ROLE:
        path = queue.popleft()
        if path.startswith("/admin/"):
            if admin_visited >= ADMIN_PAGES:
                continue
            admin_visited += 1
        response = page.goto(path)
        visited += 1
        where = f"{email} [{language}] {path}"
        if response is None or response.status >= 500:
            failures.append(f"{where}: server error {response and response.status}")
            continue
        if response.status != 200:
            continue
        text = page.locator("body").inner_text()
        failures += [f"{where}: {p}" for p in _problems_in_text(text, language, dutch_words)]
        if (language, _pattern(path)) not in checked:  # axe once per kind of page
            checked.add((language, _pattern(path)))
            failures += [f"{where}: axe {v}" for v in wcag_violations(axe, page)]
        for href in page.eval_on_selector_all(
            "a[href]", "links => links.map(a => a.getAttribute('href'))"
        ):
            if not href.startswith("/") or href.startswith("//") or SKIP.search(href):
                continue
            href = href.split("#")[0]
            pattern = _pattern(href)
            if href and pattern not in seen:
                seen.add(pattern)
                queue.append(href)
    return failures, visited


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    shared_data("twente", "municipalities.csv")
    call_command("demo_data")


def test_every_role_crawls_its_pages_in_dutch_and_then_in_english(page, axe, live_server, demo):
    dutch_words = _dutch_words()
    failures, total, checked = [], 0, set()
    for language in ("nl", "en"):
        for email in ROLES:
            found, visited = _crawl(
                page, axe, live_server.url, email, language, dutch_words, checked
            )
            failures += found
            total += visited
    assert total >= len(ROLES) * 2 * 3, f"only {total} pages crawled"
    assert not failures, f"{len(failures)} problems in {total} pages:\n" + "\n".join(failures)
