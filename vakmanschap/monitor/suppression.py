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
