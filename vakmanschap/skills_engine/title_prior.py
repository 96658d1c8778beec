"""How often each occupation is the answer to a real job title: a prior for the title matcher.

Vacancy titles are not spread evenly over ESCO's 3,000 occupations: in the JobBERT validation
titles (``../shared/eval/jobtitles/titles.validation.csv``) a hundred occupations answer 60% of
them ("sales assistant", "factory hand", "software developer"...). The hybrid title score adds
``EncoderConfig.prior_weight`` x log(1 + count / smoothing), the smoothed log share of the titles
shifted so that an occupation never seen adds 0.

``title_prior_en.csv`` (occupation URI, count) ships with the package. It counts the dev half of
that file only (``title_half``), so the held-out half stays unseen and the evaluation
command's held-out figure stays honest. Rebuild it with

    python -m vakmanschap.skills_engine.title_prior --eval ../shared/eval
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

PRIOR_FILE = Path(__file__).with_name("title_prior_en.csv")
# The file's SHA-256 (first 16 hex digits): the engine cache is keyed on the engine's .py files,
# so a new file must come with a new value here (a test checks that they agree).
PRIOR_FILE_SHA256 = "35dc7e50b9ce92ba"
# Chosen on dev halves only: the smoothing by nested 5-fold CV in the English dev half, the
# weight beside the shipped encoder weights by the mean English + Dutch dev figure (title_fusion).
PRIOR_WEIGHT = 0.15
PRIOR_SMOOTHING = 1.0


def title_half(title: str) -> str:
    """A fixed half of the English titles by a hash of the title (the same title, the same half):
    "dev" (settings and this prior were chosen on it) or "held-out" (never looked at)."""
    return ("dev", "held-out")[hashlib.sha256(title.strip().lower().encode()).digest()[0] & 1]


def read_counts(path: str | Path = PRIOR_FILE) -> dict[str, int]:
    """Occupation URI -> number of titles; empty if the file is missing (no prior)."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return {row["conceptUri"]: int(row["count"]) for row in csv.DictReader(f)}
    except FileNotFoundError:
        return {}


def occupation_prior(uris: Iterable[str], counts: dict[str, int], smoothing: float) -> np.ndarray:
    """log(1 + count / smoothing) per occupation: 0 for one never seen (scores stay positive),
    otherwise the smoothed log share of the titles up to a constant."""
    c = np.array([counts.get(u, 0) for u in uris], dtype=np.float64)
    return np.log1p(c / smoothing).astype(np.float32)


def dev_counts(validation_csv: str | Path) -> Counter:
    """Occupation counts over the dev half of the English validation titles."""
    with open(validation_csv, encoding="utf-8") as f:
        return Counter(
            r["conceptUri"] for r in csv.DictReader(f) if title_half(r["vacancyTitle"]) == "dev"
        )


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--eval", required=True)
    p.add_argument("--out", default=str(PRIOR_FILE))
    a = p.parse_args(argv)
    counts = dev_counts(Path(a.eval) / "jobtitles" / "titles.validation.csv")
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["conceptUri", "count"])
        w.writerows(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    digest = hashlib.sha256(Path(a.out).read_bytes()).hexdigest()[:16]
    print(f"{len(counts)} occupations, {sum(counts.values())} titles -> {a.out}", file=sys.stderr)
    print(f"set PRIOR_FILE_SHA256 = {digest!r} in title_prior.py", file=sys.stderr)


if __name__ == "__main__":
    main()
