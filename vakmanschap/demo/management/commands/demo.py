import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from vakmanschap.demo import data
from vakmanschap.demo.skills import give_demo_people_their_jobs, tag_demo_courses
from vakmanschap.esco.locate import EscoNotFound, locate_esco_dir


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def stop_process(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM (the worker finishes its task), then SIGKILL if it does not end in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Command(BaseCommand):
    help = (
        "Set up and serve the demo: migrate, import ESCO and the shortage list, load the demo "
        "data, then serve on 127.0.0.1. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not serve.")
        parser.add_argument(
            "--serve-only", action="store_true", help="Serve a demo that is already set up."
        )

    def handle(self, *args, port, no_serve, serve_only, **options):
        if not settings.DEMO_MODE:
            raise CommandError("The demo runs only in demo mode: set VAKMANSCHAP_DEMO=1.")
        if not serve_only:
            self._set_up(port)
        if not no_serve:
            self._serve(port)

    def _set_up(self, port):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        call_command("esco_import", *self._esco_paths())
        shortage_csv = settings.SHARED_DIR / "twente" / "shortage_occupations.csv"
        if shortage_csv.exists():
            call_command("import_shortage_list", str(shortage_csv), valid_from="2026-01-01")
        call_command("demo_data")
        call_command("import_labour_potential")
        call_command("import_broad_welfare")
        self._skills()
        self._print_accounts(port)

    def _serve(self, port):
        worker = subprocess.Popen([sys.executable, "-m", "vakmanschap.manage", "db_worker"])
        provider = None
        # A SIGTERM (a service manager, `kill`) ends the demo like Ctrl-C: through the `finally`
        # below, so the background worker and the login service stop with it.
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            provider = self._start_login_provider(port)
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            signal.signal(signal.SIGTERM, previous)
            stop_process(worker)
            if provider is not None:
                provider.stop()

    def _start_login_provider(self, port):
        """The test DigiD/eHerkenning provider (test identities only), when the demo uses it."""
        demo_port = getattr(settings, "DEMO_OIDC_PORT", None)
        if demo_port is None:
            return None
        # The test provider starts its own Django project: loaded only when the demo uses it.
        from vakmanschap.testing.oidc_provider import harness

        provider = harness.start(port=demo_port, rp_origins=[f"http://localhost:{port}"])
        self.stdout.write(
            f"Test login service for DigiD and eHerkenning (not the real ones): "
            f"{provider.discovery_url}\n"
            "  DigiD: sanne (Sanne de Vries) or nieuw; eHerkenning: joost (Machinefabriek Hof van "
            "Twente), collega, nieuwbedrijf. Password: test."
        )
        return provider

    def _esco_paths(self) -> list[str]:
        """The ESCO download, plus the ESCO–VDAB mapping (Dutch skill labels) when present."""
        try:
            paths = [str(locate_esco_dir())]
        except EscoNotFound as exc:
            raise CommandError(str(exc)) from None
        if settings.ESCO_VDAB_MAPPING_DIR.is_dir():
            paths.append(str(settings.ESCO_VDAB_MAPPING_DIR))
        return paths

    def _skills(self):
        """Build the skills engine's cache (slow the first time), then give the demo courses
        their skill tags and the demo people their occupations held."""

        call_command("skills", "warm")
        tag_demo_courses()
        give_demo_people_their_jobs()
        self.stdout.write("Skills engine ready; demo courses tagged.")

    def _print_accounts(self, port):
        self.stdout.write(self.style.SUCCESS(f"\nVakmanschap demo: http://127.0.0.1:{port}/"))
        self.stdout.write(f"Demo accounts (password: {data.DEMO_PASSWORD}):")
        for email, name, role, _ in data.ACCOUNTS:
            self.stdout.write(f"  {email:<24} {role:<16} {name}")
        self.stdout.write("")
