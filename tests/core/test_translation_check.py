"""The translation check catches a string without Dutch, also one marked `_lazy("…")`, and a
translation function imported under a name makemessages would not read."""

import polib

from vakmanschap.core import translations

MODULE = """from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

TITLE = _lazy("A title only this test knows")


def greeting():
    return _("A greeting only this test knows")
"""


def _app(tmp_path, module=MODULE):
    app = tmp_path / "example"
    for language in translations.LANGUAGES:
        (app / "locale" / language / "LC_MESSAGES").mkdir(parents=True)
    (app / "texts.py").write_text(module)
    return app


def _commit_po(app, dutch: dict):
    for language in translations.LANGUAGES:
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for msgid, msgstr in dutch.items():
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr if language == "nl" else ""))
        path = app / "locale" / language / "LC_MESSAGES" / "django.po"
        po.save(str(path))
        po.save_as_mofile(str(path.with_suffix(".mo")))


def test_a_lazy_string_without_dutch_is_reported(tmp_path):
    app = _app(tmp_path)
    _commit_po(app, {"A greeting only this test knows": "Een groet die alleen deze test kent"})
    problems = translations.problems_in(app)
    assert "example/nl: not in the committed .po: 'A title only this test knows'" in problems
    assert not any("greeting" in p for p in problems)


def test_an_untranslated_string_is_reported_and_a_complete_app_passes(tmp_path):
    app = _app(tmp_path)
    _commit_po(
        app,
        {
            "A greeting only this test knows": "Een groet die alleen deze test kent",
            "A title only this test knows": "",
        },
    )
    assert translations.problems_in(app) == [
        "example/nl: untranslated or fuzzy: 'A title only this test knows'"
    ]
    _commit_po(
        app,
        {
            "A greeting only this test knows": "Een groet die alleen deze test kent",
            "A title only this test knows": "Een titel die alleen deze test kent",
        },
    )
    assert translations.problems_in(app) == []


def test_a_marker_under_an_unread_name_is_reported(tmp_path):
    app = _app(tmp_path, "from django.utils.translation import gettext_lazy as _l\n")
    [problem] = translations.unread_markers(app)
    assert "example/texts.py: gettext_lazy imported as '_l'" in problem
