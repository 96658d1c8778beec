"""`make bench-surge`: the deployment of README "Deployment" under an open-loop surge.

Starts a throwaway PostgreSQL cluster (fsync on), migrates, imports ESCO and builds the skills
engine (unless --no-engine), collects the static files, seeds a few logged-in residents, and
starts gunicorn with the shipped `gunicorn.conf.py` and production settings. Then, per page (the
home page, the sign-up POST with its CSRF token, a resident's start page), it steps the offered
rate up until a step misses p95 < 300 ms or has an error, and reports:

- the highest rate held (p95 < 300 ms, no errors);
- CPU milliseconds per request of gunicorn (master + workers) and of PostgreSQL (postmaster +
  backends), read from /proc: stable on a busy machine, where rates are not;
- at twice that rate: whether every request was answered within 2 s, with success or 503 and
  Retry-After (requests carry X-Request-Start, as a proxy in front would send);
- that every accepted sign-up is in the database exactly once;
- memory (PSS) of the master and each worker after the pages have been served.

With --memory it runs no load steps: it gives the residents an occupation, imports the Twente
shortage list and reports PSS and Private_Dirty (the pages a process no longer shares) of the
master and each worker right after the start and after the workers have served the skills pages
(routes, title and work suggestions) --memory-rounds times each.

Every process it starts is stopped at the end, also on Ctrl-C or SIGTERM. Bounded: each step
sends at most rate × --step-seconds requests, and no request waits longer than 10 s.
"""

import argparse
import http.client
import json
import os
import re
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import psutil
import psycopg

from . import postgres
from .load import Answer, http_request, open_loop, percentile
from .with_postgres import exit_on_sigterm

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
P95_LIMIT = 0.300
ANSWER_LIMIT = 2.0
BASE_HEADERS = {"Host": "localhost", "X-Forwarded-Proto": "https", "Accept-Language": "nl"}
DEFAULT_RATES = {
    "home page": [50, 100, 200, 300, 400, 500, 600, 800, 1000],
    "sign-up (POST)": [10, 25, 50, 100, 150, 200, 300],
    "start page (resident)": [25, 50, 100, 150, 200, 250, 300, 400],
}


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_env(database_url: str, var_dir: Path, port: int, args) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VAKMANSCHAP_DEMO", "DEBUG"}}
    return {
        **env,
        "VAKMANSCHAP_ENV": "production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(60),
        "VAKMANSCHAP_IDENTITY_HASH_KEY": secrets.token_urlsafe(32),
        "VAKMANSCHAP_CHEQUE_CODE_KEY": secrets.token_urlsafe(32),
        "FUND_IBAN": "NL91ABNA0417164300",
        "VAKMANSCHAP_VAR_DIR": str(var_dir),
        "STATIC_ROOT": str(var_dir / "static"),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "LOG_LEVEL": "ERROR",
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_THREADS": str(args.threads),
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "vakmanschap.settings",
    }


def manage(env, *command: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "vakmanschap.manage", *command],
        env=env,
        cwd=REPO,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return done.stdout


# Processes and their CPU time ------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and all its children, alive or already ended (and reaped)."""
    root = psutil.Process(pid)
    t = root.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in root.children(recursive=True):
        try:
            c = child.cpu_times()
            total += c.user + c.system
        except psutil.NoSuchProcess:
            pass
    return total


def client_seconds() -> float:
    """CPU time of this process (the load client), all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def pss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def memory_mb(pid: int) -> dict[str, float]:
    """PSS and Private_Dirty of a process, from /proc/<pid>/smaps_rollup."""
    found = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if name in ("Pss", "Private_Dirty"):
                found[name] = int(rest.split()[0]) / 1024
    return found


def stop_group(process: subprocess.Popen, grace: float = 20) -> None:
    """gunicorn stops its workers on SIGTERM; whatever is left after `grace` is killed."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, 9)
    except ProcessLookupError:
        pass
    process.wait()


# Requests --------------------------------------------------------------------------------------


def get(port: int, path: str, headers: dict) -> tuple[int, dict, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={**BASE_HEADERS, **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped at start-up (see its output above).")
        try:
            if get(port, "/healthz", {})[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer /healthz in time.")


def csrf_pair(port: int) -> tuple[str, str]:
    """A CSRF cookie and form token from the sign-up page; Django accepts the pair repeatedly."""
    status, headers, body = get(port, "/sign-up/", {})
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not cookie or not token:
        raise RuntimeError(f"No CSRF token from /sign-up/ (HTTP {status}).")
    return cookie.group(1), token.group(1)


class Pages:
    """The three pages: how to ask for request i, and which answer counts as success."""

    def __init__(self, port: int, seed: dict, run_id: str, pool: int):
        self.port, self.seed, self.run_id, self.pool = port, seed, run_id, pool
        self.keep_alive = pool > 0
        self.csrf_cookie, self.csrf_token = csrf_pair(port)
        self.signed_up: list[str] = []  # e-mail addresses whose sign-up was accepted
        self.offered: list[str] = []
        self.unanswered: list[str] = []  # no HTTP answer within the client's timeout

    @staticmethod
    def _headers(**extra) -> dict:
        return {**BASE_HEADERS, **extra}  # the client adds X-Request-Start

    def request(self, page: str, step: str):
        if page == "home page":
            return lambda i: http_request("GET", "/", self._headers(), keep_alive=self.keep_alive)
        if page == "start page (resident)":
            name, sessions = self.seed["session_cookie"], self.seed["sessions"]
            return lambda i: http_request(
                "GET",
                "/start/",
                self._headers(Cookie=f"{name}={sessions[i % len(sessions)]}"),
                keep_alive=self.keep_alive,
            )

        def sign_up(i):
            email = f"surge-{self.run_id}-{step}-{i}@example.org"
            self.offered.append(email)
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": self.csrf_token,
                    "given_name": "Sanne",
                    "family_name": f"Surge {step} {i}",
                    "birth_date": "1988-05-17",
                    "postcode": "7511 AB",
                    "municipality": self.seed["municipality"],
                    "email": email,
                    "phone": "",
                    "education_level": "mbo2",
                    "work_situation": "unemployed",
                    "current_job": "",
                    "training_wish": "",
                    "consent": "on",
                }
            ).encode()
            headers = self._headers(
                Cookie=f"csrftoken={self.csrf_cookie}",
                Origin="https://localhost",
                **{"Content-Type": "application/x-www-form-urlencoded"},
            )
            return http_request("POST", "/sign-up/", headers, body, keep_alive=self.keep_alive)

        return sign_up

    @staticmethod
    def succeeded(page: str, answer: Answer) -> bool:
        if page == "sign-up (POST)":
            return answer.status == 302 and answer.location.endswith("/sign-up/sent/")
        return answer.status == 200


def step(server_pid, postmaster_pid, pages, page, rate, seconds, label):
    make = pages.request(page, label)
    offered_before = len(pages.offered)
    app0, db0, client0 = cpu_seconds(server_pid), cpu_seconds(postmaster_pid), client_seconds()
    answers = open_loop(HOST, pages.port, make, rate=rate, seconds=seconds, pool=pages.pool)
    app1, db1, client1 = cpu_seconds(server_pid), cpu_seconds(postmaster_pid), client_seconds()
    if page == "sign-up (POST)":
        emails = pages.offered[offered_before:]
        pages.signed_up += [
            e for e, a in zip(emails, answers, strict=True) if pages.succeeded(page, a)
        ]
        pages.unanswered += [e for e, a in zip(emails, answers, strict=True) if a.status == 0]
    n = len(answers)
    return {
        "rate": rate,
        "n": n,
        "ok": sum(pages.succeeded(page, a) for a in answers),
        "busy": sum(a.status == 503 and a.retry_after for a in answers),
        "p50": percentile([a.latency for a in answers], 50),
        "p95": percentile([a.latency for a in answers], 95),
        "max": max(a.latency for a in answers),
        "app_ms": (app1 - app0) * 1000 / n,
        "db_ms": (db1 - db0) * 1000 / n,
        "client_ms": (client1 - client0) * 1000 / n,
        "answers": answers,
    }


def integrity(database_url: str, pages: Pages) -> dict:
    """Every accepted sign-up is in the database exactly once (account and participant)."""
    prefix = f"surge-{pages.run_id}-%"
    with psycopg.connect(database_url) as connection:
        users = dict(
            connection.execute(
                "SELECT email, count(*) FROM accounts_user WHERE email LIKE %s GROUP BY email",
                [prefix],
            ).fetchall()
        )
        people = dict(
            connection.execute(
                "SELECT email, count(*) FROM people_participant WHERE email LIKE %s GROUP BY email",
                [prefix],
            ).fetchall()
        )
    accepted = set(pages.signed_up)
    return {
        "offered": len(pages.offered),
        "accepted": len(accepted),
        "accepted, account and participant once": sum(
            users.get(e) == 1 and people.get(e) == 1 for e in accepted
        ),
        "duplicates": sum(c > 1 for c in users.values()) + sum(c > 1 for c in people.values()),
        # Kept, not half-written: the server accepted it, the client stopped waiting (10 s).
        "written, no answer within the client's timeout": len(
            set(users).intersection(pages.unanswered)
        ),
        "written but answered otherwise (a defect)": len(
            set(users) - accepted - set(pages.unanswered)
        ),
    }


# The run ---------------------------------------------------------------------------------------


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--step-seconds", type=float, default=4.0)
    parser.add_argument("--participants", type=int, default=20)
    parser.add_argument(
        "--pool",
        type=int,
        default=32,
        help="idle keep-alive connections the client keeps, as nginx's upstream `keepalive`; "
        "0: a new connection per request",
    )
    parser.add_argument("--no-engine", action="store_true", help="skip ESCO and the engine")
    parser.add_argument("--max-steps", type=int, default=99, help="per page (for a quick try)")
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_RATES), choices=DEFAULT_RATES)
    parser.add_argument(
        "--at",
        action="append",
        default=[],
        metavar="PAGE=RATE",
        type=_page_at_rate,
        help="skip the steps: offer only this page at this rate per second, reported as an "
        f"overload step (PAGE: {', '.join(SHORT_NAMES)}); may be repeated",
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="memory only: PSS and Private_Dirty per process before and after the skills pages",
    )
    parser.add_argument("--memory-rounds", type=int, default=25, help="requests per skills page")
    return parser.parse_args(argv)


SHORT_NAMES = {"home": "home page", "sign-up": "sign-up (POST)", "start": "start page (resident)"}


def _page_at_rate(text: str) -> tuple[str, int]:
    name, _, rate = text.partition("=")
    if name not in SHORT_NAMES or not rate.isdigit():
        raise argparse.ArgumentTypeError(f"expected PAGE=RATE with PAGE one of {list(SHORT_NAMES)}")
    return SHORT_NAMES[name], int(rate)


def main(argv: list[str]) -> int:
    args = parse(argv)
    bin_dir = postgres.find_pg_bin()
    if bin_dir is None:
        print("PostgreSQL is not installed (Debian: apt-get install postgresql).")
        return 1
    exit_on_sigterm()  # SIGTERM ends the run like Ctrl-C: through the `finally` below and atexit
    var_dir = Path(tempfile.mkdtemp(prefix="vakmanschap-surge-"))
    server = None
    try:
        database_url = postgres.start_cluster(bin_dir, durable=True)  # stopped at exit
        postmaster_pid = int(
            Path(postgres.RUNNING.datadir, "postmaster.pid").read_text().split()[0]
        )
        port = _free_port()
        env = production_env(database_url, var_dir, port, args)
        say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
        say("Migrating ...")
        manage(env, "migrate", "-v0")
        if not args.no_engine:
            say("Importing ESCO and building the skills engine ...")
            manage(env, "esco_import", str(REPO.parent / "shared" / "esco" / "v1.1.1"))
            manage(env, "skills", "warm")
        manage(env, "collectstatic", "--noinput", "-v0")
        seed = json.loads(manage(env, "surge_seed", "--participants", str(args.participants)))
        if args.memory:
            manage(env, "import_shortage_list", str(SHORTAGE_LIST), "--valid-from", "2026-01-01")
            manage(env, "shell", "-c", GIVE_OCCUPATIONS)
        say("Starting gunicorn ...")
        log = var_dir / "gunicorn.log"
        with open(log, "w") as output:  # the 503s are logged there, not between the results
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(REPO / "gunicorn.conf.py")],
                env=env,
                cwd=REPO,
                start_new_session=True,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until_up(port, server)
        except RuntimeError:
            say(log.read_text()[-3000:])
            raise
        if args.memory:
            memory_report(args, server, port, seed)
        else:
            report(args, server, postmaster_pid, database_url, port, seed, say)
    finally:
        if server is not None:
            stop_group(server)
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


def late_because(answers: list[Answer]) -> dict[str, int]:
    """The requests not answered within 2 s, by where most of their time went."""
    parts = {"client behind": 0, "waiting for a connection": 0, "in the server": 0}
    for a in answers:
        if a.latency <= ANSWER_LIMIT and a.status:
            continue
        spent = {
            "client behind": a.began,
            "waiting for a connection": a.connected - a.began,
            "in the server": a.latency - a.connected,
        }
        parts[max(spent, key=spent.get)] += 1
    return parts


def surge_step(server, postmaster_pid, pages, page, rate, args, say):
    surge = step(server.pid, postmaster_pid, pages, page, rate, args.step_seconds, "x2")
    answered = [
        a
        for a in surge["answers"]
        if a.latency <= ANSWER_LIMIT
        and (pages.succeeded(page, a) or (a.status == 503 and a.retry_after))
    ]
    surge["late"] = late_because(surge["answers"])
    say(f"{page} at {rate}/s: {len(answered)}/{surge['n']} answered within 2 s")
    return page, surge, len(answered)


def report(args, server, postmaster_pid, database_url, port, seed, say):
    pages = Pages(port, seed, secrets.token_hex(3), args.pool)
    chosen = list(dict.fromkeys(page for page, _rate in args.at)) or args.pages
    # Warm up: every worker has served every page once or more (templates, routes loaded).
    for page in chosen:
        step(server.pid, postmaster_pid, pages, page, 20, 2 * args.workers, "warm")
    workers = [c.pid for c in psutil.Process(server.pid).children()]
    memory = {"master": pss_mb(server.pid), "workers": [pss_mb(pid) for pid in workers]}
    rows, overload = [], []
    for page, rate in args.at:
        time.sleep(2)
        overload.append(surge_step(server, postmaster_pid, pages, page, rate, args, say))
    for page in [] if args.at else args.pages:
        held, last = None, None
        for rate in DEFAULT_RATES[page][: args.max_steps]:
            time.sleep(2)  # let the last step's requests and connections drain
            last = step(server.pid, postmaster_pid, pages, page, rate, args.step_seconds, str(rate))
            good = last["ok"] == last["n"] and last["p95"] < P95_LIMIT
            say(
                f"{page} at {rate}/s: {last['ok']}/{last['n']} ok, p95 {last['p95'] * 1000:.0f} ms"
                f", app {last['app_ms']:.1f} ms + PostgreSQL {last['db_ms']:.1f} ms CPU per request"
                f" (client {last['client_ms']:.1f} ms)"
            )
            if not good:
                break
            held = last
        basis = held or last
        rows.append((page, held, last, basis))
        time.sleep(2)
        double = 2 * (held["rate"] if held else DEFAULT_RATES[page][0])
        overload.append(surge_step(server, postmaster_pid, pages, page, double, args, say))
    time.sleep(2)
    checked = integrity(database_url, pages) if "sign-up (POST)" in chosen else None
    print_report(args, rows, overload, memory, checked)


def print_report(args, rows, overload, memory, checked):
    load = os.getloadavg()
    print(
        f"\nmake bench-surge: gunicorn {args.workers} workers x {args.threads} threads "
        f"(gunicorn.conf.py), production settings, PostgreSQL with fsync on; "
        f"{os.cpu_count()} cores, load average at the end {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f}; steps of {args.step_seconds:g} s; client keep-alive pool "
        f"{args.pool or 'off (a connection per request)'}.\n"
    )
    print_held(rows)
    print_overload(overload)
    if checked:
        print("\n| sign-up integrity | count |")
        print("| --- | --- |")
        for name, count in checked.items():
            print(f"| {name} | {count} |")
    total = memory["master"] + sum(memory["workers"])
    workers = ", ".join(f"{w:.0f}" for w in memory["workers"])
    print("\n| memory (PSS, after serving the pages) | MB |")
    print("| --- | --- |")
    print(f"| master | {memory['master']:.0f} |")
    print(f"| each worker | {workers} |")
    print(f"| total, master + {len(memory['workers'])} workers | {total:.0f} |")


def print_held(rows):
    if not rows:
        return
    print(
        "| page | held: rate at p95 < 300 ms, 0 errors | p50 / p95 there | first rate missed "
        "(p95, errors) | CPU per request: app + PostgreSQL | load client's CPU per request |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for page, held, last, basis in rows:
        missed = (
            "none (all steps held)"
            if last is held
            else (
                f"{last['rate']}/s ({last['p95'] * 1000:.0f} ms, {last['n'] - last['ok']} errors)"
            )
        )
        where = f"{held['p50'] * 1000:.0f} / {held['p95'] * 1000:.0f} ms" if held else "-"
        rate = f"{held['rate']}/s" if held else "none"
        print(
            f"| {page} | {rate} | {where} | {missed} | "
            f"{basis['app_ms']:.1f} + {basis['db_ms']:.1f} = "
            f"{basis['app_ms'] + basis['db_ms']:.1f} ms (at {basis['rate']}/s) | "
            f"{basis['client_ms']:.1f} ms |"
        )


def print_overload(overload):
    print(
        "\n| page | at 2x: offered | answered within 2 s (success, or 503 + Retry-After) | "
        "of which 503 | p50 / p95 / slowest | later than 2 s, most time: client behind / "
        "waiting for a connection / in the server | CPU per request: app + PostgreSQL | "
        "load client's CPU per request |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for page, surge, answered in overload:
        late = " / ".join(str(n) for n in surge["late"].values())
        print(
            f"| {page} | {surge['rate']}/s, {surge['n']} requests | {answered} / {surge['n']} | "
            f"{surge['busy']} | {surge['p50'] * 1000:.0f} / {surge['p95'] * 1000:.0f} / "
            f"{surge['max'] * 1000:.0f} ms | {late} | "
            f"{surge['app_ms']:.1f} + {surge['db_ms']:.1f} ms | {surge['client_ms']:.1f} ms |"
        )


# Memory only (--memory) -----------------------------------------------------------------------

SHORTAGE_LIST = REPO.parent / "shared" / "twente" / "shortage_occupations.csv"
# Each seeded resident held one of the shortage occupations, so their routes are real work.
GIVE_OCCUPATIONS = """
from vakmanschap.people.models import Participant
from vakmanschap.skills.models import PersonOccupation
from vakmanschap.esco.models import Concept, ConceptKind
held = list(Concept.objects.filter(kind=ConceptKind.OCCUPATION).order_by("uri")[:50:5])
for i, p in enumerate(Participant.objects.filter(email__startswith="surge-resident-")):
    PersonOccupation.objects.create(participant=p, occupation=held[i % len(held)], years=5)
"""
TITLES = ["lasser", "verpleegkundige", "truck driver", "software developer", "kok", "monteur"]
WORK = [
    "Ik las stalen constructies en lees technische tekeningen",
    "I look after elderly people and help them wash and dress",
    "Ik bestuur een vrachtwagen en laad en los pallets",
]


def skills_paths(seed: dict, rounds: int) -> list[tuple[str, dict]]:
    cookie = lambda i: {  # noqa: E731
        "Cookie": f"{seed['session_cookie']}={seed['sessions'][i % len(seed['sessions'])]}"
    }
    paths = []
    for i in range(rounds):
        paths.append(("/skills/mine/routes/", cookie(i)))
        title = urllib.parse.quote(TITLES[i % len(TITLES)])
        paths.append((f"/skills/titles/suggest/?q={title}", {}))
        work = urllib.parse.quote(WORK[i % len(WORK)])
        paths.append((f"/skills/work/suggest/?work_description={work}", {}))
    return paths


def all_workers(server, count: int, timeout: float = 120) -> list[int]:
    """The workers' pids once all ``count`` are up (one that timed out at boot is restarted)."""
    deadline = time.monotonic() + timeout
    while True:
        workers = [c.pid for c in psutil.Process(server.pid).children()]
        if len(workers) == count or time.monotonic() > deadline:
            return workers
        time.sleep(1)


def memory_report(args, server, port, seed):
    from concurrent.futures import ThreadPoolExecutor

    workers = all_workers(server, args.workers)
    before = {pid: memory_mb(pid) for pid in [server.pid, *workers]}
    paths = skills_paths(seed, args.memory_rounds)
    with ThreadPoolExecutor(2 * args.workers) as pool:
        statuses = list(pool.map(lambda p: get(port, p[0], p[1])[0], paths))
    after = {pid: memory_mb(pid) for pid in [server.pid, *workers] if psutil.pid_exists(pid)}
    if len(after) != len(before) or len(workers) != args.workers:
        print(f"Workers changed during the run: {len(workers)} of {args.workers} measured.")
    load = os.getloadavg()
    print(
        f"\nbench-surge --memory: gunicorn {args.workers} workers (gunicorn.conf.py), "
        f"{len(paths)} skills pages (routes, title and work suggestions; HTTP status "
        f"{dict(sorted(Counter(statuses).items()))}); load average {load[0]:.1f}.\n"
    )
    print("| process | PSS before / after (MB) | Private_Dirty before / after (MB) |")
    print("| --- | --- | --- |")
    for pid in after:  # a worker restarted during the run is left out, and said so above
        name = "master" if pid == server.pid else f"worker {pid}"
        b, a = before[pid], after[pid]
        print(
            f"| {name} | {b['Pss']:.0f} / {a['Pss']:.0f} | "
            f"{b['Private_Dirty']:.0f} / {a['Private_Dirty']:.0f} |"
        )
    total = lambda m: sum(v["Pss"] for v in m.values())  # noqa: E731
    print(f"| total | {total({p: before[p] for p in after}):.0f} / {total(after):.0f} | |")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
