"""The lead part of a job title: what comes before its first separator.

Vacancy titles often carry a second role, a place, a language or a specialty after a separator:
"Customer Service (Cyberjaya)", "General Worker cum Driver", "Engineer, Technical",
"Delivery Driver - Lawas", "Retail Assistant @ The Mines". The lead part names the role more
plainly than the whole. A hybrid score adds ``LEAD_PART_WEIGHT`` x the lead part's own score to
the whole title's (``with_lead_parts``); titles without a separator are scored as before.

The weight was chosen by 5-fold cross-validation in the dev half of the English titles
(``title_fusion --lead-parts``; docs/benchmarks.md, "Titles: the lead part"). Adding the best
part instead (the maximum over all parts) gained less per part scored; a learned reranker and a
head-noun bonus did not gain at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from .titles import clean_title

LEAD_PART_WEIGHT = 0.3

# "/", "&", ",", "|", "@", "#tag", brackets, a dash with a space on one side, and the words
# "cum", "and", "or", "at", "for" (folded to lower case first; "e-commerce" keeps its dash).
SEPARATORS = re.compile(
    r"\s*(?:[/&,|@()\[\]]|\s-\s|-\s|\s-|#\S*|\b(?:cum|and|or|at|for)\b)\s*", re.IGNORECASE
)


def lead_part(title: str) -> str | None:
    """The first part of ``title`` that keeps a word after cleaning (``clean_title``), or None
    when the title has no separator or its lead part cleans to the same text as the whole."""
    parts = [p.strip() for p in SEPARATORS.split(title)]
    lead = next((p for p in parts if p and clean_title(p)), None)
    if lead is None or clean_title(lead) == clean_title(title):
        return None
    return lead


def with_lead_parts(
    scores: Callable[[list[str]], np.ndarray],
    texts: list[str],
    weight: float = LEAD_PART_WEIGHT,
) -> np.ndarray:
    """``scores(texts)`` plus ``weight`` x ``scores`` of each title's lead part (if it has one)."""
    out = scores(texts)
    leads = [lead_part(t) for t in texts]
    todo = [i for i, lead in enumerate(leads) if lead]
    if todo and weight:
        out[todo] += weight * scores([leads[i] for i in todo])
    return out
