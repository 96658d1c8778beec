"""Occupation-to-occupation similarity after Nesta's "Mapping Career Causeways" (2020).

For an origin o and a destination d (asymmetric: "how well does o prepare for d"):

* ``essential``: mean over d's essential skills of the best match among o's essential skills;
* ``optional``:  mean over d's essential skills of the best match among o's optional skills
  (optional-to-essential overlap: what o's workers often know that d requires);
* ``activities``: cosine of work-activity vectors; an occupation's vector counts, for its essential
  skills, every broader group of the ESCO skills hierarchy above them (idf weighted);
* ``isco``: ``1 - |level(o) - level(d)| / 3`` with the ISCO skill level (1-4) of the major group.

A match between two skills is 1 for the same skill and the cosine of their label TF-IDF vectors
when that is at least ``skill_match_threshold`` (near-identical skills, e.g. "use spreadsheets
software" / "use spreadsheet software"), else 0.

    similarity = sum(w_i * component_i) / sum(w_i)

Defaults after Nesta: equal weights; a transition is viable when similarity > 0.3, highly viable
when > 0.4, and only when the ISCO skill levels differ by at most 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .text import TfidfVectorizer, l2_normalize, word_ngrams

# ISCO-08 major group -> skill level (ILO). Managers are levels 3 and 4; 4 is used.
ISCO_SKILL_LEVEL = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}
ARMED_FORCES_LEVEL = {"01": 4, "02": 2, "03": 1}
COMPONENTS = ("essential", "optional", "activities", "isco")


def isco_skill_level(isco_code: str) -> int:
    code = (isco_code or "").strip()
    if not code:
        return 2
    if code[0] == "0":
        return ARMED_FORCES_LEVEL.get(code[:2], 2)
    return ISCO_SKILL_LEVEL.get(code[0], 2)


@dataclass
class SimilarityConfig:
    weights: dict[str, float] = field(default_factory=lambda: dict.fromkeys(COMPONENTS, 1.0))
    viable: float = 0.3
    highly_viable: float = 0.4
    max_level_difference: int = 1
    skill_match_threshold: float = 0.7


def skill_similarity(skill_labels: list[str], threshold: float) -> sp.csr_matrix:
    """Sparse skill x skill matrix: 1 on the diagonal, label cosine >= threshold elsewhere."""
    vec = TfidfVectorizer(lambda t: word_ngrams(t, n_max=2))
    x = vec.fit_transform(skill_labels)
    sim = (x @ x.T).tocsr()
    sim.data[sim.data < threshold] = 0
    sim = sim + sp.identity(len(skill_labels), dtype=np.float32, format="csr")
    sim.data = np.minimum(sim.data, 1.0)
    sim.eliminate_zeros()
    return sim.astype(np.float32).tocsr()


def best_match(sim: sp.csr_matrix, skill_idx: np.ndarray) -> np.ndarray:
    """Dense vector over all skills: best match to any skill in ``skill_idx``."""
    out = np.zeros(sim.shape[0], dtype=np.float32)
    if len(skill_idx):
        sub = sim[skill_idx].tocoo()
        np.maximum.at(out, sub.col, sub.data)
    return out


def ancestors(skill_uris: list[str], broader: list[tuple[str, str]]) -> list[set[str]]:
    parents: dict[str, list[str]] = {}
    for child, parent in broader:
        parents.setdefault(child, []).append(parent)
    memo: dict[str, set[str]] = {}

    def up(uri: str, depth: int = 0) -> set[str]:
        if uri in memo:
            return memo[uri]
        out: set[str] = set()
        if depth < 20:  # guards against cycles in imported data
            for p in parents.get(uri, []):
                out |= {p} | up(p, depth + 1)
        memo[uri] = out
        return out

    return [up(u) for u in skill_uris]


class SimilarityModel:
    """Precomputed matrices for occupations; person profiles are scored on the fly."""

    def __init__(
        self,
        essential: sp.csr_matrix,
        optional: sp.csr_matrix,
        skill_sim: sp.csr_matrix,
        skill_groups: list[set[str]],
        levels: np.ndarray,
        config: SimilarityConfig,
    ):
        self.config = config
        self.essential = essential.astype(np.float32).tocsr()  # occupations x skills, 0/1
        self.optional = optional.astype(np.float32).tocsr()
        self.skill_sim = skill_sim
        self.levels = levels.astype(np.int8)
        self.n_ess = np.maximum(np.asarray(self.essential.sum(axis=1)).ravel(), 1)
        # Work activities: skills x groups incidence, occupations' idf-weighted group vectors.
        groups = sorted({g for gs in skill_groups for g in gs})
        gpos = {g: i for i, g in enumerate(groups)}
        rows = [i for i, gs in enumerate(skill_groups) for _ in gs]
        cols = [gpos[g] for gs in skill_groups for g in gs]
        self.skill_group = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(skill_groups), max(len(groups), 1)),
        )
        counts = self.essential @ self.skill_group
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        self.group_idf = (np.log((1 + counts.shape[0]) / (1 + df)) + 1).astype(np.float32)
        self.activities = l2_normalize(counts.multiply(self.group_idf).tocsr())
        self.matrix: np.ndarray | None = None

    def coverage(self, skill_idx: np.ndarray) -> np.ndarray:
        return best_match(self.skill_sim, np.asarray(skill_idx, dtype=np.int64))

    def activity_vector(self, skill_idx: np.ndarray) -> sp.csr_matrix:
        v = (
            sp.csr_matrix(
                np.bincount(skill_idx, minlength=self.skill_group.shape[0]).astype(np.float32)[
                    None, :
                ]
                > 0,
                dtype=np.float32,
            )
            @ self.skill_group
        )
        return l2_normalize(v.multiply(self.group_idf).tocsr())

    def components(
        self,
        ess_cov: np.ndarray,
        opt_cov: np.ndarray,
        act: sp.csr_matrix,
        level: int,
        targets: np.ndarray,
    ) -> dict[str, np.ndarray]:
        e = self.essential[targets]
        return {
            "essential": (e @ ess_cov) / self.n_ess[targets],
            "optional": (e @ opt_cov) / self.n_ess[targets],
            "activities": (self.activities[targets] @ act.T).toarray().ravel(),
            "isco": 1 - np.abs(self.levels[targets].astype(np.float32) - level) / 3,
        }

    def combine(self, comps: dict[str, np.ndarray | float]) -> np.ndarray:
        w = self.config.weights
        total = sum(w.get(k, 0.0) for k in COMPONENTS) or 1.0
        return (
            sum(w.get(k, 0.0) * np.asarray(comps[k], dtype=np.float32) for k in COMPONENTS) / total
        )

    def build_matrix(self, chunk: int = 256) -> np.ndarray:
        """Full origin x destination similarity (float32)."""
        n = self.essential.shape[0]
        rows_e = [self.essential[i].indices for i in range(n)]
        rows_o = [self.optional[i].indices for i in range(n)]
        out = np.zeros((n, n), dtype=np.float32)
        e_t = self.essential.T.tocsc()
        act = (self.activities @ self.activities.T).toarray()
        lev = self.levels.astype(np.float32)
        isco = 1 - np.abs(lev[:, None] - lev[None, :]) / 3
        w = self.config.weights
        total = sum(w.get(k, 0.0) for k in COMPONENTS) or 1.0
        for start in range(0, n, chunk):
            idx = range(start, min(n, start + chunk))
            cov_e = np.vstack([self.coverage(rows_e[i]) for i in idx])
            cov_o = np.vstack([self.coverage(rows_o[i]) for i in idx])
            ess = (e_t.T @ cov_e.T).T / self.n_ess
            opt = (e_t.T @ cov_o.T).T / self.n_ess
            out[start : start + len(idx)] = (
                w.get("essential", 0) * ess
                + w.get("optional", 0) * opt
                + w.get("activities", 0) * act[start : start + len(idx)]
                + w.get("isco", 0) * isco[start : start + len(idx)]
            ) / total
        self.matrix = out
        return out

    def viable_mask(self, scores: np.ndarray, origin_level: int, targets: np.ndarray) -> np.ndarray:
        ok_level = np.abs(self.levels[targets] - origin_level) <= self.config.max_level_difference
        return (scores > self.config.viable) & ok_level
