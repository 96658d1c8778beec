"""Writing the rows as CSV (streamed) or XLSX (openpyxl, write-only mode)."""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# A cell starting with one of these is a formula in spreadsheet programs (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(columns, rows):
    """Lines of CSV, one at a time (for StreamingHttpResponse). UTF-8 with BOM for Excel."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow(
            [f"{v:.2f}" if isinstance(v, Decimal) else ("" if v is None else safe(v)) for v in row]
        )


def xlsx_bytes(title, columns, rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(columns)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=safe(value))
            if isinstance(value, Decimal):
                cell.number_format = "0.00"
            elif hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
