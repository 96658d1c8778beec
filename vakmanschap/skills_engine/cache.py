"""On-disk cache of a built engine: ``engine.pkl`` (numpy/scipy state) + ``meta.json``.

The cache is valid only for the snapshot and the code it was built from: ``meta.json`` records
the ESCO version, the snapshot fingerprint and a hash of the engine's source files, and any
mismatch means rebuild (a pickle from older code could miss attributes). The pickle
is our own file in a directory the application controls; never load caches from elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path

# 2: label vectors as int8 rows (int8_rows.py); 3: the preferred labels reduced;
# 4: occupation description and skill vectors for titles; 5: strings in compact.py forms
FORMAT = 5
STATE_FILE = "engine.pkl"
META_FILE = "meta.json"


# Reporting code does not change the engine state, so editing it keeps the cache valid.
REPORTING_MODULES = {"evaluation.py", "dutch_evaluation.py", "title_fusion.py"}


class CacheMiss(LookupError):
    pass


def code_version() -> str:
    h = hashlib.sha256(str(FORMAT).encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name not in REPORTING_MODULES:
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def read_meta(cache_dir: str | os.PathLike) -> dict | None:
    path = Path(cache_dir) / META_FILE
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def is_valid(
    cache_dir: str | os.PathLike, version: str | None = None, fingerprint: str | None = None
) -> bool:
    meta = read_meta(cache_dir)
    if not meta or meta.get("format") != FORMAT or meta.get("code") != code_version():
        return False
    if version is not None and meta.get("version") != version:
        return False
    if fingerprint is not None and meta.get("fingerprint") != fingerprint:
        return False
    return (Path(cache_dir) / STATE_FILE).exists()


def save(
    cache_dir: str | os.PathLike,
    state: dict,
    version: str,
    fingerprint: str,
    extra: dict | None = None,
) -> None:
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Write to temp files and rename, so a crash never leaves a half-written cache behind.
    with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".tmp") as f:
        pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(f.name, cache_dir / STATE_FILE)
    meta = {
        "format": FORMAT,
        "code": code_version(),
        "version": version,
        "fingerprint": fingerprint,
        **(extra or {}),
    }
    tmp = cache_dir / (META_FILE + ".tmp")
    tmp.write_text(json.dumps(meta, indent=2))
    os.replace(tmp, cache_dir / META_FILE)


def load(
    cache_dir: str | os.PathLike, version: str | None = None, fingerprint: str | None = None
) -> dict:
    if not is_valid(cache_dir, version, fingerprint):
        raise CacheMiss(f"no valid engine cache in {cache_dir}")
    with open(Path(cache_dir) / STATE_FILE, "rb") as f:
        return pickle.load(f)
