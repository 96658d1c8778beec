"""gunicorn settings for production (README "Deployment"): `gunicorn -c gunicorn.conf.py`.

- The app is loaded once in the master (preload), and so is the skills engine: the workers are
  forked afterwards and share both copy-on-write instead of each loading its own copy.
- Graceful overload (vakmanschap/core/overload.py): each worker runs at most
  VAKMANSCHAP_MAX_IN_FLIGHT requests at once; all its other threads but one are the waiting
  room, where a request waits at most VAKMANSCHAP_MAX_QUEUE_SECONDS (counted from the proxy's
  X-Request-Start when it sends one) before it is answered 503 with Retry-After, and only
  VAKMANSCHAP_QUEUE_TARGET_SECONDS while the queue stands (no slot got within that target for
  VAKMANSCHAP_QUEUE_INTERVAL_SECONDS). The socket's backlog and the connections a worker accepts
  are bounded too, so the queue cannot grow without limit.
Every value can be overridden from the environment (GUNICORN_* and VAKMANSCHAP_*).
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# The app behind the overload guard: a refused request is answered without entering Django.
wsgi_app = "vakmanschap.core.overload:guarded_application()"
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Connections a worker holds at once, idle keep-alive ones included. More than its threads, so
# that the proxy's kept-alive connections do not block new ones in the backlog: a request waiting
# for a thread is answered by the overload limit (503 after its queue time), not left unread.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", str(8 * threads)))
backlog = int(os.environ.get("GUNICORN_BACKLOG", "256"))
# The proxy keeps connections to gunicorn open (nginx: upstream `keepalive`); gunicorn keeps them
# longer than the proxy does (its `keepalive_timeout` below this), so it never closes one under
# a request that is on its way.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "10"))
timeout = 30
graceful_timeout = 30
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

# Read by the settings when the app is preloaded below.
os.environ.setdefault("VAKMANSCHAP_MAX_IN_FLIGHT", "2")
# A burst waits in the room instead of being refused; one thread stays free to answer a refusal
# at once when the room is full.
_room = max(threads - int(os.environ["VAKMANSCHAP_MAX_IN_FLIGHT"]) - 1, 0)
os.environ.setdefault("VAKMANSCHAP_MAX_WAITING", str(_room))
# 1 s of waiting leaves time to answer within 2 s, with success or with the 503.
os.environ.setdefault("VAKMANSCHAP_MAX_QUEUE_SECONDS", "1")
# Sustained overload (waits above 0.1 s for 0.5 s on end): a request waits at most 0.1 s, so the
# refusals come quickly and the requests served wait little.
os.environ.setdefault("VAKMANSCHAP_QUEUE_TARGET_SECONDS", "0.1")
os.environ.setdefault("VAKMANSCHAP_QUEUE_INTERVAL_SECONDS", "0.5")
os.environ.setdefault("VAKMANSCHAP_RETRY_AFTER_SECONDS", "5")


def when_ready(server):
    """In the master, after the app is loaded and before the workers are forked."""
    from django.db import connections

    from vakmanschap.core import preload
    from vakmanschap.skills import loader, services

    warmed = preload.warm_master()
    server.log.info("Loaded in the master: translations %s, %s templates.", *warmed.values())
    try:
        loader.get_engine()
        server.log.info("Skills engine loaded in the master; workers share it.")
        statuses = preload.warm_requests()
        routes = services.plan_sample_routes()
        server.log.info("Asked once in the master: %s; %d sample routes.", statuses, routes)
    except loader.EscoNotImported:
        server.log.warning("No ESCO import yet: each worker loads the skills engine later.")
    finally:
        connections.close_all()  # a forked worker must not share the master's connection
    preload.trim_malloc()  # the free pages of the loading and the warm-up go back
    gc.freeze()  # keep the loaded objects out of the collector, so forks do not copy them


def post_fork(server, worker):
    from django.db import connections

    from vakmanschap.core import preload

    # Fewer malloc arenas, and large blocks returned to the system when freed (preload.py).
    arenas = int(os.environ.get("VAKMANSCHAP_MALLOC_ARENAS", "2"))
    if arenas > 0:  # 0: leave malloc as it is
        preload.tune_malloc(arenas)

    connections.close_all()


def post_worker_init(worker):
    """Before the worker takes requests: each request thread's database connection is opened."""
    from vakmanschap.core import preload

    executor = getattr(worker, "tpool", None)  # the gthread worker's request threads
    if executor is not None:
        opened = preload.open_thread_connections(executor, worker.cfg.threads)
        worker.log.info(
            "Database connections opened for %d of %d threads.", opened, worker.cfg.threads
        )
