"""``SkillsEngine``: the facade. Build once from an ``EscoSnapshot``, cache on disk, query fast."""

from __future__ import annotations

import difflib
import hashlib
import logging
import os
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from . import cache, encoders
from .compact import Labels, StringIndex, StringTable
from .embeddings import (
    EmbeddingConfig,
    EmbeddingTitleScorer,
    EncoderConfig,
    EncoderTitleScorer,
    occupation_skill_labels,
)
from .encoders import EncoderUnavailable
from .extraction import ExtractionConfig, SkillExtractor
from .labels import query_in_batches
from .routes import (
    EDUCATION_LEVEL,
    Course,
    Person,
    Route,
    Rules,
    ShortageOccupation,
    explain,
    greedy_cover,
    order_gaps,
)
from .similarity import (
    SimilarityConfig,
    SimilarityModel,
    ancestors,
    isco_skill_level,
    skill_similarity,
)
from .snapshot import EscoSnapshot
from .title_parts import add_lead_parts
from .titles import TitleConfig, TitleIndex

log = logging.getLogger(__name__)


class UnknownURI(KeyError):
    """An occupation or skill URI that is not in the snapshot; names the nearest matches."""

    def __init__(self, uri: str, nearest: list[tuple[str, str]]):
        self.uri, self.nearest = uri, nearest
        hint = "; ".join(f"{u} ({lab})" for u, lab in nearest) or "none"
        super().__init__(f"unknown URI {uri!r}; nearest: {hint}")

    def __str__(self) -> str:
        return self.args[0]


@dataclass
class EngineConfig:
    titles: TitleConfig = field(default_factory=TitleConfig)
    extraction: ExtractionConfig = field(default_factory=ExtractionConfig)
    similarity: SimilarityConfig = field(default_factory=SimilarityConfig)
    # The full origin x destination matrix (3,007 x 3,007 float32, 35 MB in every server process)
    # is for the evaluation (MCC). The app scores one origin's row on demand: 2.7 ms, the same
    # values (``similar_occupations``); routes never read the matrix.
    precompute_matrix: bool = False
    # Optional hybrid title matching with a shipped sentence model (see embeddings.py);
    # None keeps the engine purely lexical.
    title_model: EmbeddingConfig | None = None
    # Hybrid title matching with a numpy-only multilingual encoder (encoders.py); the app turns
    # it on by default (SKILLS_TITLE_ENCODER). None keeps the titles purely lexical.
    title_encoder: EncoderConfig | None = None


class SkillsEngine:
    def __init__(self, state: dict):
        self.__dict__.update(state)
        # Compact forms (compact.py): a worker reading them copies no shared pages.
        self.occ_pos = StringIndex(self.occ_uris, members=True)
        self.skill_pos = StringIndex(self.skill_uris, members=True)
        self._load_encoders()

    def _load_encoders(self) -> None:
        """Load the sentence encoders now, not at the first query: loaded with the engine in
        gunicorn's master, they are shared by the workers instead of loaded by each (USE is
        about 120 MB: its tokenizer and weights load at first use). A missing encoder is
        warned about when a query needs it."""
        embeddings = getattr(self.extractor, "embeddings", None)
        title_encoder = getattr(self, "title_encoder", None)
        names = {embeddings.encoder_name} if embeddings is not None else set()
        if title_encoder is not None:
            names.add(title_encoder.config.encoder)
        for name in sorted(names):
            try:
                encoders.encoder(name).queries(["."])
            except EncoderUnavailable:
                pass

    # ------------------------------------------------------------------ build / load
    @classmethod
    def build(
        cls,
        snapshot: EscoSnapshot,
        cache_dir: str | os.PathLike | None = None,
        config: EngineConfig | None = None,
    ) -> SkillsEngine:
        """Build from a snapshot, or load the cache when it matches the snapshot's fingerprint."""
        fingerprint = snapshot.fingerprint()
        config = config or EngineConfig()
        config_key = hashlib.sha256(repr(config).encode()).hexdigest()[:16]
        if (
            cache_dir is not None
            and cache.is_valid(cache_dir, snapshot.version, fingerprint)
            and (cache.read_meta(cache_dir) or {}).get("config") == config_key
        ):
            return cls(cache.load(cache_dir))
        occs, skills = snapshot.occupations, snapshot.skills
        occ_pos = {o.uri: i for i, o in enumerate(occs)}
        skill_pos = {s.uri: i for i, s in enumerate(skills)}
        mats = {"essential": ([], []), "optional": ([], [])}
        for o, s, kind in snapshot.relations:
            if o in occ_pos and s in skill_pos and kind in mats:
                mats[kind][0].append(occ_pos[o])
                mats[kind][1].append(skill_pos[s])
        shape = (len(occs), len(skills))
        ess, opt = (
            sp.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=shape)
            for r, c in mats.values()
        )
        ess.data[:] = 1
        opt.data[:] = 1
        opt = (opt - opt.multiply(ess)).tocsr()  # a skill listed both ways counts as essential
        opt.eliminate_zeros()
        sim = SimilarityModel(
            ess,
            opt,
            skill_similarity(
                [s.label("en") for s in skills], config.similarity.skill_match_threshold
            ),
            ancestors([s.uri for s in skills], snapshot.skill_broader),
            np.array([isco_skill_level(o.isco_group or o.isco_code) for o in occs]),
            config.similarity,
        )
        if config.precompute_matrix:
            sim.build_matrix()
        share = np.asarray(ess.sum(axis=0)).ravel() / max(len(occs), 1)
        state = {
            "version": snapshot.version,
            "fingerprint": fingerprint,
            "config": config,
            "occ_uris": StringTable(o.uri for o in occs),
            "occ_labels": Labels(
                {lang: d.get("preferred", "") for lang, d in o.labels.items()} for o in occs
            ),
            "skill_uris": StringTable(s.uri for s in skills),
            "skill_labels": Labels(
                {lang: d.get("preferred", "") for lang, d in s.labels.items()} for s in skills
            ),
            "skill_share": share.astype(np.float32),
            "titles": TitleIndex(occs, config.titles),
            "extractor": SkillExtractor(skills, config.extraction),
            "sim": sim,
            "title_embedder": (
                EmbeddingTitleScorer(occs, config.title_model)
                if config.title_model is not None
                else None
            ),
            "title_encoder": _encoder_scorer(snapshot, config.title_encoder),
        }
        if cache_dir is not None:
            cache.save(cache_dir, state, snapshot.version, fingerprint, {"config": config_key})
        return cls(state)

    @classmethod
    def load(
        cls,
        cache_dir: str | os.PathLike,
        version: str | None = None,
        fingerprint: str | None = None,
    ) -> SkillsEngine:
        """Load a cached engine; raises ``cache.CacheMiss`` if absent or for another snapshot."""
        return cls(cache.load(cache_dir, version, fingerprint))

    # ------------------------------------------------------------------ helpers
    def occupation_label(self, uri: str, lang: str = "en") -> str:
        return self.occ_labels.label(self._occ(uri), lang)

    def skill_label(self, uri: str, lang: str = "en") -> str:
        return self.skill_labels.label(self._skill(uri), lang)

    def _nearest(self, uri: str, uris, labels, n: int = 3):
        """Closest URIs by URI spelling, then by label (the URI's last segment vs labels)."""
        uris, labels = list(uris), list(labels)  # an error path: plain lists are fine here
        key = uri.strip().lower()
        found = [
            (u, labels[uris.index(u)].get("en", ""))
            for u in difflib.get_close_matches(key, uris, n=n, cutoff=0.8)
        ]
        tail = key.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
        by_label = {
            lab.get(lang, "").lower(): u
            for u, lab in zip(uris, labels, strict=True)
            for lang in lab
        }
        for h in difflib.get_close_matches(tail, list(by_label), n=n, cutoff=0.5):
            if all(by_label[h] != u for u, _ in found):
                found.append((by_label[h], labels[uris.index(by_label[h])].get("en", "")))
        return found[:n]

    def _occ(self, uri: str) -> int:
        pos = self.occ_pos.get(uri)
        if pos is None:
            raise UnknownURI(uri, self._nearest(uri, self.occ_uris, self.occ_labels))
        return pos

    def _skill(self, uri: str) -> int:
        pos = self.skill_pos.get(uri)
        if pos is None:
            raise UnknownURI(uri, self._nearest(uri, self.skill_uris, self.skill_labels))
        return pos

    # ------------------------------------------------------------------ queries
    def match_titles(self, texts: list[str], k: int = 10, lang: str = "en", mode: str = "auto"):
        """Job titles (nl/en) -> per title a list of (occupation uri, label, score).

        ``mode``: "lexical", or "auto" (hybrid when the engine was built with a title encoder
        or model)."""
        if isinstance(texts, str):
            texts = [texts]
        embedder = getattr(self, "title_embedder", None) if mode != "lexical" else None
        encoder = getattr(self, "title_encoder", None) if mode != "lexical" else None

        def scores(part: list[str]) -> np.ndarray:
            out = self.titles.scores(part)
            if embedder is not None:
                out = out + embedder.scores(part)
            if encoder is None:
                return out
            return add_lead_parts(encoder.rescore(part, out), part, encoder)

        with encoders.one_blas_thread():
            res = query_in_batches(scores, list(texts), k, 256) if texts else []
        return _named(res, self.occ_uris, self.occ_labels, lang)

    def extract_skills(self, text: str, k: int = 10, lang: str = "en"):
        """A sentence or paragraph (nl/en) -> list of (skill uri, label, score)."""
        if not text or not text.strip():
            return []
        (res,) = self.extractor.query([text], k)
        return _named([res], self.skill_uris, self.skill_labels, lang)[0]

    def similarity(self, origin_uri: str, target_uri: str) -> float:
        o, t = self._occ(origin_uri), self._occ(target_uri)
        return float(self._origin_scores(o, np.array([t]))[0])

    def similar_occupations(self, uri: str, k: int = 10, viable_only: bool = False):
        """Most similar destinations for an origin: (uri, label, score, viable, highly_viable)."""
        o = self._occ(uri)
        row = self._origin_scores(o, np.arange(len(self.occ_uris)))
        row[o] = -1
        all_t = np.arange(len(row))
        viable = self.sim.viable_mask(row, int(self.sim.levels[o]), all_t)
        if viable_only:
            row = np.where(viable, row, -1)
        top = np.argsort(-row, kind="stable")[:k]
        return [
            (
                self.occ_uris[i],
                self.occ_labels.label(i, "en"),
                float(row[i]),
                bool(viable[i]),
                bool(viable[i] and row[i] > self.sim.config.highly_viable),
            )
            for i in top
            if row[i] >= 0
        ]

    def _origin_scores(self, o: int, targets: np.ndarray) -> np.ndarray:
        """Occupation ``o``'s similarity to each of ``targets`` (a new array): read from the full
        matrix when it was built, else scored (the same values)."""
        sim = self.sim
        if sim.matrix is not None:
            return sim.matrix[o, targets]  # fancy indexing copies
        return self._profile_scores(
            sim.essential[o].indices, sim.optional[o].indices, int(sim.levels[o]), targets
        )[0]

    def _profile_scores(self, ess_idx, opt_idx, level, targets):
        comps = self.sim.components(
            self.sim.coverage(ess_idx),
            self.sim.coverage(opt_idx),
            self.sim.activity_vector(np.asarray(ess_idx, dtype=np.int64)),
            level,
            targets,
        )
        return self.sim.combine(comps), comps

    def routes(
        self,
        person: Person,
        shortage: list[ShortageOccupation],
        courses: list[Course],
        rules: Rules | None = None,
        k: int = 10,
        all_occupations: bool = False,
    ) -> list[Route]:
        from .planner import plan_routes  # keeps this module small

        return plan_routes(self, person, shortage, courses, rules or Rules(), k, all_occupations)


def _named(results, uris, labels, lang: str):
    """Per result list, (index, score) pairs as (uri, label, score); looked up all at once."""
    rows = [i for r in results for i, _ in r]
    named = iter(zip(uris.take(rows), labels.take(rows, lang), strict=True))
    return [[(*next(named), s) for _, s in r] for r in results]


def _encoder_scorer(
    snapshot: EscoSnapshot, config: EncoderConfig | None
) -> EncoderTitleScorer | None:
    if config is None:
        return None
    try:
        return EncoderTitleScorer(snapshot.occupations, config, occupation_skill_labels(snapshot))
    except EncoderUnavailable as exc:
        log.warning("title encoder unavailable, the engine matches titles lexically: %s", exc)
        return None


__all__ = [
    "SkillsEngine",
    "EngineConfig",
    "UnknownURI",
    "EDUCATION_LEVEL",
    "explain",
    "greedy_cover",
    "order_gaps",
]
