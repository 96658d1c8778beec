"""Work done once in gunicorn's master (gunicorn.conf.py `when_ready`), so the forked workers share
it copy-on-write instead of each doing it at its first requests: the translation catalogues of
every language, every template compiled by the cached template loader, and a few requests of the
pages that use the skills engine (`warm_requests`). Also tunes glibc's malloc in each worker
(`tune_malloc`), so what a request frees goes back to the system, and opens each request
thread's database connection before a worker takes requests (`open_thread_connections`)."""

import ctypes
import ctypes.util
import logging
import threading
from concurrent.futures import wait
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.utils.translation import trans_real

logger = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers
M_ARENA_MAX = -8

# The first request of a page in a process builds what later ones reuse: modules imported on
# first use, Django's URL and language caches, the interpreter's specialised bytecode and type
# caches, the engine's lazily filled tables. Asked once in the master, that is shared by the
# workers instead of built (and written) by each (docs/benchmarks.md, "Memory: what the
# workers copy"). Anonymous pages only: the master has no user to log in.
WARM_PATHS = (
    "/",
    "/sign-up/",
    "/skills/titles/suggest/?q=lasser",
    "/skills/titles/suggest/?q=truck%20driver",
    "/skills/work/suggest/?work_description=Ik%20las%20stalen%20constructies",
    "/skills/work/suggest/?work_description=I%20look%20after%20elderly%20people",
)


def load_translations() -> list[str]:
    """Load the catalogue of every configured language; returns their codes."""
    codes = [code for code, _name in settings.LANGUAGES]
    for code in codes:
        trans_real.translation(code)  # builds and caches the language's merged catalogue
    return codes


def import_lazy_modules() -> None:
    """Import what Django imports at first use otherwise: the format modules of every
    language (dates and numbers on a page) and the authentication backends (a logged-in
    request)."""
    from django.contrib.auth import get_backends
    from django.utils import formats

    for code, _name in settings.LANGUAGES:
        formats.get_format_modules(code)
    get_backends()


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


def tune_malloc(arenas: int, mmap_threshold: int = 256 * 1024) -> bool:
    """Limit glibc malloc to `arenas` arenas (each thread would otherwise get its own, up to
    8 x cores, and keep its freed memory), and fix the size above which a block is mapped on its
    own: glibc otherwise raises that size to the largest block freed so far, so a query's large
    numpy temporaries would stay in the heap after use instead of going back to the system.
    False where the C library is not glibc."""
    name = ctypes.util.find_library("c")
    mallopt = getattr(ctypes.CDLL(name), "mallopt", None) if name else None
    if mallopt is None:
        return False
    return mallopt(M_ARENA_MAX, arenas) == 1 and mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1


def trim_malloc() -> bool:
    """Give the heap's free pages back to the system (glibc ``malloc_trim``), in the master just
    before the fork: a worker that allocates there then gets a fresh page of its own instead of
    a copy of the master's, which the master would go on holding. False where the C library is
    not glibc."""
    name = ctypes.util.find_library("c")
    malloc_trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    if malloc_trim is None:
        return False
    malloc_trim(0)  # returns whether it released anything, which does not matter here
    return True


def warm_requests(paths=WARM_PATHS) -> dict[str, int]:
    """GET each path through the whole Django stack, in this process; the status of each (500
    for one that raised: logged, the warm-up goes on)."""
    from django.test import Client

    client = Client(
        raise_request_exception=False,
        HTTP_HOST=_own_host(),
        HTTP_ACCEPT_LANGUAGE=settings.LANGUAGE_CODE,
    )
    statuses = {}
    for path in paths:
        statuses[path] = client.get(path, secure=True).status_code
    return statuses


def _own_host() -> str:
    """A host name the site answers to (ALLOWED_HOSTS), so the warm-up is not refused."""
    for host in settings.ALLOWED_HOSTS:
        if "*" not in host:
            return host.lstrip(".")
    return "localhost"


def warm_master() -> dict[str, object]:
    """Everything above; what it did, for the master's log."""
    import_lazy_modules()
    return {"languages": load_translations(), "templates": compile_templates()}


def on_each_thread(executor, threads: int, work, timeout: float = 10) -> list:
    """Run `work` once on each of a thread pool's `threads` threads; their results, None for
    one not done within `timeout` (a worker must not hang at start: gunicorn would restart it).
    Each task holds its thread until all have started, so no thread takes a second one."""
    together = threading.Barrier(threads)

    def once():
        try:
            return work()
        finally:
            try:
                together.wait(timeout)
            except threading.BrokenBarrierError:
                pass  # a thread that did not come in time: the others still go on

    futures = [executor.submit(once) for _ in range(threads)]
    done, _pending = wait(futures, timeout)
    return [future.result() if future in done else None for future in futures]


def open_thread_connections(executor, threads: int, handler=None) -> int:
    """Open the database connection of each of a gunicorn worker's `threads` request threads
    (Django's connections are per thread) before the worker takes requests, so that a worker
    started during a surge does not set them up while requests wait. Returns how many opened; a
    database that cannot be reached is logged and left for the first requests to report."""
    handler = handler or connections

    def open_one() -> bool:
        try:
            handler["default"].ensure_connection()
            return True
        except DatabaseError as error:
            logger.warning("No database connection at start: %s", error)
            return False

    return sum(bool(opened) for opened in on_each_thread(executor, threads, open_one))
