"""CPU milliseconds per skills engine call: one title, titles in a batch (k=10 and k=100), one
sentence, one route plan. For comparing two versions of the code back to back on a busy
machine (CPU time, not wall time).

    PYTHONPATH=. python scripts/engine_cpu_per_call.py CACHE_DIR LABEL

CACHE_DIR holds an ``engine.pkl`` built by the same code (e.g. ``--cache DIR`` of
``python -m vakmanschap.skills_engine.evaluation``, then ``DIR/full``). The ESCO, evaluation
and shortage files are read from ``../shared``.
"""

import csv
import gc
import pickle
import random
import sys
import time
from pathlib import Path

from vakmanschap.skills_engine.engine import SkillsEngine
from vakmanschap.skills_engine.evaluation import demo_courses, load_shortage
from vakmanschap.skills_engine.routes import HeldOccupation, Person, Rules

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def cpu_ms(call, n: int) -> float:
    gc.collect()
    start = time.process_time()
    call()
    return (time.process_time() - start) / n * 1000


def main(cache_dir: str, label: str) -> None:
    with open(Path(cache_dir) / "engine.pkl", "rb") as f:
        engine = SkillsEngine(pickle.load(f))
    rng = random.Random(1)
    with open(SHARED / "eval" / "jobtitles" / "titles.validation.csv", encoding="utf-8") as f:
        titles = [r["vacancyTitle"] for r in csv.DictReader(f)]
    with open(
        SHARED / "eval" / "skills" / "house_validation_annotations.csv", encoding="utf-8"
    ) as f:
        sentences = list(dict.fromkeys(r["sentence"] for r in csv.DictReader(f)))[:60]
    shortage = load_shortage(SHARED / "twente" / "shortage_occupations.csv")
    courses = demo_courses(engine)
    rules = Rules(max_level=4, max_amount_cents=500_000)
    single, batch = rng.sample(titles, 300), titles[:2048]
    people = [
        Person(occupations=[HeldOccupation(rng.choice(engine.occ_uris), 5)]) for _ in range(100)
    ]
    figures = {
        "title": cpu_ms(lambda: [engine.match_titles([t]) for t in single], len(single)),
        "title in a batch": cpu_ms(lambda: engine.match_titles(batch), len(batch)),
        "title in a batch, k=100": cpu_ms(lambda: engine.match_titles(batch, k=100), len(batch)),
        "sentence": cpu_ms(lambda: [engine.extract_skills(s) for s in sentences], len(sentences)),
        "route plan": cpu_ms(
            lambda: [engine.routes(p, shortage, courses, rules, k=10) for p in people], len(people)
        ),
    }
    print(label, "; ".join(f"{name} {ms:.2f} ms" for name, ms in figures.items()), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
