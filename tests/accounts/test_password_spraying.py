"""Login throttling also counts failures per address across accounts: one wrong guess at each
of many accounts (password spraying) locks the address out too."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory

LOGIN = "/account/login/"

pytestmark = pytest.mark.django_db


def login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def test_one_guess_at_many_accounts_locks_the_address(settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 20
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(19):
        assert login(attacker, f"slachtoffer{number}@example.org", "Welkom2026!").status_code == 200
    assert login(attacker, "slachtoffer19@example.org", "Welkom2026!").status_code == 429
    UserFactory(email="echt@example.org")
    assert login(attacker, "echt@example.org").status_code == 429
    # Someone at another address is not affected.
    assert login(Client(REMOTE_ADDR="198.51.100.1"), "echt@example.org").status_code == 302


def test_below_the_address_limit_people_still_log_in(settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 20
    office = Client(REMOTE_ADDR="203.0.113.8")
    for number in range(3):
        login(office, f"collega{number}@example.org", "typfout")
    UserFactory(email="ik@example.org")
    assert login(office, "ik@example.org").status_code == 302


def test_logging_in_to_ones_own_account_does_not_wipe_the_address_failures(settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 10
    UserFactory(email="eigen@example.org")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(9):
        login(attacker, f"doel{number}@example.org", "Zomer2026!")
    assert login(attacker, "eigen@example.org").status_code == 302
    attacker.logout()
    login(attacker, "doel9@example.org", "Zomer2026!")
    assert login(attacker, "eigen@example.org").status_code == 429
