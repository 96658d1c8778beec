"""Import a shortage-occupation list (Kansberoepenlijst) from CSV as dated list versions.

Columns (names are matched loosely, e.g. "ESCO URI" or esco_uri): esco_uri or isco_code
(an ESCO occupation code such as 7411.1, or an ISCO group code mapped to all its
occupations), and optionally region, valid_from, valid_to, sector, label_nl, basis.
Dates and region missing from the file come from the caller (--valid-from, --region); a region
is a labour-market region code (imported with `import_regions`), the home region by default.
Rows with different (region, valid_from, valid_to) become separate versions. The same
content with the same dates is recognised and not imported again. All or nothing.
"""

import csv
import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vakmanschap.core.limits import has_control_characters
from vakmanschap.region.models import LabourMarketRegion

from .models import Occupation, ShortageList, ShortageOccupation
from .parse import ESCO_URI

ALIASES = {
    "esco_uri": {"esco_uri", "uri", "concept_uri", "concepturi", "esco"},
    "isco_code": {"isco_code", "isco", "isco_group", "esco_code", "code"},
    "region": {"region", "regio", "arbeidsmarktregio"},
    "valid_from": {"valid_from", "geldig_vanaf", "from"},
    "valid_to": {"valid_to", "geldig_tot", "to", "until"},
    "sector": {"sector"},
    "label": {"label_nl", "label", "beroep", "occupation", "preferred_label"},
    "basis": {"basis", "grondslag"},
}
MAX_ERRORS = 10
MAX_FILE_BYTES = 20 * 1024 * 1024  # a national list has a few hundred rows


class ShortageImportError(Exception):
    pass


@dataclass
class ShortageImportResult:
    created: list[ShortageList] = field(default_factory=list)
    existing: list[ShortageList] = field(default_factory=list)
    entries: int = 0


def parse_date(value: str) -> datetime.date:
    """ISO (2026-01-01) or Dutch (01-01-2026) dates; ValueError otherwise."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def _canonical(header: str) -> str | None:
    key = "_".join(header.strip().lower().replace("-", " ").split())
    return next((name for name, names in ALIASES.items() if key in names), None)


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ShortageImportError(
                _("%(path)s is larger than %(mb)d MB.")
                % {"path": path, "mb": MAX_FILE_BYTES // (1024 * 1024)}
            )
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ShortageImportError(_("File not found: %(path)s.") % {"path": path}) from None
    except IsADirectoryError:
        raise ShortageImportError(_("%(path)s is a folder, not a file.") % {"path": path}) from None
    except UnicodeDecodeError:
        raise ShortageImportError(
            _("%(path)s is not a UTF-8 text file.") % {"path": path}
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise ShortageImportError(_("%(path)s is empty.") % {"path": path})
    columns = [_canonical(h) for h in header]
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            row = {col: cell.strip() for col, cell in zip(columns, cells, strict=False) if col}
            rows.append((number, row))
    except csv.Error as exc:
        raise ShortageImportError(
            _("Row %(row)d: cannot be read (%(problem)s).")
            % {"row": reader.line_num, "problem": exc}
        ) from None
    return [c for c in columns if c], rows


def _control_characters(number: int, row: dict, errors: list[str]) -> bool:
    """Whether a cell holds a control character (NUL included); each one is an error."""
    found = [column for column, value in row.items() if has_control_characters(value)]
    for column in found:
        errors.append(
            _("Row %(row)d, column %(column)s: holds a control character.")
            % {"row": number, "column": column}
        )
    return bool(found)


class _Resolver:
    """ESCO URI or code -> occupation ids, with a few bulk lookups."""

    def __init__(self):
        self.by_uri = dict(Occupation.objects.values_list("uri", "id"))
        self.by_code = dict(Occupation.objects.exclude(code="").values_list("code", "id"))
        self.by_isco: dict[str, list[int]] = {}
        for pk, isco in Occupation.objects.exclude(isco_group=None).values_list(
            "id", "isco_group__code"
        ):
            self.by_isco.setdefault(isco, []).append(pk)

    def occupations(self, uri: str, code: str) -> list[int] | str:
        """Ids, or an error message."""
        if uri:
            if uri in self.by_uri:
                return [self.by_uri[uri]]
            return _("unknown ESCO occupation URI %(uri)s") % {"uri": uri}
        if code in self.by_code:
            return [self.by_code[code]]
        if code.isdigit():
            ids = [pk for isco, pks in self.by_isco.items() if isco.startswith(code) for pk in pks]
            if ids:
                return ids
        return _("unknown ISCO or ESCO occupation code %(code)s") % {"code": code}


def _dates(row: dict, defaults: dict, number: int, errors: list[str]):
    values = []
    for name in ("valid_from", "valid_to"):
        raw = row.get(name) or ""
        if not raw:
            values.append(defaults[name])
            continue
        try:
            values.append(parse_date(raw))
        except ValueError:
            errors.append(
                _("Row %(row)d, column %(column)s: “%(value)s” is not a date (use YYYY-MM-DD).")
                % {"row": number, "column": name, "value": raw}
            )
            values.append(None)
    return values


def read_versions(path, valid_from=None, valid_to=None, region=None) -> dict:
    """{(region, valid_from, valid_to): {occupation_id: (sector, label, basis)}}; raises
    ShortageImportError listing the rows and columns at fault."""
    columns, rows = _read_rows(Path(path))
    if "esco_uri" not in columns and "isco_code" not in columns:
        raise ShortageImportError(
            _("Missing column: the file needs a column esco_uri (or isco_code).")
        )
    if "valid_from" not in columns and valid_from is None:
        raise ShortageImportError(
            _("Missing column valid_from: add it to the file or give the date with --valid-from.")
        )
    defaults = {"valid_from": valid_from, "valid_to": valid_to}
    resolver, errors, versions = _Resolver(), [], {}
    home = LabourMarketRegion.objects.home()
    default_region = home.code if region is None else slugify(region)
    regions = set(LabourMarketRegion.objects.values_list("code", flat=True))
    if not resolver.by_uri:
        raise ShortageImportError(
            _(
                "There are no ESCO occupations in the database yet: "
                "run “vakmanschap esco_import” first."
            )
        )
    for number, row in rows:
        if _control_characters(number, row, errors):
            continue
        start, end = _dates(row, defaults, number, errors)
        if start is None and not row.get("valid_from"):
            errors.append(_("Row %(row)d, column valid_from: no date given.") % {"row": number})
        if start and end and end < start:
            errors.append(_("Row %(row)d: valid_to is before valid_from.") % {"row": number})
        uri, code = row.get("esco_uri", ""), row.get("isco_code", "")
        if not uri and not code:
            errors.append(_("Row %(row)d: no esco_uri or isco_code.") % {"row": number})
            continue
        if uri and not ESCO_URI.match(uri):
            errors.append(
                _("Row %(row)d, column esco_uri: “%(uri)s” is not an ESCO URI (%(prefix)s…).")
                % {"row": number, "uri": uri[:80], "prefix": "http://data.europa.eu/esco/"}
            )
            continue
        found = resolver.occupations(uri, code)
        if isinstance(found, str):
            column = "esco_uri" if uri else "isco_code"
            errors.append(
                _("Row %(row)d, column %(column)s: %(problem)s.")
                % {"row": number, "column": column, "problem": found}
            )
            continue
        code = slugify(row.get("region") or "") or default_region
        if code not in regions:
            errors.append(
                _("Row %(row)d, column region: unknown labour-market region “%(code)s”.")
                % {"row": number, "code": code}
            )
            continue
        key = (code, start, end)
        entries = versions.setdefault(key, {})
        for pk in found:
            entries.setdefault(
                pk,
                (row.get("sector", "")[:50], row.get("label", "")[:255], row.get("basis", "")[:50]),
            )
    if errors:
        more = len(errors) - MAX_ERRORS
        lines = errors[:MAX_ERRORS] + ([_("… and %(n)d more.") % {"n": more}] if more > 0 else [])
        raise ShortageImportError("\n".join(lines))
    if not versions:
        raise ShortageImportError(_("%(path)s has no rows.") % {"path": path})
    return versions


def _content_hash(entries: dict) -> str:
    digest = hashlib.sha256()
    for pk, values in sorted(entries.items()):
        digest.update(repr((pk, values)).encode())
    return digest.hexdigest()


def import_shortage_list(path, valid_from=None, valid_to=None, region=None) -> ShortageImportResult:
    versions = read_versions(path, valid_from, valid_to, region)
    result = ShortageImportResult()
    with transaction.atomic():
        for (reg, start, end), entries in sorted(versions.items(), key=lambda kv: str(kv[0])):
            digest = _content_hash(entries)
            same = ShortageList.objects.filter(
                region__code=reg, valid_from=start, valid_to=end, content_hash=digest
            ).first()
            if same:
                result.existing.append(same)
                continue
            version = ShortageList.objects.create(
                region=LabourMarketRegion.objects.get(code=reg),
                valid_from=start,
                valid_to=end,
                source_name=Path(path).name[:255],
                content_hash=digest,
            )
            ShortageOccupation.objects.bulk_create(
                ShortageOccupation(
                    shortage_list=version, occupation_id=pk, sector=sector, label=label, basis=basis
                )
                for pk, (sector, label, basis) in entries.items()
            )
            result.created.append(version)
            result.entries += len(entries)
    return result
