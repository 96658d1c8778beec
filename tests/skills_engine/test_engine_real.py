"""Smoke tests on the real ESCO v1.1.1 from ../shared (skipped when it is not there,
failed in CI).

The engine is built once per machine and cached in the system temp dir; the cache is keyed on the
snapshot fingerprint, so a changed ESCO file rebuilds it.
"""

import csv
import tempfile
from pathlib import Path

import pytest

from tests.conftest import shared_data
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine
from vakmanschap.skills_engine.routes import HeldOccupation, Person, Rules, ShortageOccupation
from vakmanschap.skills_engine.snapshot import snapshot_from_csv


@pytest.fixture(scope="module")
def engine():
    cache_dir = Path(tempfile.gettempdir()) / "vakmanschap-skills-engine-test"
    return SkillsEngine.build(
        snapshot_from_csv(shared_data("esco", "v1.1.1")),
        cache_dir,
        EngineConfig(precompute_matrix=False),
    )


@pytest.fixture(scope="module")
def shortage():
    with open(shared_data("twente", "shortage_occupations.csv"), encoding="utf-8") as f:
        return [
            ShortageOccupation(r["esco_uri"], r["sector"], r["label_nl"]) for r in csv.DictReader(f)
        ]


@pytest.mark.parametrize(
    "title", ["verpleegkundige", "nurse", "Senior verpleegkundige (m/v)", "verpleegkundge"]
)
def test_nursing_titles(engine, title):
    uri, label, _ = engine.match_titles([title], 3, lang="en")[0][0]
    assert "nurs" in label.lower(), (title, label)


@pytest.mark.parametrize(
    "title, sector", [("zorghulp", "zorg"), ("operator CNC-machine", "techniek")]
)
def test_route_to_shortage_occupation(engine, shortage, title, sector):
    held = engine.match_titles([title], 1)[0][0][0]
    routes = engine.routes(
        Person(occupations=[HeldOccupation(held, 4)]), shortage, [], Rules(), k=3
    )
    assert routes
    by_uri = {s.uri: s for s in shortage}
    top = routes[0]
    assert top.uri in by_uri and top.uri != held
    assert by_uri[top.uri].sector == sector
    assert top.score > 0.3 and top.matched and top.explanation_nl and top.explanation_en


def test_extract_skills_real(engine):
    uris = [lab for _, lab, _ in engine.extract_skills("Experience with Java and SQL", 5)]
    assert "SQL" in uris and "Java (computer programming)" in uris
