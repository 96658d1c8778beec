from django.core.management.base import BaseCommand, CommandError

from vakmanschap.core import daily


class Command(BaseCommand):
    help = "Run the daily jobs (schedule once a day with cron or a systemd timer)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", action="append", metavar="JOB", help="Run only this job (repeatable)."
        )
        parser.add_argument(
            "--list", action="store_true", dest="list_jobs", help="List the jobs and stop."
        )

    def handle(self, *args, only=None, list_jobs=False, **options):
        names = [job.name for job in daily.jobs()]
        if list_jobs:
            self.stdout.write("\n".join(names))
            return
        unknown = sorted(set(only or []) - set(names))
        if unknown:
            raise CommandError(f"Unknown job(s): {', '.join(unknown)}. Jobs: {', '.join(names)}.")
        results = daily.run_all(only)
        for r in results:
            line = f"{r.name}: {r.message}"
            self.stdout.write(self.style.SUCCESS(line) if r.ok else self.style.ERROR(line))
        failed = [r.name for r in results if not r.ok]
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}.")
