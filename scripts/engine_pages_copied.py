"""Which of the skills engine's objects a forked worker copies when it answers queries.

    python scripts/engine_pages_copied.py CACHE_DIR ../shared/esco/v1.1.1 ../shared/eval \
        [titles,sentences,routes,all] [--unknown]

Loads an engine cache (``engine.pkl`` of a build by the same code), calls gc.freeze() as
gunicorn's master does, and forks once per kind of query. The child notes which pages it holds
alone (``/proc/self/pagemap`` bit 56), answers 60 titles, 30 sentences or 30 routes one at a
time, and reports its Private_Dirty growth and the pages that became its own, by the engine
attribute (or encoder part) whose Python objects lie on them. ``--unknown`` also names the
first object type on the pages no engine object lies on (after the "all" run). Linux only.
"""

import csv
import gc
import os
import pickle
import random
import sys
import time

import numpy as np

from vakmanschap.skills_engine import encoders
from vakmanschap.skills_engine.engine import SkillsEngine
from vakmanschap.skills_engine.evaluation import demo_courses, load_shortage
from vakmanschap.skills_engine.routes import HeldOccupation, Person, Rules

PAGE = 4096


def rollup():
    out = {}
    with open("/proc/self/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[2] == "kB":
                out[parts[0].rstrip(":")] = int(parts[1]) / 1024
    return out


def anon_regions():
    regions = []
    with open("/proc/self/maps") as f:
        for line in f:
            parts = line.split()
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            if "w" in parts[1]:
                regions.append((lo, hi))
    return regions


def exclusive_pages(regions):
    """Set of page numbers that are present and exclusively mapped."""
    out = set()
    fd = os.open("/proc/self/pagemap", os.O_RDONLY)
    try:
        for lo, hi in regions:
            n = (hi - lo) // PAGE
            data = os.pread(fd, n * 8, (lo // PAGE) * 8)
            arr = np.frombuffer(data, dtype=np.uint64)
            present = (arr >> np.uint64(63)) & np.uint64(1)
            excl = (arr >> np.uint64(56)) & np.uint64(1)
            idx = np.flatnonzero((present & excl).astype(bool))
            out.update((lo // PAGE + idx).tolist())
    finally:
        os.close(fd)
    return out


def roots(engine):
    r = {}
    for name, value in vars(engine).items():
        r[f"engine.{name}"] = value
    t = engine.titles
    for name, value in vars(t).items():
        r[f"titles.{name}"] = value
    for vec in ("char_vec", "word_vec", "doc_vec"):
        r[f"titles.{vec}.vocab"] = getattr(t, vec).vocab
    r["titles.table.texts"] = t.table.texts
    x = engine.extractor
    for name, value in vars(x).items():
        r[f"extractor.{name}"] = value
    for vec in ("stem_vec", "char_vec", "doc_vec"):
        r[f"extractor.{vec}.vocab"] = getattr(x, vec).vocab
    for name, value in vars(engine.sim).items():
        r[f"sim.{name}"] = value
    if engine.title_encoder is not None:
        for name, value in vars(engine.title_encoder).items():
            r[f"title_encoder.{name}"] = value
    for enc_name, enc in encoders._LOADED.items():
        model = getattr(enc, "model", None)
        r[f"enc.{enc_name}"] = enc
        sp_ = getattr(model, "_sp", None)
        if sp_ is not None:
            for name, value in vars(sp_).items():
                r[f"enc.{enc_name}.tok.{name}"] = value
            for name, value in vars(sp_._normalizer).items():
                r[f"enc.{enc_name}.norm.{name}"] = value
        be = getattr(model, "_backend", None)
        if be is not None:
            for name, value in vars(be).items():
                r[f"enc.{enc_name}.backend.{name}"] = value
    return r


def page_owner(engine):
    """page -> root name, and per root (objects, pages), most specific roots first."""
    owner, stats = {}, {}
    seen = set()
    items = sorted(roots(engine).items(), key=lambda kv: -kv[0].count("."))
    for name, root in items:
        stack, n_obj, pages = [root], 0, set()
        while stack:
            o = stack.pop()
            if id(o) in seen or isinstance(o, type) or type(o).__name__ == "module":
                continue
            seen.add(id(o))
            n_obj += 1
            if isinstance(o, np.ndarray):
                size = sys.getsizeof(o) if o.base is None and o.nbytes < 4096 else 112
            else:
                size = sys.getsizeof(o)
            for p in range(id(o) // PAGE, (id(o) + size - 1) // PAGE + 1):
                pages.add(p)
                owner.setdefault(p, name)
            stack.extend(gc.get_referents(o))
        stats[name] = (n_obj, len(pages))
    return owner, stats


def queries(engine, esco, eval_dir, n_titles, n_sentences, n_routes, kinds):
    rng = random.Random(1)
    with open(os.path.join(eval_dir, "jobtitles", "titles.validation.csv")) as f:
        titles = [r["vacancyTitle"] for r in csv.DictReader(f)]
    with open(os.path.join(eval_dir, "skills", "house_validation_annotations.csv")) as f:
        rows = list(csv.DictReader(f))
    key = next(k for k in rows[0] if "sentence" in k.lower() or "text" in k.lower())
    sentences = list(dict.fromkeys(r[key] for r in rows))
    if "titles" in kinds:
        for t in rng.sample(titles, n_titles):
            engine.match_titles([t], k=10, lang="nl")
    if "sentences" in kinds:
        for s in rng.sample(sentences, n_sentences):
            engine.extract_skills(s, k=10, lang="nl")
    if "routes" in kinds:
        shortage = load_shortage(
            os.path.join(esco, "..", "..", "twente", "shortage_occupations.csv")
        )
        courses = demo_courses(engine)
        for _ in range(n_routes):
            person = Person(occupations=[HeldOccupation(rng.choice(engine.occ_uris), 5)])
            engine.routes(
                person, shortage, courses, Rules(max_level=4, max_amount_cents=500_000), k=10
            )


def main():
    args = [a for a in sys.argv[1:] if a != "--unknown"]
    cache_dir, esco, eval_dir = args[:3]
    kinds = args[3].split(",") if len(args) > 3 else ["titles", "sentences", "routes", "all"]
    t0 = time.process_time()
    with open(os.path.join(cache_dir, "engine.pkl"), "rb") as f:
        engine = SkillsEngine(pickle.load(f))
    print(f"load {time.process_time() - t0:.2f} s CPU", flush=True)
    gc.collect()
    gc.freeze()
    for kind in kinds:
        pid = os.fork()
        if pid == 0:
            child(
                engine,
                esco,
                eval_dir,
                [kind] if kind != "all" else ["titles", "sentences", "routes"],
            )
            os._exit(0)
        os.waitpid(pid, 0)


def child(engine, esco, eval_dir, kinds):
    regions = anon_regions()
    before_pages = exclusive_pages(regions)
    before = rollup()
    queries(engine, esco, eval_dir, 60, 30, 30, kinds)
    after = rollup()
    after_pages = exclusive_pages(regions)
    new = after_pages - before_pages
    owner, stats = page_owner(engine)
    by_root = {}
    for p in new:
        name = owner.get(p)
        by_root[name] = by_root.get(name, 0) + 1
    print(
        f"\n== {'+'.join(kinds)}: Private_Dirty {before['Private_Dirty']:.1f} -> "
        f"{after['Private_Dirty']:.1f} MB (+{after['Private_Dirty'] - before['Private_Dirty']:.1f}); "
        f"newly exclusive pages in pre-fork writable regions {len(new) * 4 / 1024:.1f} MB"
    )
    for name, n in sorted(by_root.items(), key=lambda kv: -kv[1])[:25]:
        objs, pages = stats.get(name, (0, 0))
        print(f"  {n * 4 / 1024:7.2f} MB  {name}  ({objs} objects on {pages * 4 / 1024:.1f} MB)")
    if "--unknown" in sys.argv and len(kinds) == 3:
        unknown = {p for p in new if owner.get(p) is None}
        gc.unfreeze()
        by_type = {}
        seen_pages = set()
        objs = gc.get_objects()
        extra = []
        for o in objs:
            extra.extend(gc.get_referents(o))
        for o in objs + extra:
            p = id(o) // PAGE
            if p in unknown and p not in seen_pages:
                seen_pages.add(p)
                t = type(o).__name__
                by_type[t] = by_type.get(t, 0) + 1
        print(
            f"  unknown pages {len(unknown)}, with a GC-visible object on them: {len(seen_pages)}"
        )
        for t, n in sorted(by_type.items(), key=lambda kv: -kv[1])[:15]:
            print(f"    {n * 4 / 1024:6.2f} MB first object a {t}")
    if kinds == ["titles"]:
        print("\n  biggest roots by object count:")
        for name, (objs, pages) in sorted(stats.items(), key=lambda kv: -kv[1][0])[:20]:
            print(f"   {objs:9d} objects  {pages * 4 / 1024:7.1f} MB  {name}")


if __name__ == "__main__":
    main()
