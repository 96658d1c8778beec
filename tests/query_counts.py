"""Pinned SQL query counts of the busiest pages and API calls (tests/test_query_counts.py).

A page that suddenly needs more queries (an N+1 after a template change) fails its test. When a
change alters a count on purpose, update the number here in the same commit and say why.
"""

# Every logged-in page reads its account with the memberships in one query
# (accounts.models.user_with_memberships; was two before 2026-12-01).
QUERY_COUNTS = {
    "start page, fund officer": 6,  # with the two counts: plans waiting, invoices to check
    "start page, resident": 7,  # no transaction; labels and cheques of all plans: one query each
    "start page, new resident": 3,  # no plans nor conversations: the participant's row says so
    "needs action, fund officer": 8,
    "plan list, fund officer": 7,
    "budget page, fund officer": 7,  # eight budget periods; two queries for all balances
    "caseload, advisor": 6,
    "plan detail, advisor": 11,  # + the course-vs-occupation warnings: one query for all courses
    "API courses, advisor": 5,
    # The municipality, BEGIN, account, membership, intake organisation, participant (with the
    # account: no update after), their three audit rows, the duplicate check, COMMIT (the e-mail
    # task not counted: dummy backend). Was 28: no request transaction and no savepoints, no
    # e-mail check before the insert (the unique index decides), no reverse one-to-ones read
    # for the audit rows, no second check of the municipality nor of the participant's
    # relations and triage. A work description adds none (tests/skills/test_work_description).
    "sign-up POST": 11,
    "oversight, fund officer": 10,  # one or two per signal, plus session, user, navigation
    # The monitor reads grouped rows of its summary tables (tests/monitor/test_summary_tables.py):
    # one grouped pass for the period's steps, groups and goals; shortages, potential and
    # well-being read summary rows too (one query each); the network counts its own tables.
    "monitor page, fund officer": 39,
    "monitor page with a filter, fund officer": 39,
    "monitor API, fund officer": 37,  # the page's sections too
    "open data page": 40,  # the test logs in a fund officer  # quarters in one pass, filtered table, potential, sections
    "open data API": 37,  # with the potential, shortages, network and welfare
    # funding.plans.approve (tests/test_query_counts.py). Was 53: the rules read the plan with
    # its scheme, participant and courses in two queries, the participant's other plans in one,
    # and all reservations go in under one lock and one balance check. The course cap: one
    # query for all courses (per-day counts, was one count per course). Per course: the
    # cheque and its audit row (the cheque's delivery is not audited with it: no read).
    # Was 28, then 25: no savepoint of the approval's own (a shortfall undoes its transaction),
    # and the plan's audit row from the row as locked, not read again by auditlog; under the
    # budget lock, the latest checkpoint and the entries after it in one statement; the
    # shortage list's entry with the list in one query.
    "plan approval, two courses": 20,
}
