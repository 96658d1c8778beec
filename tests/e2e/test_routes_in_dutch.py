"""After a fresh demo (the full ESCO with the ESCO–VDAB mapping, the Twente shortage list, the
demo people), Sanne's routes page in Dutch names every skill in Dutch where a Dutch label exists,
and otherwise shows the English label marked "(EN)" with its Dutch skill group beside it."""

import pytest
from django.core.management import call_command

from tests.conftest import shared_data
from vakmanschap.skills import loader

from .helpers import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_demo(settings, tmp_path):
    settings.DEMO_MODE = True
    settings.VAR_DIR = tmp_path / "var"
    for parts in (("esco", "v1.1.1"), ("esco", "vdab-competent-nl"), ("twente",)):
        shared_data(*parts)
    loader.reset()
    call_command("demo", no_serve=True)  # what `make demo` does before it serves
    yield
    loader.reset()


def test_sannes_routes_show_dutch_skill_names_or_the_dutch_group(page, fresh_demo):
    log_in(page, "deelnemer@demo.local", "demo")
    page.goto("/skills/mine/routes/")
    assert page.locator("html").get_attribute("lang") == "nl"
    routes = page.locator(".site-route")
    assert routes.count() > 0
    names = page.locator(".site-route dd a[href*='/skills/skills/']")
    total = names.count()
    english = page.locator(".site-route dd a[href*='/skills/skills/']:has(.esco-fallback)")
    in_english = english.count()
    print(f"Sanne's routes: {total - in_english} of {total} skill names in Dutch")
    assert total >= 10
    # the starting point was 5 of 62 in Dutch; with the mapping most are Dutch
    assert (total - in_english) / total >= 0.6
    # no English label alone: each one is marked and carries its Dutch skill group (text_content:
    # gaps after the eighth are inside a closed <details>)
    for i in range(in_english):
        link = english.nth(i)
        assert "(EN)" in link.text_content()
        assert link.locator(".esco-area").text_content().startswith("– vakgebied:")
