"""The lead part of a job title: what comes before its first separator.

Vacancy titles often carry a second role, a place, a language or a specialty after a separator:
"Customer Service (Cyberjaya)", "General Worker cum Driver", "Engineer, Technical",
"Delivery Driver - Lawas", "Retail Assistant @ The Mines". The lead part names the role more
plainly than the whole. The hybrid score adds ``LEAD_PART_WEIGHT`` x the title encoder's cosines
of the lead part to the whole title's score of its candidate occupations (``add_lead_parts``;
the encoder only: scoring the lead part lexically too cost more than the 500 titles/s allow for
+0.001). Titles without a separator are scored as before, and so are Dutch ones (the language
gate of ``embeddings``): on the Dutch titles the lead part lowered MRR@10 (0.589 -> 0.582 dev).

``LEAD_PART_WEIGHT`` was chosen by 5-fold cross-validation in the dev half of the English titles
(``title_fusion --lead-parts``; docs/benchmarks.md, "The lead part of a title"). It is off by
default (``EncoderConfig.lead_part_weight`` 0): it costs about 12% more CPU per title, which
takes the engine below its speed floor, for +0.003 English MRR. Adding the best
part instead (the maximum over all parts) gained less per part scored; a learned reranker and a
head-noun bonus did not gain at all.
"""

from __future__ import annotations

import re

import numpy as np

from .titles import clean_title

LEAD_PART_WEIGHT = 0.4  # set EncoderConfig(lead_part_weight=LEAD_PART_WEIGHT) to use it

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


def add_lead_parts(
    scores: np.ndarray, texts: list[str], scorer, weight: float | None = None
) -> np.ndarray:
    """``scores`` (hybrid, one row per title of ``texts``) plus ``weight`` x the encoder's
    cosines of each title's lead part with the title's candidate occupations (those of
    ``scorer.top_candidates``; ``scorer`` an ``EncoderTitleScorer``). Titles without a lead
    part, and titles the scorer's language gate takes for Dutch, are left as they were.
    ``weight``: None takes the scorer's ``EncoderConfig.lead_part_weight`` (0, off, by default).
    """
    weight = scorer.config.lead_part_weight if weight is None else weight
    if not weight:
        return scores
    if scorer.gate is None:
        raise ValueError("The scorer was built without the lead part (lead_part_weight 0).")
    leads = [lead_part(t) for t in texts]
    todo = [
        i
        for i, (title, lead) in enumerate(zip(texts, leads, strict=True))
        if lead and not scorer.gate.is_dutch(clean_title(title))
    ]
    if not todo:
        return scores
    candidates = scorer.top_candidates(scores[todo])
    cosines = scorer.cosines_at([leads[i] for i in todo], candidates)
    rows = np.array(todo)[:, None]
    scores[rows, candidates] += weight * cosines
    return scores
