"""gunicorn settings for production (README "Deployment"): `gunicorn -c gunicorn.conf.py`.

- The app is loaded once in the master (preload), and so is the skills engine: the workers are
  forked afterwards and share both copy-on-write instead of each loading its own copy.
- Graceful overload (vakmanschap/core/overload.py): each worker runs at most
  VAKMANSCHAP_MAX_IN_FLIGHT requests at once; its other threads are the waiting room, where a
  request waits at most VAKMANSCHAP_MAX_QUEUE_SECONDS (counted from the proxy's
  X-Request-Start when it sends one) before it is answered 503 with Retry-After. The socket's
  backlog and the connections a worker accepts are bounded too, so the queue cannot grow without
  limit.
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
# Two may wait for a slot, so the slots stay busy between requests; the others are refused at once
# and never hold a thread, so nothing queues behind threads that wait.
os.environ.setdefault("VAKMANSCHAP_MAX_WAITING", "2")
# 1 s of waiting leaves time to answer within 2 s, with success or with the 503.
os.environ.setdefault("VAKMANSCHAP_MAX_QUEUE_SECONDS", "1")
os.environ.setdefault("VAKMANSCHAP_RETRY_AFTER_SECONDS", "5")


def when_ready(server):
    """In the master, after the app is loaded and before the workers are forked."""
    from django.db import connections

    from vakmanschap.core import preload
    from vakmanschap.skills import loader

    warmed = preload.warm_master()
    server.log.info("Loaded in the master: translations %s, %s templates.", *warmed.values())
    try:
        loader.get_engine()
        server.log.info("Skills engine loaded in the master; workers share it.")
    except loader.EscoNotImported:
        server.log.warning("No ESCO import yet: each worker loads the skills engine later.")
    finally:
        connections.close_all()  # a forked worker must not share the master's connection
    gc.freeze()  # keep the loaded objects out of the collector, so forks do not copy them


def post_fork(server, worker):
    from django.db import connections

    from vakmanschap.core import preload

    # Fewer malloc arenas, and large blocks returned to the system when freed (preload.py).
    arenas = int(os.environ.get("VAKMANSCHAP_MALLOC_ARENAS", "2"))
    if arenas > 0:  # 0: leave malloc as it is
        preload.tune_malloc(arenas)

    connections.close_all()
