import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vakmanschap.esco.locate import EscoNotFound, locate_esco_dir
from vakmanschap.esco.models import Occupation


@pytest.fixture
def no_esco(settings, tmp_path):
    settings.ESCO_DIR = ""
    settings.ESCO_SEARCH_PATHS = [str(tmp_path / "missing"), str(tmp_path / "empty")]
    (tmp_path / "empty").mkdir()
    return settings


def test_first_search_path_with_files_wins(settings, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    (second / "sub").mkdir(parents=True)
    (second / "sub" / "occupations_en.csv").write_text("conceptUri\n")
    first.mkdir()  # exists, but holds no ESCO files
    settings.ESCO_DIR = ""
    settings.ESCO_SEARCH_PATHS = [str(tmp_path / "none"), str(first), str(second)]
    assert locate_esco_dir() == second


def test_missing_esco_is_one_clear_sentence(no_esco):
    with pytest.raises(EscoNotFound) as exc:
        locate_esco_dir()
    message = str(exc.value)
    assert "\n" not in message and message.endswith(".") and message.count(". ") == 0
    assert "data/esco" in message and "VAKMANSCHAP_ESCO_DIR" in message
    assert "esco.ec.europa.eu" in message


def test_explicit_dir_that_does_not_exist(settings, tmp_path):
    settings.ESCO_DIR = str(tmp_path / "nowhere")
    settings.ESCO_SEARCH_PATHS = [settings.ESCO_DIR]
    with pytest.raises(EscoNotFound, match="VAKMANSCHAP_ESCO_DIR"):
        locate_esco_dir()


@pytest.mark.django_db
def test_command_without_esco_exits_1_with_the_sentence(no_esco):
    with pytest.raises(CommandError) as exc:
        call_command("esco_import")
    assert exc.value.returncode == 1
    assert "No ESCO data found" in str(exc.value)


@pytest.mark.django_db
def test_command_with_bad_path(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("esco_import", str(tmp_path / "nope"))
    (tmp_path / "junk").mkdir()
    with pytest.raises(CommandError, match="No ESCO CSV files"):
        call_command("esco_import", str(tmp_path / "junk"))


@pytest.mark.django_db
def test_command_uses_located_dir_and_reports_counts(settings, esco_dir, capsys):
    settings.ESCO_DIR = ""
    settings.ESCO_SEARCH_PATHS = [str(esco_dir)]
    call_command("esco_import")
    out = capsys.readouterr().out
    assert "ESCO 1.1.1 (en, nl) imported in" in out and " s." in out
    assert "3 created, 0 updated, 0 unchanged" in out
    assert Occupation.objects.count() == 3
    call_command("esco_import", str(esco_dir))
    out = capsys.readouterr().out
    assert "0 created, 0 updated, 3 unchanged" in out and "Nothing changed" in out
