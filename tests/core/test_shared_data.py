"""Tests that need the reference data in ../shared find it through one helper, which skips them
when it is missing, and fails them in CI."""

import pytest
from _pytest.outcomes import Failed, Skipped

import tests.conftest
from tests.conftest import shared_data


def test_a_present_file_is_returned(settings, tmp_path):
    (tmp_path / "twente").mkdir()
    (tmp_path / "twente" / "municipalities.csv").write_text("cbs_code,name\n")
    settings.SHARED_DIR = tmp_path
    assert shared_data("twente", "municipalities.csv") == tmp_path / "twente" / "municipalities.csv"


def test_a_missing_file_skips_the_test(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(tests.conftest, "REQUIRE_ALL", False)
    settings.SHARED_DIR = tmp_path
    with pytest.raises(Skipped, match="municipalities.csv"):
        shared_data("twente", "municipalities.csv")


def test_a_missing_file_fails_the_test_when_all_tests_are_required(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(tests.conftest, "REQUIRE_ALL", True)
    settings.SHARED_DIR = tmp_path
    with pytest.raises(Failed, match="municipalities.csv"):
        shared_data("twente", "municipalities.csv")
