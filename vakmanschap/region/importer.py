"""Import municipalities and their labour-market regions from CSV.

The layout of `../shared/twente/municipalities.csv`: columns `cbs_code,name`, optionally
`region_code,region_name` (a file may hold several regions). Without region columns every row
goes to the region the caller names. All or nothing: a malformed file is refused with its line
numbers and nothing is imported.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vakmanschap.core.limits import has_control_characters

from .models import LabourMarketRegion, Municipality, cbs_code_validator

MAX_ERRORS = 10
MAX_FILE_BYTES = 5 * 1024 * 1024  # the Netherlands has some 350 municipalities
REQUIRED = ("cbs_code", "name")


class RegionImportError(Exception):
    pass


@dataclass
class RegionImportResult:
    regions: int = 0
    municipalities: int = 0


def _read(path: Path) -> list[dict]:
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise RegionImportError(
                _("%(path)s is larger than %(mb)d MB.")
                % {"path": path, "mb": MAX_FILE_BYTES // (1024 * 1024)}
            )
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RegionImportError(_("File not found: %(path)s.") % {"path": path}) from None
    except IsADirectoryError:
        raise RegionImportError(_("%(path)s is a folder, not a file.") % {"path": path}) from None
    except UnicodeDecodeError:
        raise RegionImportError(_("%(path)s is not a UTF-8 text file.") % {"path": path}) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RegionImportError(
            _("Line 1: missing column(s) %(columns)s.") % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    try:
        return list(reader)
    except csv.Error as exc:
        raise RegionImportError(
            _("Line %(line)d: cannot be read (%(problem)s).")
            % {"line": reader.reader.line_num, "problem": exc}
        ) from None


def read_rows(path, region_code=None, region_name=None) -> list[tuple[str, str, str, str]]:
    """[(cbs_code, name, region_code, region_name)]; raises RegionImportError naming lines."""
    rows, errors, seen = _read(path), [], {}
    known = dict(LabourMarketRegion.objects.values_list("code", "name"))
    out = []
    for number, row in enumerate(rows, start=2):
        values = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(values.values()):
            continue
        troubled = [column for column, value in values.items() if has_control_characters(value)]
        for column in troubled:
            errors.append(
                _("Line %(line)d, column %(column)s: holds a control character.")
                % {"line": number, "column": column}
            )
        if troubled:
            continue
        code, name = values.get("cbs_code", ""), values.get("name", "")
        region = slugify(values.get("region_code") or region_code or "")
        region_label = values.get("region_name") or region_name or known.get(region, "")
        try:
            cbs_code_validator(code)
        except Exception:
            errors.append(
                _("Line %(line)d, column cbs_code: “%(value)s” is not a CBS code like GM0153.")
                % {"line": number, "value": code}
            )
        if not name:
            errors.append(_("Line %(line)d, column name: empty.") % {"line": number})
        if not region:
            errors.append(
                _("Line %(line)d, column region_code: no region (add the column or give --region).")
                % {"line": number}
            )
        elif not region_label:
            errors.append(
                _("Line %(line)d, column region_name: new region “%(code)s” needs a name.")
                % {"line": number, "code": region}
            )
        if code in seen:
            errors.append(
                _("Line %(line)d, column cbs_code: %(code)s is already on line %(first)d.")
                % {"line": number, "code": code, "first": seen[code]}
            )
        seen.setdefault(code, number)
        out.append((code, name[:100], region[:50], region_label[:100]))
    if errors:
        more = len(errors) - MAX_ERRORS
        lines = errors[:MAX_ERRORS] + ([_("… and %(n)d more.") % {"n": more}] if more > 0 else [])
        raise RegionImportError("\n".join(lines))
    if not out:
        raise RegionImportError(_("%(path)s has no rows.") % {"path": path})
    return out


@transaction.atomic
def import_regions(path, region_code=None, region_name=None) -> RegionImportResult:
    rows = read_rows(path, region_code, region_name)
    regions = {}
    for _code, _name, region, label in rows:
        if region not in regions:
            regions[region], _created = LabourMarketRegion.objects.update_or_create(
                code=region, defaults={"name": label}
            )
    for code, name, region, _label in rows:
        Municipality.objects.update_or_create(
            cbs_code=code, defaults={"name": name, "region": regions[region]}
        )
    return RegionImportResult(regions=len(regions), municipalities=len(rows))
