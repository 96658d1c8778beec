"""Exact behaviour of the skills engine on a tiny hand-made snapshot (no Django, no ESCO files)."""

import math

import numpy as np
import pytest

from vakmanschap.skills_engine import cache
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine, UnknownURI
from vakmanschap.skills_engine.routes import (
    Course,
    HeldOccupation,
    Person,
    Rules,
    ShortageOccupation,
    greedy_cover,
)
from vakmanschap.skills_engine.snapshot import EscoSnapshot, Occupation, Skill
from vakmanschap.skills_engine.titles import clean_title


def occ(uri, en, nl, isco, alt_en=(), alt_nl=()):
    return Occupation(
        uri,
        isco + ".1",
        isco,
        {
            "en": {"preferred": en, "alt": list(alt_en), "hidden": []},
            "nl": {"preferred": nl, "alt": list(alt_nl), "hidden": []},
        },
    )


def skill(uri, en, desc="", nl=None):
    labels = {"en": {"preferred": en, "alt": [], "hidden": []}}
    if nl:
        labels["nl"] = {"preferred": nl, "alt": [], "hidden": []}
    return Skill(uri, "skill/competence", "sector-specific", labels, {"en": desc} if desc else {})


def make_snapshot(version="t1"):
    occupations = [
        occ("urn:occ:welder", "welder", "lasser", "7212", alt_nl=["lasser metaal"]),
        occ("urn:occ:pipe-welder", "pipe welder", "pijplasser", "7212"),
        occ("urn:occ:nurse", "nurse", "verpleegkundige", "2221", alt_en=["general nurse"]),
        occ("urn:occ:healthcare-assistant", "healthcare assistant", "zorghulp", "5321"),
        occ("urn:occ:cnc-operator", "CNC machine operator", "operator CNC-machine", "7223"),
    ]
    skills = [
        skill("urn:sk:weld", "weld metal parts", "Join metal parts with welding equipment."),
        skill("urn:sk:drawings", "read technical drawings", "Interpret technical drawings."),
        skill("urn:sk:safety", "apply safety procedures", "Follow safety rules at work."),
        skill("urn:sk:pipe", "install pipes", "Fit pipes in buildings."),
        skill(
            "urn:sk:care", "care for patients", "Look after sick people.", nl="patiënten verzorgen"
        ),
        skill("urn:sk:hygiene", "maintain hygiene standards", "Keep things clean."),
        skill("urn:sk:hygiene2", "maintaining hygiene standards", "Keep a clean workplace."),
        skill("urn:sk:comm", "communicate with colleagues", "Talk to co-workers."),
        skill("urn:sk:cnc", "operate CNC machines", "Run computer-controlled machines."),
    ]
    ess = {
        "welder": ["weld", "drawings"],
        "pipe-welder": ["weld", "pipe", "drawings", "comm"],
        "nurse": ["care", "hygiene"],
        "healthcare-assistant": ["care", "hygiene2", "comm"],
        "cnc-operator": ["cnc", "drawings", "safety"],
    }
    relations = [(f"urn:occ:{o}", f"urn:sk:{s}", "essential") for o, ss in ess.items() for s in ss]
    relations.append(("urn:occ:welder", "urn:sk:safety", "optional"))
    groups = {
        "weld": "metal",
        "pipe": "metal",
        "drawings": "tech",
        "cnc": "tech",
        "safety": "tech",
        "care": "care",
        "hygiene": "care",
        "hygiene2": "care",
        "comm": "social",
    }
    broader = [(f"urn:sk:{s}", f"urn:grp:{g}") for s, g in groups.items()]
    broader += [(f"urn:grp:{g}", "urn:grp:all") for g in set(groups.values())]
    return EscoSnapshot(version, occupations, skills, relations, broader)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return SkillsEngine.build(make_snapshot(), tmp_path_factory.mktemp("cache"))


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("Senior Lasser (m/v/x)", "lasser"),
        ("Junior nurse m/f", "nurse"),
        ("stagiair verpleegkundige (M/V/D)", "verpleegkundige"),
        ("Internship welder", "welder"),
        ("medior operator CNC-machine m/v", "operator cnc machine"),
    ],
)
def test_clean_title_strips_seniority_and_gender(raw, cleaned):
    assert clean_title(raw) == cleaned


def test_titles_dutch_english_and_typos(engine):
    res = engine.match_titles(
        ["lasser", "Senior welder (m/v)", "verpleegkundge", "nurce", "zorghulp m/v/x"], k=3
    )
    tops = [r[0][0] for r in res]
    assert tops == [
        "urn:occ:welder",
        "urn:occ:welder",
        "urn:occ:nurse",
        "urn:occ:nurse",
        "urn:occ:healthcare-assistant",
    ]
    uri, label, score = res[0][0]
    assert label == "welder" and 0 < score


def test_empty_input_gives_empty_result(engine):
    assert engine.match_titles([]) == []
    assert engine.match_titles([""]) == [[]]
    assert engine.extract_skills("") == []
    assert engine.extract_skills("   ") == []


def test_extract_skills_finds_labels(engine):
    uris = [u for u, _, _ in engine.extract_skills("You can read technical drawings and weld.", 3)]
    assert uris[0] == "urn:sk:drawings"
    assert "urn:sk:weld" in uris
    assert engine.extract_skills("patiënten verzorgen", 1)[0][0] == "urn:sk:care"


def test_similarity_formula_hand_computed(engine):
    # welder -> pipe welder.
    # essential: pipe welder needs weld, pipe, drawings, comm; welder has weld, drawings -> 2/4.
    # optional: welder's optional skill (safety) covers none of them -> 0.
    # isco: both 7212 -> skill level 2 -> 1.
    # activities: counts of groups over essential skills, idf = ln((1+N)/(1+df)) + 1, N = 5.
    groups = ["all", "care", "metal", "social", "tech"]
    df = {"all": 5, "care": 2, "metal": 2, "social": 2, "tech": 3}
    idf = {g: math.log(6 / (1 + df[g])) + 1 for g in groups}
    welder = {"all": 2, "metal": 1, "tech": 1}
    pipe = {"all": 4, "metal": 2, "tech": 1, "social": 1}
    a = np.array([welder.get(g, 0) * idf[g] for g in groups])
    b = np.array([pipe.get(g, 0) * idf[g] for g in groups])
    activities = a @ b / np.linalg.norm(a) / np.linalg.norm(b)
    expected = (0.5 + 0.0 + activities + 1.0) / 4
    assert engine.similarity("urn:occ:welder", "urn:occ:pipe-welder") == pytest.approx(
        expected, abs=1e-5
    )


def test_near_identical_skills_count_as_match(engine):
    # nurse -> healthcare assistant: "maintain hygiene standards" ~ "maintaining hygiene standards".
    person = Person(occupations=[HeldOccupation("urn:occ:nurse", 3)])
    shortage = [ShortageOccupation("urn:occ:healthcare-assistant", "zorg")]
    (route,) = engine.routes(person, shortage, [], Rules(), k=5)
    pairs = {(p, r) for p, r, _ in route.matched}
    assert ("urn:sk:hygiene", "urn:sk:hygiene2") in pairs
    assert route.gaps == ["urn:sk:comm"]


def test_set_cover_picks_cheapest_covering_courses(engine):
    person = Person(occupations=[HeldOccupation("urn:occ:welder", 10)])
    shortage = [
        ShortageOccupation("urn:occ:cnc-operator", "techniek"),
        ShortageOccupation("urn:occ:nurse", "zorg"),
    ]
    courses = [
        Course("A", "CNC and safety", 2, 300_000, 1, ["urn:sk:cnc", "urn:sk:safety"]),
        Course("B", "CNC basics", 2, 100_000, 1, ["urn:sk:cnc"]),
        Course("C", "Safety", 1, 100_000, 1, ["urn:sk:safety"]),
        Course("D", "Too high level", 5, 10_000, 1, ["urn:sk:cnc", "urn:sk:safety"]),
        Course("E", "Too expensive", 3, 900_000, 1, ["urn:sk:cnc", "urn:sk:safety"]),
    ]
    rules = Rules(max_level=4, max_amount_cents=500_000)
    routes = engine.routes(person, shortage, courses, rules, k=5)
    cnc = next(r for r in routes if r.uri == "urn:occ:cnc-operator")
    assert set(cnc.gaps) == {"urn:sk:cnc", "urn:sk:safety"}
    assert sorted(cnc.courses) == ["B", "C"]
    assert cnc.total_price_cents == 200_000 and cnc.total_months == 2
    assert cnc.eligible and cnc.reasons == [] and cnc.uncovered == []
    assert "operator CNC-machine" in cnc.explanation_nl
    assert "CNC machine operator" in cnc.explanation_en


def test_eligibility_reasons(engine):
    person = Person(occupations=[HeldOccupation("urn:occ:welder", 10)])
    shortage = [ShortageOccupation("urn:occ:cnc-operator", "techniek")]
    courses = [Course("A", "CNC and safety", 2, 300_000, 6, ["urn:sk:cnc", "urn:sk:safety"])]
    person.wishes.max_training_months = 3
    routes = engine.routes(
        person, shortage, courses, Rules(max_amount_cents=200_000), k=5, all_occupations=True
    )
    cnc = next(r for r in routes if r.uri == "urn:occ:cnc-operator")
    assert cnc.courses == [] and set(cnc.uncovered) == {"urn:sk:cnc", "urn:sk:safety"}
    (cnc,) = [r for r in engine.routes(person, shortage, courses, Rules(), k=5)]
    assert not cnc.eligible and cnc.reasons == ["over_max_months"]
    other = next(r for r in routes if r.uri != "urn:occ:cnc-operator")
    assert "not_on_shortage_list" in other.reasons


def test_gap_ordering_by_shortage_need_then_frequency(engine):
    person = Person(occupations=[HeldOccupation("urn:occ:welder", 2)])
    shortage = [
        ShortageOccupation("urn:occ:healthcare-assistant", "zorg"),
        ShortageOccupation("urn:occ:nurse", "zorg"),
    ]
    routes = engine.routes(person, shortage, [], Rules(), k=5)
    assistant = next(r for r in routes if r.uri == "urn:occ:healthcare-assistant")
    # care: needed by 2 shortage occupations; comm and hygiene2 by 1, comm is more common.
    assert assistant.gaps == ["urn:sk:care", "urn:sk:comm", "urn:sk:hygiene2"]


def test_unknown_uri_names_nearest_matches(engine):
    with pytest.raises(UnknownURI) as err:
        engine.similarity("urn:occ:weldr", "urn:occ:nurse")
    assert "urn:occ:welder" in str(err.value)
    with pytest.raises(UnknownURI) as err:
        engine.routes(Person(added_skills=["urn:sk:care-for-patient"]), [], [])
    assert err.value.nearest[0][0] == "urn:sk:care"


def test_greedy_cover_prefers_value_for_money():
    chosen, left = greedy_cover([1, 2, 3], {}, [{1, 2, 3}, {1}, {2}, {3}], [10, 2, 2, 2])
    assert chosen == [1, 2, 3] and left == set()
    chosen, left = greedy_cover([1, 2, 9], {}, [{1, 2, 3}], [10])
    assert chosen == [0] and left == {9}


def test_cache_reused_and_invalidated_on_version_change(tmp_path):
    snap = make_snapshot("v1")
    SkillsEngine.build(snap, tmp_path, EngineConfig(precompute_matrix=False))
    assert cache.read_meta(tmp_path)["version"] == "v1"
    loaded = SkillsEngine.load(tmp_path, version="v1", fingerprint=snap.fingerprint())
    assert loaded.match_titles(["lasser"], 1)[0][0][0] == "urn:occ:welder"
    newer = make_snapshot("v2")
    assert newer.fingerprint() != snap.fingerprint()
    assert not cache.is_valid(tmp_path, "v2", newer.fingerprint())
    SkillsEngine.build(newer, tmp_path, EngineConfig(precompute_matrix=False))
    assert cache.read_meta(tmp_path)["version"] == "v2"
    with pytest.raises(cache.CacheMiss):
        SkillsEngine.load(tmp_path, version="v1")


def test_similar_occupations_and_viability(engine):
    found = engine.similar_occupations("urn:occ:welder", k=4)
    # CNC operator: 1/3 essential + 1/3 via the welder's optional "safety"; pipe welder: 2/4 + 0
    assert {f[0] for f in found[:2]} == {"urn:occ:pipe-welder", "urn:occ:cnc-operator"}
    pipe = next(f for f in found if f[0] == "urn:occ:pipe-welder")
    uri, label, score, viable, highly = pipe
    assert label == "pipe welder" and viable and highly
    assert score == pytest.approx(engine.similarity("urn:occ:welder", uri))
    # nurse (ISCO level 4) is more than one skill level away from welder (level 2): never viable
    nurse = next(f for f in found if f[0] == "urn:occ:nurse")
    assert not nurse[3]
    assert all(f[0] != "urn:occ:welder" for f in found)


def test_without_the_full_matrix_an_origin_row_is_scored_to_the_same_values(engine, tmp_path):
    assert engine.sim.matrix is None  # the default: no 3,007 x 3,007 matrix in every server
    full = SkillsEngine.build(make_snapshot(), tmp_path, EngineConfig(precompute_matrix=True))
    assert full.sim.matrix is not None
    for uri in full.occ_uris:
        assert engine.similar_occupations(uri, k=10) == full.similar_occupations(uri, k=10)
        assert engine.similarity(uri, "urn:occ:nurse") == full.similarity(uri, "urn:occ:nurse")
