"""The resident reads their progress tracker after each step of the fund's path, in Dutch and
in English: the step that is "now" moves on, the steps before it are done, with their dates."""

import pytest
from django.utils import translation

from tests.ui.fund_path import STEPS, FundPath
from vakmanschap.ui.progress import STEP_LABELS

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e

ORDER = list(STEP_LABELS)


def tracker_states(page) -> dict[str, str]:
    steps = page.locator(".site-tracker__step")
    return {
        steps.nth(i).get_attribute("data-step"): steps.nth(i).get_attribute("data-state")
        for i in range(steps.count())
    }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_tracker_follows_the_fund_path(page, axe, settings, tmp_path, language):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = FundPath()
    with translation.override(language):
        labels = {key: str(label) for key, label in STEP_LABELS.items()}
        start = translation.gettext("Start")
    for number, (step, now) in enumerate(STEPS):
        getattr(path, step)()
        if number == 0:
            log_in(page, path.resident.email)
            if language == "en":
                page.get_by_role("button", name="English").click()
                page.wait_for_load_state()
        else:
            page.get_by_role("navigation").get_by_role("link", name=start).click()
            page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language
        states = tracker_states(page)
        assert list(states) == ORDER, step
        at = ORDER.index(now) if now else len(ORDER)
        assert [states[k] for k in ORDER] == ["done"] * at + (
            ["now"] + ["next"] * (len(ORDER) - at - 1) if now else []
        ), step
        if now:
            current = page.locator("[aria-current=step]")
            assert current.locator(".site-tracker__label").inner_text() == labels[now]
        assert page.locator("[data-next-step]").inner_text().strip(), step
        if step in ("sign_up", "approve", "complete"):
            assert wcag_violations(axe, page) == [], step
