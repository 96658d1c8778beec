"""The command-line contract of issue 4 on the tiny ESCO of tests/esco."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.skills.conftest import EQUIPMENT, UNDERWATER, WELDER
from vakmanschap.skills import loader

ONE_SENTENCE = "ESCO is not imported yet: run `vakmanschap esco_import` first."


def run(*args, stdin: bytes = b"") -> list[str]:
    out = io.StringIO()
    call_command("skills", *args, stdin=io.BytesIO(stdin), stdout=out)
    return out.getvalue().splitlines()


def test_match_titles_json_lines_in_input_order(esco_db):
    lines = run("match-titles", "--top", "2", stdin=b"lasser (m/v)\n\nprogrammeur\n")
    rows = [json.loads(line) for line in lines]
    assert [r["query"] for r in rows] == ["lasser (m/v)", "", "programmeur"]
    assert rows[0]["matches"][0]["uri"] == WELDER
    assert rows[0]["matches"][0]["label"] == "lasser"  # Dutch labels by default
    assert set(rows[0]["matches"][0]) == {"uri", "label", "score"}
    assert len(rows[0]["matches"]) <= 2
    assert rows[1] == {"query": "", "matches": []}  # empty line -> empty result, still aligned
    assert rows[2]["matches"][0]["label"] == "softwareontwikkelaar"


def test_match_titles_english_labels(esco_db):
    (line,) = run("match-titles", "--top", "1", "--lang", "en", stdin=b"welder\n")
    assert json.loads(line)["matches"][0]["label"] == "welder"


def test_extract_skills(esco_db):
    lines = run("extract", "--top", "3", stdin=b"I weld metal every day\n\n")
    first, empty = (json.loads(line) for line in lines)
    assert first["text"] == "I weld metal every day"
    assert any(s["uri"].endswith("weld-metal") for s in first["skills"])
    assert empty == {"text": "", "skills": []}


def test_invalid_utf8_names_the_line_and_keeps_earlier_results(esco_db):
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"^line 2: invalid UTF-8"):
        call_command(
            "skills", "match-titles", stdin=io.BytesIO(b"lasser\n\xff\xfeoops\nx\n"), stdout=out
        )
    assert [json.loads(line)["query"] for line in out.getvalue().splitlines()] == ["lasser"]


def test_crlf_and_long_streams_stay_aligned(esco_db):
    titles = [f"lasser {i}" if i % 3 else "" for i in range(150)]  # more than one batch
    lines = run("match-titles", "--top", "1", stdin="\r\n".join(titles).encode())
    assert [json.loads(line)["query"] for line in lines] == titles


def test_routes_document(esco_db, shortage_list, welding_course):
    (line,) = run("routes", "--occupation", UNDERWATER, "--education", "mbo2", "--top", "3")
    doc = json.loads(line)
    (route,) = doc["routes"]
    assert route["target"] == {"uri": WELDER, "label": "lasser"}
    assert route["on_shortage_list"] is True
    assert [g["uri"] for g in route["gaps"]] == [EQUIPMENT]
    assert route["matched"][0]["required_skill"]["uri"].endswith("weld-metal")
    assert route["courses"][0]["id"] == str(welding_course.pk)
    assert route["total_price_cents"] == 120_000 and route["total_months"] == 3
    assert route["eligible"] is True and route["reasons"] == []
    assert "lasser" in route["explanation"]["nl"] and "welder" in route["explanation"]["en"]


def test_routes_all_occupations(esco_db):
    (line,) = run("routes", "--occupation", UNDERWATER, "--all", "--lang", "en")
    targets = [r["target"]["uri"] for r in json.loads(line)["routes"]]
    assert WELDER in targets and UNDERWATER not in targets


def test_unknown_uri_names_nearest_matches(esco_db):
    with pytest.raises(CommandError) as exc:
        run("routes", "--occupation", WELDER + "x")
    message = str(exc.value)
    assert message.startswith(f"Unknown ESCO occupation URI '{WELDER}x'. Nearest matches: ")
    assert WELDER in message.split("Nearest matches:")[1]


def test_unknown_skill_uri(esco_db):
    with pytest.raises(CommandError, match="Unknown ESCO skill URI"):
        run("routes", "--skill", "http://data.europa.eu/esco/skill/weld-metl")


@pytest.mark.parametrize("action", ["match-titles", "extract", "routes", "warm", "evaluate"])
def test_missing_esco_import_is_one_sentence(db, action):
    with pytest.raises(CommandError) as exc:
        run(action)
    assert str(exc.value) == ONE_SENTENCE


def test_command_line_prints_only_the_sentence(db, capsys):
    from vakmanschap.skills.management.commands.skills import Command

    with pytest.raises(SystemExit) as exc:
        Command().run_from_argv(["vakmanschap", "skills", "warm"])
    assert exc.value.code == 1
    assert capsys.readouterr().err.strip() == ONE_SENTENCE


def test_warm_builds_the_cache_and_a_new_process_loads_it(esco_db, settings):
    (line,) = run("warm")
    assert "3 occupations" in line
    cache = settings.VAR_DIR / "cache" / "skills"
    assert (cache / "engine.pkl").exists() and (cache / "release.json").exists()
    loader.reset()
    engine = loader.get_engine()  # from the pickle, not rebuilt
    assert engine.occupation_label(WELDER, "nl") == "lasser"
    assert loader.get_engine() is engine  # once per process


def test_evaluate_prints_markdown_tables(esco_db, tmp_path):
    (tmp_path / "jobtitles").mkdir()
    (tmp_path / "skills").mkdir()
    (tmp_path / "jobtitles" / "titles.validation.csv").write_text(
        f"vacancyTitle,conceptUri\nlasser,{WELDER}\nprogrammeur,x\n"
    )
    for name in ("house", "tech"):
        (tmp_path / "skills" / f"{name}_validation_annotations.csv").write_text(
            "sentence,label\nI weld metal,weld metal\n"
        )
    lines = run("evaluate", "--eval", str(tmp_path), "--loo-sample", "0")
    text = "\n".join(lines)
    # measured without the file's own titles as labels: both titles fall in the held-out half;
    # ESCO's labels find "lasser", nothing finds "programmeur" (its occupation is not in ESCO)
    assert "held-out half (n=0 / 2) | – / 0.500 |" in text
    assert "English titles MRR, with the file's other titles as examples" in text
    assert "| skills house RP@5" in text and "| titles per second |" in text
    # one sentence per set, found whatever the weight: the cross-validated figure is 1 as well
    assert "| skills mean RP@5: engine setting / leave-one-set-out | 1.000 / 1.000 |" in text
