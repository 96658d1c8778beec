"""Open data that reveals no one: no published count lies between 1 and 9.

Primary suppression: a count of 1–9 becomes None. Secondary suppression: in a group of cells
with a published total (municipalities, quarters, target groups), the suppressed cells' sum is
total minus the published cells; while that sum is itself 1–9, or only one cell is suppressed,
the next smallest published non-zero cell is suppressed too; if none is left, the total goes.
Amounts are rounded to whole thousands of euros.
"""

SMALL = range(1, 10)


def is_small(value) -> bool:
    return value is not None and value in SMALL


def count(value):
    return None if is_small(value) else value


def group(values: list[int], total: int) -> tuple[list[int | None], int | None]:
    """Suppress a group of counts that add up to `total`."""
    shown: list[int | None] = [count(v) for v in values]
    total_shown = count(total)
    while total_shown is not None:
        hidden = [i for i, v in enumerate(shown) if v is None]
        if not hidden:
            break
        derivable = total_shown - sum(v for v in shown if v is not None)
        if len(hidden) > 1 and not is_small(derivable):
            break
        candidates = [i for i, v in enumerate(shown) if v]  # published and non-zero
        if not candidates:
            total_shown = None
            break
        smallest = min(candidates, key=lambda i: shown[i])
        shown[smallest] = None
    return shown, total_shown


def rows(items: list[dict], keys: tuple[str, ...], totals: dict[str, int]) -> dict[str, int | None]:
    """Suppress each column `key` of the rows in place against its total; returns the totals
    as published."""
    published = {}
    for key in keys:
        shown, total = group([row[key] for row in items], totals[key])
        for row, value in zip(items, shown, strict=True):
            row[key] = value
        published[key] = total
    return published


def euros(cents):
    """Whole thousands of euros."""
    if cents is None:
        return None
    return round(cents / 100 / 1000) * 1000


def table(
    cells: list[list[int]], row_totals: list[int | None], grand_total: int | None
) -> tuple[list[list[int | None]], list[int | None]]:
    """Suppress a table whose rows add up to totals already published elsewhere as given (None
    where hidden there): e.g. municipalities × education levels, whose row totals are the
    unfiltered figures per municipality. The columns add up to column totals (the filtered
    figures), which add up to the grand total.

    Every line (a row with its row total, a column with its column total, the column totals
    with the grand total) is kept safe as in `group`: no count of 1–9, never a single hidden
    cell beside a published total, no hidden remainder of 1–9. Lines are revisited until
    nothing changes, so whichever filter value one asks for, and whatever one subtracts, no
    small count shows. Returns the cells and the column totals as published."""
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    value = {(r, c): cells[r][c] for r in range(n_rows) for c in range(n_cols)}
    value.update({("total", c): sum(row[c] for row in cells) for c in range(n_cols)})
    hidden = {key for key, v in value.items() if is_small(v)}
    # (cells of the line, key of its total or the published total itself)
    lines = [([(r, c) for c in range(n_cols)], row_totals[r]) for r in range(n_rows)]
    lines += [([(r, c) for r in range(n_rows)], ("total", c)) for c in range(n_cols)]
    lines.append(([("total", c) for c in range(n_cols)], grand_total))

    def unsafe(members, total) -> bool:
        if isinstance(total, tuple):  # a column total: published unless hidden
            total = None if total in hidden else value[total]
        gone = [k for k in members if k in hidden]
        if total is None or not gone:
            return False
        return len(gone) == 1 or is_small(sum(value[k] for k in gone))

    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if not unsafe(members, total):
                continue
            candidates = [k for k in members if k not in hidden and value[k]]
            if candidates:
                hidden.add(min(candidates, key=value.__getitem__))
                changed = True
    if any(unsafe(members, total) for members, total in lines):
        hidden |= set(value)  # no safe pattern found: publish only the given totals
    shown = [
        [None if (r, c) in hidden else cells[r][c] for c in range(n_cols)] for r in range(n_rows)
    ]
    totals = [None if ("total", c) in hidden else value["total", c] for c in range(n_cols)]
    return shown, totals
