"""Fail closed: production refuses to start without its secrets, is HTTPS-hardened by default
and passes `check --deploy`; importing the settings creates no folders. Each case runs the real
console script in a fresh process, with a clean environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OUR_VARIABLES = (
    "SECRET_KEY",
    "VAKMANSCHAP_IDENTITY_HASH_KEY",
    "VAKMANSCHAP_CHEQUE_CODE_KEY",
    "FUND_IBAN",
    "VAKMANSCHAP_DEMO",
    "VAKMANSCHAP_ENV",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_COOKIES",
    "STATIC_ROOT",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # the browser tests' setting, never a deployment's
)


def production_env(tmp_path, **changes) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in OUR_VARIABLES}
    env.update(
        PYTHONPATH=str(REPO),
        DATABASE_URL="sqlite:///:memory:",
        VAKMANSCHAP_VAR_DIR=str(tmp_path / "var"),
        SECRET_KEY=secrets.token_urlsafe(60),
        VAKMANSCHAP_IDENTITY_HASH_KEY=secrets.token_urlsafe(32),
        VAKMANSCHAP_CHEQUE_CODE_KEY=secrets.token_urlsafe(32),
        FUND_IBAN="NL91 ABNA 0417 1643 00",
        ALLOWED_HOSTS="vakmanschap.example.nl",
    )
    env.update(changes)
    return {k: v for k, v in env.items() if v is not None}


def vakmanschap(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vakmanschap.manage", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "missing",
    ["SECRET_KEY", "VAKMANSCHAP_IDENTITY_HASH_KEY", "VAKMANSCHAP_CHEQUE_CODE_KEY", "FUND_IBAN"],
)
def test_production_refuses_to_start_without_a_secret_and_names_it(tmp_path, missing):
    done = vakmanschap(production_env(tmp_path, **{missing: None}), "check")
    assert done.returncode != 0
    assert missing in done.stderr
    assert "Traceback" not in done.stderr


def test_a_weak_secret_key_or_a_wrong_iban_is_refused(tmp_path):
    done = vakmanschap(production_env(tmp_path, SECRET_KEY="short"), "check")
    assert done.returncode != 0 and "SECRET_KEY" in done.stderr
    done = vakmanschap(production_env(tmp_path, FUND_IBAN="NL00ABNA0000000000"), "check")
    assert done.returncode != 0 and "FUND_IBAN" in done.stderr


def test_demo_and_debug_mode_start_without_secrets(tmp_path):
    bare = {name: None for name in OUR_VARIABLES[:4]}
    assert (
        vakmanschap(production_env(tmp_path, VAKMANSCHAP_DEMO="1", **bare), "check").returncode == 0
    )
    assert vakmanschap(production_env(tmp_path, DEBUG="1", **bare), "check").returncode == 0


def test_check_deploy_is_clean_with_a_full_production_environment(tmp_path):
    done = vakmanschap(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    # The API schema's own warnings (drf_spectacular.*) are the API contract's work; every
    # other warning, the security ones above all, must be gone.
    issues = [
        line
        for line in done.stderr.splitlines()
        if line.startswith("?:") or ": (" in line
        if "drf_spectacular" not in line
    ]
    assert issues == []
    assert "security." not in done.stderr + done.stdout


def test_production_switches_https_hardening_on_by_default(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.DEBUG)"
    )
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "vakmanschap.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["True", "31536000", "True", "False"], done.stderr


@pytest.mark.parametrize("mode", [{"VAKMANSCHAP_DEMO": "1"}, {}])
def test_importing_the_settings_creates_no_folders(tmp_path, mode):
    env = {**production_env(tmp_path, **mode), "DJANGO_SETTINGS_MODULE": "vakmanschap.settings"}
    env.pop("DATABASE_URL")  # the default SQLite file lives in VAKMANSCHAP_VAR_DIR
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "var").exists()


def test_pages_carry_a_content_security_policy(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
