"""Schemathesis fuzzes the committed contract (docs/openapi.yaml) against a live demo server, once
for every demo role and once without a token. Any 5xx, any status code, content type or body
that the contract does not describe, fails the test.

Bounded in time on a small machine: without a token every operation is fuzzed (each must
answer 401, or work if public); with a token, each role gets the coverage phase (boundary
values: huge numbers, long strings, wrong types, missing fields) and a few random examples on
the operations it may use. Another role's operations answer 403 before reading any input, which
the permission matrix tests already cover. A fixed seed keeps the run the same every time.
`VAKMANSCHAP_FUZZ_ROLES=advisor,…` runs some roles only; `VAKMANSCHAP_FUZZ_EXAMPLES` sets the
random examples per operation. With `-s` it prints, per role, the operations tested, the calls
made, the server errors and the schema violations (`VAKMANSCHAP_FUZZ_REPORT=<file>` writes them
as JSON); a role that tests no operation at all fails too. `make fuzz-postgres` runs it on a
throwaway PostgreSQL cluster.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from vakmanschap.accounts.models import User
from vakmanschap.api.models import ApiToken
from vakmanschap.demo import data

pytestmark = [pytest.mark.api_fuzz, pytest.mark.django_db(transaction=True)]

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES = int(os.environ.get("VAKMANSCHAP_FUZZ_EXAMPLES", "5"))
SEED = int(os.environ.get("VAKMANSCHAP_FUZZ_SEED", "20261130"))
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)


# The operations each role may use (path regex).
OWN_OPERATIONS = {
    "anonymous": r"^/api/v1/(auth/token|scan/questionnaire)$",
    "participant": r"^/api/v1/(me|courses)$",
    "advisor": r"^/api/v1/(participants|plans|plans/\{id\}/submit)$",
    "fund_officer": (
        r"^/api/v1/(funding-streams.*|plans/\{id\}/approve|cheques/\{id\}/cancel"
        r"|invoices/\{id\}/check|monitor/summary)$"
    ),
    "finance_officer": r"^/api/v1/(funding-streams/\{id\}|invoices/\{id\}/approve)$",
    "provider_staff": r"^/api/v1/(cheques/.*|invoices)$",
    "employer_staff": r"^/api/v1/employers/.*$",
    "monitor": r"^/api/v1/(me|courses|monitor/summary)$",
    "administrator": r"^/api/v1/(me|courses|employers/\{id\})$",
}


@pytest.fixture
def demo_tokens(settings):
    """The demo accounts with a token each; `None` is the visitor without one."""
    settings.DEMO_MODE = True
    # Five wrong passwords would lock /auth/token for the rest of the run (the lockout's own
    # answer is tested in tests/accounts); keep that operation open to the fuzzer.
    settings.AXES_FAILURE_LIMIT = 1_000_000
    if not (settings.SHARED_DIR / "twente" / "municipalities.csv").exists():
        pytest.skip("../shared/twente is not present")
    call_command("demo_data")
    tokens = {"anonymous": None}
    for email, _name, role, _organisation in data.ACCOUNTS:
        if role not in tokens:  # the first demo account of each role
            tokens[role] = ApiToken.issue(User.objects.get(email=email), second_factor=True)[1]
    assert set(tokens) == set(OWN_OPERATIONS), "every role with API access is fuzzed"
    chosen = os.environ.get("VAKMANSCHAP_FUZZ_ROLES")
    return {r: t for r, t in tokens.items() if not chosen or r in chosen.split(",")}


def schemathesis(base_url: str, token: str | None, report: Path, *options: str) -> dict:
    command = [
        str(SCHEMATHESIS),
        "run",
        str(OPENAPI_FILE),
        "--url",
        base_url,
        "--checks",
        CHECKS,
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--no-color",
        *options,
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=report.parent)
    summary = json.loads(report.read_text()) if report.stat().st_size else {}
    return {"returncode": run.returncode, "output": run.stdout + run.stderr, "report": summary}


SERVER_ERROR_FAILURES = {"ServerError"}  # the failure class schemathesis reports for a 5xx


def figures(report: dict) -> dict:
    """One role's run: operations tested, calls made, server errors, schema violations."""
    failures = report.get("failures") or []
    server_errors = sum(f["count"] for f in failures if f["type"] in SERVER_ERROR_FAILURES)
    return {
        "operations": (report.get("operations") or {}).get("tested", 0),
        "calls": report.get("test_cases", {}).get("generated", 0),
        "server_errors": server_errors,
        "violations": sum(f["count"] for f in failures) - server_errors,
    }


def test_no_role_finds_a_server_error_or_a_schema_violation(live_server, demo_tokens, tmp_path):
    if not SCHEMATHESIS.exists():
        pytest.fail(f"schemathesis is not installed next to {sys.executable}")
    failed, per_role = {}, {}
    for role, token in demo_tokens.items():
        options = ["--max-examples", str(EXAMPLES)]
        if token:
            options += ["--include-path-regex", OWN_OPERATIONS[role]]
        else:
            options += ["--phases", "examples,fuzzing"]
        result = schemathesis(live_server.url, token, tmp_path / f"{role}.json", *options)
        per_role[role] = figures(result["report"])
        if result["returncode"] != 0 or not per_role[role]["operations"]:
            failed[role] = result["output"][-8000:]
    totals = {
        key: sum(row[key] for row in per_role.values()) for key in next(iter(per_role.values()))
    }
    print(f"\nschemathesis on {connection.vendor} (seed {SEED}, {EXAMPLES} examples):")
    print(f"{'role':<16} {'operations':>10} {'calls':>7} {'5xx':>5} {'violations':>10}")
    for role, row in [*per_role.items(), ("total", totals)]:
        print(
            f"{role:<16} {row['operations']:>10} {row['calls']:>7} "
            f"{row['server_errors']:>5} {row['violations']:>10}"
        )
    if os.environ.get("VAKMANSCHAP_FUZZ_REPORT"):
        Path(os.environ["VAKMANSCHAP_FUZZ_REPORT"]).write_text(
            json.dumps(
                {"database": connection.vendor, "roles": per_role, "total": totals}, indent=2
            )
        )
    assert not failed, "\n\n".join(f"== {run}\n{output}" for run, output in failed.items())
