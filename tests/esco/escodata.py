"""A tiny ESCO download in the official layout, for tests (see conftest.py for fixtures).

Three occupations (welder, underwater welder, software developer), four skills, ISCO groups,
a skill hierarchy with an ISCED-F group, one collection. English in a zip named like the
official one, relations in the language-less zip, Dutch as a loose folder without
skills_nl.csv (so "weld metal" has no Dutch label: it must fall back to English).
"""

import copy
import csv
import io
import zipfile
from pathlib import Path

E = "http://data.europa.eu/esco/"
WELDER, UNDERWATER, DEVELOPER = (
    E + "occupation/welder",
    E + "occupation/underwater-welder",
    E + "occupation/software-developer",
)
WELD, PYTHON, EQUIPMENT, TEAMS = (
    E + "skill/weld-metal",
    E + "skill/python",
    E + "skill/welding-equipment",
    E + "skill/teamwork",
)
GROUP_S, GROUP_S6, GROUP_K, ISCED_0613 = (
    E + "skill/group-s",
    E + "skill/group-s6",
    E + "skill/group-k",
    E + "isced-f/0613",
)
ISCO = {code: E + f"isco/C{code}" for code in ("7", "72", "721", "7212", "2", "25", "251", "2512")}

OCC_COLS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
]
SKILL_COLS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]
ISCO_COLS = [
    "conceptType",
    "conceptUri",
    "code",
    "preferredLabel",
    "status",
    "altLabels",
    "inScheme",
    "description",
]
GROUP_COLS = [
    "conceptType",
    "conceptUri",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "inScheme",
    "description",
    "code",
]
HIER_COLS = [
    "Level 0 URI",
    "Level 0 preferred term",
    "Level 1 URI",
    "Level 1 preferred term",
    "Level 2 URI",
    "Level 2 preferred term",
    "Level 3 URI",
    "Level 3 preferred term",
    "Description",
    "Scope note",
    "Level 0 code",
    "Level 1 code",
    "Level 2 code",
    "Level 3 code",
]
COLL_COLS = [
    "conceptType",
    "conceptUri",
    "preferredLabel",
    "status",
    "skillType",
    "reuseLevel",
    "altLabels",
    "description",
    "broaderConceptUri",
    "broaderConceptPT",
]


def _occ(uri, isco, code, pref, alt="", hidden="", desc=""):
    return {
        "conceptType": "Occupation",
        "conceptUri": uri,
        "iscoGroup": isco,
        "preferredLabel": pref,
        "altLabels": alt,
        "hiddenLabels": hidden,
        "status": "released",
        "description": desc,
        "code": code,
    }


def _skill(uri, stype, reuse, pref, alt="", desc=""):
    return {
        "conceptType": "KnowledgeSkillCompetence",
        "conceptUri": uri,
        "skillType": stype,
        "reuseLevel": reuse,
        "preferredLabel": pref,
        "altLabels": alt,
        "status": "released",
        "description": desc,
    }


def _isco(code, pref):
    return {
        "conceptType": "ISCOGroup",
        "conceptUri": ISCO[code],
        "code": code,
        "preferredLabel": pref,
        "status": "released",
    }


def _group(uri, pref, code=""):
    return {
        "conceptType": "SkillGroup",
        "conceptUri": uri,
        "preferredLabel": pref,
        "status": "released",
        "code": code,
    }


def _hier(*levels):
    row = {}
    for i, (uri, term, code) in enumerate(levels):
        row.update(
            {f"Level {i} URI": uri, f"Level {i} preferred term": term, f"Level {i} code": code}
        )
    return row


DEFAULT = {
    "en": {
        "occupations": [
            _occ(
                WELDER,
                "7212",
                "7212.3",
                "welder",
                "welding operator\nwelding technician",
                "weldor",
                "Welders join metal parts.",
            ),
            _occ(UNDERWATER, "7212", "7212.3.1", "underwater welder", "subsea welder"),
            _occ(
                DEVELOPER,
                "2512",
                "2512.4",
                "software developer",
                "programmer\ncoder",
                desc="Software developers write software.",
            ),
        ],
        "skills": [
            _skill(
                WELD,
                "skill/competence",
                "sector-specific",
                "weld metal",
                "join metal\nweld",
                "Join pieces of metal.",
            ),
            _skill(
                PYTHON,
                "knowledge",
                "sector-specific",
                "Python (computer programming)",
                "Python",
                "The Python programming language.",
            ),
            _skill(EQUIPMENT, "skill/competence", "occupation-specific", "use welding equipment"),
            _skill(TEAMS, "skill/competence", "transversal", "work in teams"),
        ],
        "ISCOGroups": [
            _isco("7", "Craft and related trades workers"),
            _isco("72", "Metal, machinery and related trades workers"),
            _isco("721", "Sheet and structural metal workers"),
            _isco("7212", "Welders and flamecutters"),
            _isco("2", "Professionals"),
            _isco("25", "ICT professionals"),
            _isco("251", "Software and applications developers and analysts"),
            _isco("2512", "Software developers"),
        ],
        "skillGroups": [
            _group(GROUP_S, "skills", "S"),
            _group(GROUP_S6, "handling and moving", "S6"),
            _group(GROUP_K, "knowledge", "K"),
            _group(ISCED_0613, "software and applications development"),
        ],
        "skillsHierarchy": [
            _hier((GROUP_S, "skills", "S")),
            _hier((GROUP_S, "skills", "S"), (GROUP_S6, "handling and moving", "S6")),
            _hier((GROUP_K, "knowledge", "K"), (ISCED_0613, "software dev", "")),
        ],
        "digitalSkillsCollection": [
            {
                **_skill(
                    PYTHON,
                    "knowledge",
                    "sector-specific",
                    "Python (computer programming)",
                    "Python | Python coding",
                ),
                "broaderConceptUri": ISCED_0613,
            }
        ],
    },
    "nl": {
        "occupations": [
            _occ(
                WELDER,
                "7212",
                "7212.3",
                "lasser",
                "lasster",
                "lasman",
                "Lassers verbinden metalen delen.",
            ),
            _occ(UNDERWATER, "7212", "7212.3.1", "onderwaterlasser"),
            _occ(DEVELOPER, "2512", "2512.4", "softwareontwikkelaar", "programmeur"),
        ],
        "ISCOGroups": [
            _isco("7212", "Lassers en snijbranders"),
            _isco("2512", "Softwareontwikkelaars"),
        ],
        "skillGroups": [_group(GROUP_S, "vaardigheden", "S")],
        "digitalSkillsCollection": [
            {
                **_skill(
                    PYTHON,
                    "knowledge",
                    "sector-specific",
                    "Python (computerprogrammering)",
                    "Python programmeren | programmeren in Python",
                    "De programmeertaal Python.",
                ),
                "broaderConceptUri": ISCED_0613,
            }
        ],
    },
    "": {
        "occupationSkillRelations": [
            {"occupationUri": o, "relationType": r, "skillType": t, "skillUri": s}
            for o, r, t, s in [
                (WELDER, "essential", "skill/competence", WELD),
                (WELDER, "essential", "skill/competence", EQUIPMENT),
                (WELDER, "optional", "skill/competence", TEAMS),
                (UNDERWATER, "essential", "skill/competence", WELD),
                (DEVELOPER, "essential", "knowledge", PYTHON),
                (DEVELOPER, "optional", "skill/competence", TEAMS),
            ]
        ],
        "broaderRelationsOccPillar": [
            {"conceptType": a, "conceptUri": c, "broaderType": b, "broaderUri": p}
            for a, c, b, p in [
                ("ISCOGroup", ISCO["72"], "ISCOGroup", ISCO["7"]),
                ("ISCOGroup", ISCO["721"], "ISCOGroup", ISCO["72"]),
                ("ISCOGroup", ISCO["7212"], "ISCOGroup", ISCO["721"]),
                ("ISCOGroup", ISCO["25"], "ISCOGroup", ISCO["2"]),
                ("ISCOGroup", ISCO["251"], "ISCOGroup", ISCO["25"]),
                ("ISCOGroup", ISCO["2512"], "ISCOGroup", ISCO["251"]),
                ("Occupation", WELDER, "ISCOGroup", ISCO["7212"]),
                ("Occupation", DEVELOPER, "ISCOGroup", ISCO["2512"]),
                ("Occupation", UNDERWATER, "Occupation", WELDER),
            ]
        ],
        "broaderRelationsSkillPillar": [
            {"conceptType": a, "conceptUri": c, "broaderType": b, "broaderUri": p}
            for a, c, b, p in [
                ("KnowledgeSkillCompetence", WELD, "SkillGroup", GROUP_S6),
                ("KnowledgeSkillCompetence", EQUIPMENT, "KnowledgeSkillCompetence", WELD),
                ("KnowledgeSkillCompetence", PYTHON, "SkillGroup", ISCED_0613),
                ("SkillGroup", GROUP_S6, "SkillGroup", GROUP_S),
                ("SkillGroup", ISCED_0613, "SkillGroup", GROUP_K),
            ]
        ],
        "skillSkillRelations": [
            {
                "originalSkillUri": EQUIPMENT,
                "originalSkillType": "skill/competence",
                "relationType": "optional",
                "relatedSkillType": "skill/competence",
                "relatedSkillUri": WELD,
            }
        ],
    },
}
COLUMNS = {
    "occupations": OCC_COLS,
    "skills": SKILL_COLS,
    "ISCOGroups": ISCO_COLS,
    "skillGroups": GROUP_COLS,
    "skillsHierarchy": HIER_COLS,
    "digitalSkillsCollection": COLL_COLS,
}


def esco_tables() -> dict:
    """A deep copy of the default tables, to change before `write_esco`."""
    return copy.deepcopy(DEFAULT)


def _csv_text(stem: str, rows: list[dict]) -> str:
    columns = list(COLUMNS.get(stem) or (rows[0] if rows else ["conceptUri"]))
    for row in rows:  # extra columns (newer releases) are kept
        columns += [k for k in row if k not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_esco(
    root: Path, tables: dict | None = None, zipped: bool = True, version: str = "1.1.1"
) -> Path:
    """Write the download under `root`: English and language-less as zips (or folders), Dutch
    as a loose folder, like ../shared/esco/v1.1.1. Returns `root`."""
    tables = DEFAULT if tables is None else tables
    root.mkdir(parents=True, exist_ok=True)
    for lang, files in tables.items():
        texts = {
            (f"{stem}_{lang}.csv" if lang else f"{stem}.csv"): _csv_text(stem, rows)
            for stem, rows in files.items()
        }
        if lang == "nl" or not zipped:
            folder = root / (lang or "relations")
            folder.mkdir(exist_ok=True)
            for name, text in texts.items():
                (folder / name).write_text(text, encoding="utf-8")
        else:
            name = f"ESCO dataset - v{version} - classification - {lang} - csv.zip"
            with zipfile.ZipFile(root / name, "w") as zf:
                for member, text in texts.items():
                    zf.writestr(member, text)
    return root


VDAB_METADATA = [
    ["Mapping project name", "ESCO - VDAB Competences"],
    ["Mapping project author", "Nalantis nv"],
    *([f"Classification {n} line", "x"] for n in range(13)),
    [],
]
VDAB_COLUMNS = [
    "Classification 1 URI",
    "Classification 1 ID",
    "Classification 1 PrefLabel",
    "Classification 1 URL",
    "Classification 2 URI",
    "Classification 2 ID",
    "Classification 2 PrefLabel FR",
    "Classification 2 PrefLabel NL",
    "Classification 2 URL",
    "Mapping Relation",
    "Editorial Note",
]
# (ESCO URI, Dutch ESCO 1.0.3 label, VDAB Dutch label, relation)
VDAB_ROWS = [
    (WELD, "metaal lassen", "Lassen", "skos:exactMatch"),
    (WELD, "metaal lassen", "Booglassen", "skos:narrowMatch"),
    (PYTHON, "Python", "Programmeren met Python", "skos:closeMatch"),
    (PYTHON, "Python", "programmeren in python", "skos:exactMatch"),  # a known label, other case
    (TEAMS, "in teamverband werken", "Samenwerken", "skos:broadMatch"),
    (E + "skill/not-in-this-release", "verdwenen vaardigheid", "Weg", "skos:exactMatch"),
    (WELDER, "lasser", "Lasser", "skos:exactMatch"),  # an occupation: not a skill URI
]


def write_vdab_mapping(root: Path, rows=VDAB_ROWS, columns=VDAB_COLUMNS) -> Path:
    """The ESCO–VDAB mapping in its published layout: metadata lines, then the column row."""
    root.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(VDAB_METADATA)
    writer.writerow(columns)
    for uri, esco_nl, vdab_nl, relation in rows:
        values = {
            "Classification 1 URI": uri.rsplit("/", 1)[-1],
            "Classification 1 PrefLabel": esco_nl,
            "Classification 1 URL": uri,
            "Classification 2 PrefLabel FR": "(fr)",
            "Classification 2 PrefLabel NL": vdab_nl,
            "Mapping Relation": relation,
        }
        writer.writerow([values.get(name, "") for name in columns])
    path = root / "escocompetencemappingfinalreport-fr-nl-45-v3.8.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return root
