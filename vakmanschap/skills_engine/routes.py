"""Plain data for routes (person, shortage list, courses, rules) and the route computation.

A route goes from what a person can do now to a target occupation: similarity, matched skill
pairs, missing essential skills (most important first), a cheap set of courses covering them,
and whether the fund's simple rules allow financing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Highest education (Dutch system) -> ISCO skill level 1-4.
EDUCATION_LEVEL = {
    "none": 1,
    "basisonderwijs": 1,
    "vmbo": 1,
    "mbo1": 1,
    "mbo2": 2,
    "mbo3": 2,
    "havo": 2,
    "vwo": 2,
    "mbo4": 3,
    "hbo": 4,
    "wo": 4,
}


@dataclass
class HeldOccupation:
    uri: str
    years: float = 0.0


@dataclass
class Wishes:
    sectors: list[str] = field(default_factory=list)
    max_training_months: float | None = None
    hours_per_week: float | None = None


@dataclass
class Person:
    occupations: list[HeldOccupation] = field(default_factory=list)
    confirmed_skills: list[str] = field(default_factory=list)
    added_skills: list[str] = field(default_factory=list)
    removed_skills: list[str] = field(default_factory=list)
    education: str | None = None  # a key of EDUCATION_LEVEL
    wishes: Wishes = field(default_factory=Wishes)


@dataclass
class ShortageOccupation:
    uri: str
    sector: str = ""
    label: str = ""


@dataclass
class Course:
    id: str
    title: str
    level: int  # MBO level 1-4
    price_cents: int
    duration_months: float
    skill_uris: list[str]
    provider_id: str = ""


@dataclass
class Rules:
    max_level: int = 4
    max_amount_cents: int = 500_000
    require_shortage: bool = True  # art. 4.1: only occupations on the shortage list
    price_weight: float = 1.0  # set-cover cost: euros * price_weight + months * months_weight
    months_weight: float = 100.0


@dataclass
class Route:
    uri: str
    label: dict[str, str]
    score: float
    components: dict[str, float]
    viable: bool
    highly_viable: bool
    on_shortage_list: bool
    matched: list[tuple[str, str, float]]  # (person skill, required skill, similarity)
    gaps: list[str]  # missing essential skills, most important first
    courses: list[str]  # course ids
    uncovered: list[str]  # gap skills no allowed course teaches
    total_price_cents: int
    total_months: float
    eligible: bool
    reasons: list[str]
    explanation_nl: str = ""
    explanation_en: str = ""


def greedy_cover(
    gaps: list[int], importance: dict[int, float], course_covers: list[set[int]], costs: list[float]
) -> tuple[list[int], set[int]]:
    """Greedy weighted set cover: repeatedly take the course with most newly covered
    importance per unit of cost. Returns chosen course positions and the uncovered gaps."""
    left = set(gaps)
    chosen: list[int] = []
    # Only courses that teach at least one gap skill are candidates (usually a handful of 500).
    cands = [(ci, cov & left) for ci, cov in enumerate(course_covers) if cov & left]
    while left and cands:
        best, best_ratio = -1, 0.0
        for ci, cov in cands:
            ratio = sum(importance.get(s, 1.0) for s in cov) / max(costs[ci], 1e-6)
            if ratio > best_ratio + 1e-12:
                best, best_ratio = ci, ratio
        chosen.append(best)
        left -= course_covers[best]
        cands = [(ci, cov & left) for ci, cov in cands if ci != best and cov & left]
    return chosen, left


def explain(route: Route, skill_label, lang: str) -> str:
    """Plain-language explanation (B1 level) in Dutch or English."""
    name = route.label.get(lang) or route.label.get("en", route.uri)
    gaps = ", ".join(skill_label(s, lang) for s in route.gaps[:5]) or "-"
    pct = int(round(route.score * 100))
    months = f"{route.total_months:g}"
    euros = f"{route.total_price_cents / 100:,.2f}"
    n_match, n_gap, n_courses = len(route.matched), len(route.gaps), len(route.courses)
    if lang == "nl":
        euros = euros.replace(",", "_").replace(".", ",").replace("_", ".")
        text = (
            f"Uw ervaring past voor {pct}% bij {name}. U heeft al {n_match} van de benodigde "
            f"vaardigheden. Nog te leren ({n_gap}): {gaps}."
        )
        if n_courses:
            text += (
                f" Met {n_courses} cursus(sen) van samen € {euros} en {months} maanden leert u dit."
            )
        if route.uncovered:
            text += f" Voor {len(route.uncovered)} vaardigheid(en) is nog geen cursus gevonden."
        text += (
            " U komt in aanmerking voor vergoeding."
            if route.eligible
            else (
                " U komt (nog) niet in aanmerking voor vergoeding: "
                + "; ".join(REASONS_NL.get(r, r) for r in route.reasons)
                + "."
            )
        )
        return text
    text = (
        f"Your experience fits {name} for {pct}%. You already have {n_match} of the required "
        f"skills. Still to learn ({n_gap}): {gaps}."
    )
    if n_courses:
        text += f" {n_courses} course(s) costing € {euros} in total and {months} months teach this."
    if route.uncovered:
        text += f" No course was found yet for {len(route.uncovered)} skill(s)."
    text += (
        " You qualify for funding."
        if route.eligible
        else (
            " You do not qualify for funding (yet): "
            + "; ".join(REASONS_EN.get(r, r) for r in route.reasons)
            + "."
        )
    )
    return text


REASONS_NL = {
    "not_on_shortage_list": "het beroep staat niet op de lijst met kansberoepen",
    "over_max_amount": "de cursussen kosten meer dan het maximale bedrag",
    "over_max_months": "de opleiding duurt langer dan u wilt",
    "gaps_not_covered": "niet alle ontbrekende vaardigheden worden door een cursus gedekt",
    "level_gap_too_large": "het beroep vraagt een veel hoger of lager niveau",
}
REASONS_EN = {
    "not_on_shortage_list": "the occupation is not on the shortage list",
    "over_max_amount": "the courses cost more than the maximum amount",
    "over_max_months": "the training takes longer than you want",
    "gaps_not_covered": "not every missing skill is covered by a course",
    "level_gap_too_large": "the occupation needs a much higher or lower level",
}


def order_gaps(gaps: np.ndarray, shortage_need: np.ndarray, frequency: np.ndarray) -> list[int]:
    """Most important first: needed by more shortage occupations, then more common overall."""
    keys = shortage_need[gaps] + frequency[gaps]
    return [int(g) for g in gaps[np.lexsort((gaps, -keys))]]
