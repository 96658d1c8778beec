"""Where the official ESCO download lives: the first of settings.ESCO_SEARCH_PATHS that holds
CSV or zip files (VAKMANSCHAP_ESCO_DIR, then ./data/esco, then ../shared/esco/v1.1.1)."""

from pathlib import Path

from django.conf import settings

DOWNLOAD_URL = "https://esco.ec.europa.eu/en/use-esco/download"


class EscoNotFound(Exception):
    pass


def _has_esco_files(path: Path) -> bool:
    return path.is_dir() and any(p.suffix.lower() in (".csv", ".zip") for p in path.rglob("*"))


def locate_esco_dir() -> Path:
    explicit = getattr(settings, "ESCO_DIR", "")
    if explicit and not _has_esco_files(Path(explicit)):
        raise EscoNotFound(
            f"VAKMANSCHAP_ESCO_DIR is set to {explicit}, but that folder holds no ESCO files: "
            f"put the official ESCO CSV download (zip files from {DOWNLOAD_URL}) there."
        )
    for candidate in settings.ESCO_SEARCH_PATHS:
        if _has_esco_files(Path(candidate)):
            return Path(candidate)
    default = Path(settings.BASE_DIR) / "data" / "esco"
    raise EscoNotFound(
        f"No ESCO data found: put the official ESCO CSV download (the zip files from "
        f"{DOWNLOAD_URL}, one per language plus the language-less one) in {default}, "
        f"or set VAKMANSCHAP_ESCO_DIR to the folder that holds them."
    )
