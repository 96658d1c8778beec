"""Route planning: person profile -> ranked target occupations with gaps, courses, eligibility."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .routes import (
    EDUCATION_LEVEL,
    Course,
    Person,
    Route,
    Rules,
    ShortageOccupation,
    explain,
    greedy_cover,
    order_gaps,
)


def person_profile(engine, person: Person) -> tuple[np.ndarray, np.ndarray, int, set[int]]:
    """Essential-like skills, optional skills, ISCO skill level and held occupations."""
    sim = engine.sim
    held = {engine._occ(h.uri) for h in person.occupations}
    ess: set[int] = set()
    opt: set[int] = set()
    for o in held:
        ess |= set(sim.essential[o].indices.tolist())
        opt |= set(sim.optional[o].indices.tolist())
    ess |= {engine._skill(u) for u in (*person.confirmed_skills, *person.added_skills)}
    removed = {engine._skill(u) for u in person.removed_skills}
    ess -= removed
    opt -= removed | ess
    levels = [int(sim.levels[o]) for o in held]
    if person.education in EDUCATION_LEVEL:
        levels.append(EDUCATION_LEVEL[person.education])
    level = max(levels) if levels else 2
    return (
        np.array(sorted(ess), dtype=np.int64),
        np.array(sorted(opt), dtype=np.int64),
        level,
        held,
    )


def plan_routes(
    engine,
    person: Person,
    shortage: list[ShortageOccupation],
    courses: list[Course],
    rules: Rules,
    k: int,
    all_occupations: bool,
) -> list[Route]:
    sim = engine.sim
    ess_idx, opt_idx, level, held = person_profile(engine, person)
    short_idx = {engine._occ(s.uri): s for s in shortage}
    if all_occupations:
        targets = np.array([i for i in range(len(engine.occ_uris)) if i not in held])
    else:
        wanted = {s.lower() for s in person.wishes.sectors}
        pick = [
            i
            for i, s in short_idx.items()
            if i not in held and (not wanted or s.sector.lower() in wanted)
        ]
        if not pick:  # no shortage occupation in the wished sectors: show them all
            pick = [i for i in short_idx if i not in held]
        targets = np.array(sorted(pick), dtype=np.int64)
    if not len(targets) or (not len(ess_idx) and not len(opt_idx)):
        return []
    scores, comps = engine._profile_scores(ess_idx, opt_idx, level, targets)
    viable = sim.viable_mask(scores, level, targets)
    order = np.argsort(-scores, kind="stable")[:k]

    # Importance of a missing skill: how many shortage occupations need it, then how common it is.
    need = np.zeros(sim.essential.shape[1], dtype=np.float32)
    if short_idx:
        need = np.asarray(sim.essential[sorted(short_idx)].sum(axis=0)).ravel()
    allowed = [
        c for c in courses if c.level <= rules.max_level and c.price_cents <= rules.max_amount_cents
    ]
    course_cov = _course_coverage(engine, allowed)
    costs = [
        c.price_cents / 100 * rules.price_weight + c.duration_months * rules.months_weight
        for c in allowed
    ]
    person_sim = sim.skill_sim[ess_idx] if len(ess_idx) else None

    out = []
    for j in order:
        t = int(targets[j])
        req = sim.essential[t].indices
        matched, gaps = _match(engine, person_sim, ess_idx, req)
        gap_order = order_gaps(np.array(gaps, dtype=np.int64), need, engine.skill_share)
        importance = {g: 1.0 + need[g] for g in gap_order}
        covers = _covers(course_cov, gap_order)
        chosen, left = greedy_cover(gap_order, importance, covers, costs)
        chosen_courses = [allowed[c] for c in chosen]
        price = int(sum(c.price_cents for c in chosen_courses))
        months = float(sum(c.duration_months for c in chosen_courses))
        reasons = []
        if rules.require_shortage and t not in short_idx:
            reasons.append("not_on_shortage_list")
        if price > rules.max_amount_cents:
            reasons.append("over_max_amount")
        max_months = person.wishes.max_training_months
        if max_months is not None and months > max_months:
            reasons.append("over_max_months")
        route = Route(
            uri=engine.occ_uris[t],
            label=dict(engine.occ_labels[t]),
            score=float(scores[j]),
            components={name: float(v[j]) for name, v in comps.items()},
            viable=bool(viable[j]),
            highly_viable=bool(viable[j] and scores[j] > sim.config.highly_viable),
            on_shortage_list=t in short_idx,
            matched=matched,
            gaps=engine.skill_uris.take(gap_order),
            courses=[c.id for c in chosen_courses],
            uncovered=engine.skill_uris.take([g for g in gap_order if g in left]),
            total_price_cents=price,
            total_months=months,
            eligible=not reasons,
            reasons=reasons,
        )
        route.explanation_nl = explain(route, engine.skill_label, "nl")
        route.explanation_en = explain(route, engine.skill_label, "en")
        out.append(route)
    return out


def _match(engine, person_sim, ess_idx, req) -> tuple[list[tuple[str, str, float]], list[int]]:
    """Pair each required skill with the person's most similar skill, or call it a gap."""
    if person_sim is None or not len(req):
        return [], [int(r) for r in req]
    sub = person_sim[:, req].toarray()
    best = sub.argmax(axis=0)
    val = sub[best, np.arange(len(req))]
    hit = val > 0
    matched = list(
        zip(
            engine.skill_uris.take(np.asarray(ess_idx)[best[hit]]),
            engine.skill_uris.take(np.asarray(req)[hit]),
            val[hit].astype(float).tolist(),
            strict=True,
        )
    )
    gaps = [int(r) for r, v in zip(req, val, strict=True) if v <= 0]
    return matched, gaps


def _course_coverage(engine, courses: list[Course]) -> sp.csr_matrix:
    """courses x skills: which skills each course teaches, including near-identical skills."""
    uris = [u for c in courses for u in c.skill_uris]
    rows = np.repeat(np.arange(len(courses)), [len(c.skill_uris) for c in courses])
    cols = engine.skill_pos.positions(uris)
    known = cols >= 0  # unknown skills in provider data are ignored, not fatal
    rows, cols = rows[known], cols[known]
    n_skills = engine.sim.skill_sim.shape[0]
    teach = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(courses), n_skills)
    )
    return (teach @ engine.sim.skill_sim).tocsc()


def _covers(course_cov: sp.csc_matrix, gaps: list[int]) -> list[set[int]]:
    covers: list[set[int]] = [set() for _ in range(course_cov.shape[0])]
    for g in gaps:
        for c in course_cov.indices[course_cov.indptr[g] : course_cov.indptr[g + 1]]:
            covers[c].add(g)
    return covers
