"""The app's engine takes the title example files of the settings, each in its language."""

from tests.esco.escodata import DEVELOPER, UNDERWATER, WELDER
from vakmanschap.skills import loader


def _files(settings, tmp_path, english_rows, dutch_rows=()):
    english = tmp_path / "titles.csv"
    english.write_text(
        ",vacancyTitle,conceptUri\n"
        + "".join(f"{i},{title},{uri}\n" for i, (title, uri) in enumerate(english_rows)),
        encoding="utf-8",
    )
    dutch = tmp_path / "titles_nl.tsv"
    dutch.write_text(
        "query_id\ttitle_nl\tconceptUri\n"
        + "".join(f"Q{i}\t{title}\t{uri}\n" for i, (title, uri) in enumerate(dutch_rows)),
        encoding="utf-8",
    )
    settings.SKILLS_ENGLISH_TITLE_EXAMPLES = english
    settings.SKILLS_TITLE_EXAMPLES = dutch
    return english, dutch


def _top(title: str) -> str:
    loader.reset()
    return loader.get_engine().match_titles([title], 1, mode="lexical")[0][0][0]


def test_english_and_dutch_examples_teach_the_engine(esco_db, settings, tmp_path):
    _files(
        settings,
        tmp_path,
        english_rows=[("Boilermaker Helper", WELDER)],
        dutch_rows=[("zaalwachter bouwplaats", DEVELOPER)],
    )
    assert loader.title_example_files() == [
        (settings.SKILLS_TITLE_EXAMPLES, "nl"),
        (settings.SKILLS_ENGLISH_TITLE_EXAMPLES, "en"),
    ]
    assert _top("boilermaker helper") == WELDER
    assert _top("zaalwachter bouwplaats") == DEVELOPER
    snapshot = loader.snapshot_with_examples()
    welder = {o.uri: o for o in snapshot.occupations}[WELDER]
    assert "Boilermaker Helper" in welder.labels["en"]["hidden"]
    # only the languages asked for
    english_only = {o.uri: o for o in loader.snapshot_with_examples(langs=("en",)).occupations}
    assert "zaalwachter bouwplaats" not in english_only[DEVELOPER].labels["nl"].get("hidden", [])


def test_a_changed_example_file_rebuilds_the_engine(esco_db, settings, tmp_path):
    english, _ = _files(settings, tmp_path, english_rows=[("Boilermaker Helper", WELDER)])
    assert _top("boilermaker helper") == WELDER
    english.write_text(
        f",vacancyTitle,conceptUri\n0,Boilermaker Helper,{UNDERWATER}\n1,x,{UNDERWATER}\n",
        encoding="utf-8",
    )
    assert _top("boilermaker helper") == UNDERWATER  # not the cached engine of before


def test_missing_files_mean_no_examples(esco_db, settings, tmp_path):
    settings.SKILLS_ENGLISH_TITLE_EXAMPLES = tmp_path / "nowhere.csv"
    settings.SKILLS_TITLE_EXAMPLES = tmp_path / "nowhere.tsv"
    assert loader.title_example_files() == []
    assert _top("welder") == WELDER
