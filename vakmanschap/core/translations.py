"""Translation housekeeping: every app keeps its own `locale/` so that apps stay independent.

`make messages` extracts and merges strings per app; `compile` writes the .mo files (with
polib, so no GNU gettext is needed to run the site); `check` fails when a string in the code
has no Dutch translation, a translation is fuzzy, a .mo file is stale, or a module imports a
translation function under a name that makemessages does not read (its strings would be
silently left out).
"""

import ast
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LANGUAGES = ["nl", "en"]
# Dutch for third-party apps that ship none (django-axes, django-auditlog, django-tasks-db):
# LOCALE_PATHS, hand-written, compiled and checked like the apps' own.
THIRD_PARTY = PACKAGE_DIR / "locale"
# Names under which makemessages finds marked strings: xgettext's own, Django's, and ours
# (`core/management/commands/makemessages.py` registers EXTRA_KEYWORDS).
EXTRA_KEYWORDS = ["_lazy"]
MARKERS = {
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
READ_NAMES = MARKERS | {"_", *EXTRA_KEYWORDS}


def app_dirs() -> list[Path]:
    return sorted(p.parent for p in PACKAGE_DIR.glob("*/locale"))


def _po_path(app: Path, lang: str) -> Path:
    return app / "locale" / lang / "LC_MESSAGES" / "django.po"


def make_messages(app: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vakmanschap.conf.development",
        "PYTHONPATH": str(PACKAGE_DIR.parent),
    }
    cmd = [sys.executable, "-m", "django", "makemessages", "--no-obsolete", "--no-location"]
    for lang in LANGUAGES:
        cmd += ["-l", lang]
    subprocess.run(cmd, cwd=app, env=env, check=True, stdout=subprocess.DEVNULL)


def compile_app(app: Path) -> None:
    for lang in LANGUAGES:
        po = _po_path(app, lang)
        if po.exists():
            polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))


def unread_markers(app: Path) -> list[str]:
    """Imports like `gettext_lazy as _l`: makemessages would skip every `_l("…")`."""
    found = []
    for module in sorted(app.rglob("*.py")):
        if "migrations" in module.parts:
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for alias in node.names:
                    if alias.name in MARKERS and (alias.asname or alias.name) not in READ_NAMES:
                        found.append(
                            f"{app.name}/{module.relative_to(app)}: {alias.name} imported as "
                            f"{alias.asname!r}, which makemessages does not read; use "
                            f"{' or '.join(repr(n) for n in ['_', *EXTRA_KEYWORDS])}"
                        )
    return found


def problems_in(app: Path) -> list[str]:
    """What is missing in this app's translations, compared with the code as it is now."""
    found: list[str] = unread_markers(app)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app.name
        shutil.copytree(app, copy)
        make_messages(copy)
        for lang in LANGUAGES:
            po = _po_path(copy, lang)
            if not po.exists():
                continue
            fresh = polib.pofile(str(po))
            committed = _po_path(app, lang)
            known = polib.pofile(str(committed)) if committed.exists() else polib.POFile()
            known_ids = {(e.msgctxt, e.msgid) for e in known if not e.obsolete}
            for entry in fresh:
                if (entry.msgctxt, entry.msgid) not in known_ids:
                    found.append(f"{app.name}/{lang}: not in the committed .po: {entry.msgid!r}")
            if lang == "nl":
                for entry in known.untranslated_entries() + known.fuzzy_entries():
                    found.append(f"{app.name}/nl: untranslated or fuzzy: {entry.msgid!r}")
            mo = committed.with_suffix(".mo")
            if committed.exists() and not mo.exists():
                found.append(f"{app.name}/{lang}: .mo missing")
            elif committed.exists():
                compiled = {
                    (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo))
                }
                for e in known.translated_entries():
                    if compiled.get((e.msgctxt, e.msgid)) != (e.msgstr, e.msgstr_plural):
                        found.append(f"{app.name}/{lang}: .mo is stale ({e.msgid!r})")
                        break
    return found


def third_party_problems() -> list[str]:
    found: list[str] = []
    for po in sorted((THIRD_PARTY / "nl" / "LC_MESSAGES").glob("*.po")):
        known = polib.pofile(str(po))
        found += [
            f"locale/nl/{po.name}: untranslated: {e.msgid!r}" for e in known.untranslated_entries()
        ]
        mo = po.with_suffix(".mo")
        compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo))} if mo.exists() else {}
        if any(
            compiled.get(e.msgid) != e.msgstr
            for e in known.translated_entries()
            if not e.msgid_plural
        ):
            found.append(f"locale/nl/{po.name}: .mo is stale or missing")
    return found


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else "check"
    apps = app_dirs()
    if action == "make":
        for app in apps:
            make_messages(app)
    elif action == "compile":
        for app in apps:
            compile_app(app)
        for po in (THIRD_PARTY / "nl" / "LC_MESSAGES").glob("*.po"):  # django and djangojs
            polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))
    elif action == "check":
        problems = [p for app in apps for p in problems_in(app)] + third_party_problems()
        for problem in problems:
            print(problem)
        print(f"translations: {len(apps)} apps checked, {len(problems)} problems")
        return 1 if problems else 0
    else:
        print("usage: python -m vakmanschap.core.translations make|compile|check")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
