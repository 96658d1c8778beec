"""Work done once in gunicorn's master (gunicorn.conf.py `when_ready`), so the forked workers share
it copy-on-write instead of each doing it at its first requests: the translation catalogues of
every language and every template compiled by the cached template loader. Also caps glibc's
malloc arenas, which otherwise grow one per thread in each worker."""

import ctypes
import ctypes.util
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.utils import translation

M_ARENA_MAX = -8  # glibc's mallopt parameter number


def load_translations() -> list[str]:
    """Load the catalogue of every configured language; returns their codes."""
    codes = [code for code, _name in settings.LANGUAGES]
    for code in codes:
        with translation.override(code):
            translation.gettext("Home")
    return codes


def template_names() -> list[str]:
    """Every template under the template directories the loaders search (project and apps)."""
    names: set[str] = set()
    for engine in engines.all():
        for directory in getattr(engine, "template_dirs", ()):
            root = Path(directory)
            names.update(
                str(path.relative_to(root)) for path in root.rglob("*") if path.suffix == ".html"
            )
    return sorted(names)


def compile_templates() -> int:
    """Compile every template into the cached loader; returns how many compiled."""
    compiled = 0
    for name in template_names():
        try:
            for engine in engines.all():
                engine.get_template(name)
            compiled += 1
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # a third-party template that needs what this site does not have
    return compiled


def cap_malloc_arenas(arenas: int) -> bool:
    """Limit glibc malloc to `arenas` arenas (each thread would otherwise get its own, up to
    8 x cores, and keep its freed memory). False where the C library is not glibc."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name)
    mallopt = getattr(libc, "mallopt", None)
    return bool(mallopt and mallopt(M_ARENA_MAX, arenas) == 1)


def warm_master() -> dict[str, object]:
    """Everything above; what it did, for the master's log."""
    return {"languages": load_translations(), "templates": compile_templates()}
