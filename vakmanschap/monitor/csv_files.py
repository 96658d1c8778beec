"""Reading the monitor's reference CSV files (labour potential, broad welfare): UTF-8, a header
row, lines starting with `#` are comments (a sample file says where its figures come from).
Problems are collected with their line numbers; an importer refuses the whole file if any."""

import csv
import io
from pathlib import Path

from django.utils.translation import gettext as _

from vakmanschap.core.limits import has_control_characters

MAX_ERRORS = 10
MAX_FILE_BYTES = 5 * 1024 * 1024


class CsvImportError(Exception):
    pass


def _text(path) -> str:
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise CsvImportError(
                _("%(path)s is larger than %(mb)d MB.")
                % {"path": path, "mb": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CsvImportError(_("File not found: %(path)s.") % {"path": path}) from None
    except IsADirectoryError:
        raise CsvImportError(_("%(path)s is a folder, not a file.") % {"path": path}) from None
    except UnicodeDecodeError:
        raise CsvImportError(_("%(path)s is not a UTF-8 text file.") % {"path": path}) from None


def read(path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """[(line number, {column: stripped value})] for the non-empty, non-comment lines.
    Raises CsvImportError when a column is missing or a line cannot be read."""
    numbered = [
        (number, line)
        for number, line in enumerate(_text(path).splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise CsvImportError(_("%(path)s has no rows.") % {"path": path})
    header_line, header = numbered[0]
    names = [h.strip().lower() for h in next(csv.reader([header]))]
    missing = [c for c in columns if c not in names]
    if missing:
        raise CsvImportError(
            _("Line %(line)d: missing column(s) %(columns)s.")
            % {"line": header_line, "columns": ", ".join(missing)}
        )
    rows = []
    for number, line in numbered[1:]:
        try:
            (values,) = csv.reader(io.StringIO(line))
        except (csv.Error, ValueError) as exc:
            raise CsvImportError(
                _("Line %(line)d: cannot be read (%(problem)s).") % {"line": number, "problem": exc}
            ) from None
        if len(values) != len(names):
            raise CsvImportError(
                _("Line %(line)d: %(found)d values where the header has %(expected)d.")
                % {"line": number, "found": len(values), "expected": len(names)}
            )
        row = {name: value.strip() for name, value in zip(names, values, strict=True)}
        if any(has_control_characters(value) for value in row.values()):
            raise CsvImportError(_("Line %(line)d: holds a control character.") % {"line": number})
        rows.append((number, row))
    if not rows:
        raise CsvImportError(_("%(path)s has no rows.") % {"path": path})
    return rows


def whole_number(row, column, line, errors, low=0, high=None) -> int | None:
    """The column's value as an int in [low, high], or None with an error naming line and
    column."""
    raw = row[column]
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        params = {"line": line, "column": column, "value": raw, "low": low, "high": high}
        if high is None:
            message = _(
                "Line %(line)d, column %(column)s: “%(value)s” is not a whole number of at "
                "least %(low)d."
            )
        else:
            message = _(
                "Line %(line)d, column %(column)s: “%(value)s” is not a whole number from "
                "%(low)d to %(high)d."
            )
        errors.append(message % params)
        return None
    return value


def refuse_if(errors: list[str]) -> None:
    if errors:
        more = len(errors) - MAX_ERRORS
        lines = errors[:MAX_ERRORS] + ([_("… and %(n)d more.") % {"n": more}] if more > 0 else [])
        raise CsvImportError("\n".join(lines))
