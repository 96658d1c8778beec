"""The skills engine for this process: built from the ESCO tables, cached on disk, loaded once.

The on-disk cache lives in ``VAR_DIR/cache/skills`` (the engine's own cache: ``engine.pkl`` and
``meta.json``, valid only for the ESCO version, snapshot fingerprint and engine code it was built
from). Next to it, ``release.json`` records which ESCO import (version + import time) and which
engine settings the cache was built for, so a warm start only reads the pickle (well under 3 s)
instead of rebuilding the snapshot from the database. A new or changed ESCO import makes the
next call rebuild (the first build, with the full similarity matrix, takes about a minute:
``vakmanschap skills warm`` does it ahead of time).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

from django.conf import settings

from vakmanschap.esco.models import Concept, ConceptKind, EscoRelease
from vakmanschap.esco.snapshot import build_snapshot
from vakmanschap.skills_engine import cache as engine_cache
from vakmanschap.skills_engine.embeddings import EmbeddingConfig, EncoderConfig, model_available
from vakmanschap.skills_engine.encoders import encoder_available
from vakmanschap.skills_engine.engine import EngineConfig, SkillsEngine
from vakmanschap.skills_engine.extraction import ExtractionConfig
from vakmanschap.skills_engine.similarity import SimilarityConfig
from vakmanschap.skills_engine.title_examples import add_title_examples, read_title_examples

RELEASE_FILE = "release.json"


class EscoNotImported(RuntimeError):
    """ESCO is not in the database; the message is one sentence saying what to run."""

    def __init__(self):
        super().__init__("ESCO is not imported yet: run `vakmanschap esco_import` first.")


_lock = threading.Lock()
_engine: SkillsEngine | None = None
_engine_key: str | None = None


def cache_dir() -> Path:
    return Path(settings.VAR_DIR) / "cache" / "skills"


def engine_config() -> EngineConfig:
    """Defaults from the engine (MCC: equal weights, viable > 0.3, highly viable > 0.4, level
    difference <= 1), overridable with ``SKILLS_SIMILARITY = {...}`` in the settings; the title
    model when ``SKILLS_TITLE_MODEL`` is on and installed (the system check says when it is not);
    the title encoder named by ``SKILLS_TITLE_ENCODER`` (default "use"; empty for lexical);
    the sentence encoder of ``SKILLS_SENTENCE_ENCODER``."""
    title_model = None
    if getattr(settings, "SKILLS_TITLE_MODEL", False) and model_available():
        title_model = EmbeddingConfig()
    encoder_name = getattr(settings, "SKILLS_TITLE_ENCODER", "")
    return EngineConfig(
        similarity=SimilarityConfig(**getattr(settings, "SKILLS_SIMILARITY", {})),
        title_model=title_model,
        title_encoder=EncoderConfig(encoder=encoder_name) if encoder_name else None,
        extraction=ExtractionConfig(encoder=sentence_encoder()),
    )


def sentence_encoder() -> str | None:
    """``SKILLS_SENTENCE_ENCODER`` ("use" by default, "off" for a lexical extractor); None when
    it is off or not installed (warned about by the system check ``skills.W001``)."""
    name = (getattr(settings, "SKILLS_SENTENCE_ENCODER", "use") or "").strip().lower()
    if name in ("", "off", "none", "0", "false") or not encoder_available(name):
        return None
    return name


def title_example_files() -> list[tuple[Path, str]]:
    """The files of real job titles with their occupation that the title matcher takes as
    hidden labels, each with its language: ``SKILLS_TITLE_EXAMPLES`` (Dutch; by default the
    Dutch titles benchmark in the shared data) and ``SKILLS_ENGLISH_TITLE_EXAMPLES`` (English;
    by default the English vacancy titles there). A setting whose file is not there is left
    out."""
    files = []
    for name, lang in (("SKILLS_TITLE_EXAMPLES", "nl"), ("SKILLS_ENGLISH_TITLE_EXAMPLES", "en")):
        path = getattr(settings, name, None)
        if path and Path(path).is_file():
            files.append((Path(path), lang))
    return files


def snapshot_with_examples(langs: tuple[str, ...] = ("nl", "en")):
    """The database's ESCO, with the title examples in ``langs`` as hidden labels when there
    are any."""
    snapshot = build_snapshot()
    for path, lang in title_example_files():
        if lang in langs:
            snapshot, _unknown = add_title_examples(snapshot, read_title_examples(path), lang)
    return snapshot


def _release_key(config: EngineConfig) -> tuple[str, str]:
    release = EscoRelease.objects.order_by("-imported_at").first()
    if release is None or not Concept.objects.filter(kind=ConceptKind.OCCUPATION).exists():
        raise EscoNotImported()
    signature = ";".join(
        f"{path}:{lang}:{path.stat().st_size}:{path.stat().st_mtime}"
        for path, lang in title_example_files()
    )
    raw = f"{release.version}|{release.imported_at.isoformat()}|{config!r}|{signature}"
    return release.version, hashlib.sha256(raw.encode()).hexdigest()[:20]


def _read_release(directory: Path) -> str | None:
    try:
        return json.loads((directory / RELEASE_FILE).read_text()).get("key")
    except (OSError, ValueError):
        return None


def _write_release(directory: Path, key: str, version: str) -> None:
    tmp = directory / (RELEASE_FILE + ".tmp")
    tmp.write_text(json.dumps({"key": key, "version": version}))
    os.replace(tmp, directory / RELEASE_FILE)


def get_engine() -> SkillsEngine:
    """The engine for the current ESCO import; raises ``EscoNotImported`` without one."""
    global _engine, _engine_key
    config = engine_config()
    version, key = _release_key(config)
    if _engine is not None and _engine_key == key:
        return _engine
    with _lock:
        if _engine is not None and _engine_key == key:
            return _engine
        directory = cache_dir()
        engine = None
        if _read_release(directory) == key:
            try:
                engine = SkillsEngine.load(directory, version=version)
            except (engine_cache.CacheMiss, OSError, EOFError, AttributeError, ImportError):
                engine = None
        if engine is None:
            engine = SkillsEngine.build(snapshot_with_examples(), directory, config)
            _write_release(directory, key, version)
        _engine, _engine_key = engine, key
        return engine


def is_loaded() -> bool:
    return _engine is not None


def reset() -> None:
    """Forget the engine of this process (tests; after an ESCO import in the same process)."""
    global _engine, _engine_key
    with _lock:
        _engine = _engine_key = None
