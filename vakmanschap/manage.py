"""The `vakmanschap` console script: Django's manage.py for this project."""

import os
import sys
from pathlib import Path


def _settings_or_exit():
    """Load the settings; a missing or wrong setting ends the command with its message, not a
    traceback (production fails closed, see vakmanschap/conf/production.py)."""
    # Django is imported once DJANGO_SETTINGS_MODULE is set (main() sets it).
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018  (imports the settings module)
    except ImproperlyConfigured as exc:
        sys.exit(f"vakmanschap: {exc}")
    return settings


def _make_sqlite_folder(settings) -> None:
    """Importing the settings creates no folders; the SQLite file's folder is made here, when a
    command is about to use it."""
    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    if database["ENGINE"].endswith("sqlite3") and name and not name.startswith((":", "file:")):
        Path(name).parent.mkdir(parents=True, exist_ok=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vakmanschap.settings")
    from django.core.management import execute_from_command_line  # reads the variable just set

    _make_sqlite_folder(_settings_or_exit())
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
