"""One presentation layer: amounts, dates and moments read right in Dutch and in English."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from vakmanschap.core.presentation import format_day, format_euros, format_moment, format_month

MAY_30 = datetime.date(2027, 5, 30)
# 12:05 UTC is 14:05 in Enschede in summer.
NOON_UTC = datetime.datetime(2027, 5, 30, 12, 5, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    "language, amount, day, moment, month",
    [
        ("nl", "€ 1.250,00", "30 mei 2027", "30 mei 2027 14:05", "mei 2027"),
        ("en", "€1,250.00", "30 May 2027", "30 May 2027 14:05", "May 2027"),
    ],
)
def test_functions_format_for_the_given_language(language, amount, day, moment, month):
    assert format_euros(125_000, language) == amount
    assert format_day(MAY_30, language) == day
    assert format_moment(NOON_UTC, language) == moment
    assert format_month(MAY_30, language) == month


def test_functions_follow_the_active_language():
    with translation.override("en"):
        assert format_day(MAY_30) == "30 May 2027"
        assert format_euros(-4_950) == "-€49.50"
    with translation.override("nl"):
        assert format_day(MAY_30) == "30 mei 2027"
        assert format_euros(495_000) == "€ 4.950,00"


def test_a_moment_becomes_its_local_day():
    # 23:30 UTC on 30 May is already 31 May in the Netherlands.
    late = datetime.datetime(2027, 5, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert format_day(late, "nl") == "31 mei 2027"


def test_nothing_reads_as_a_dash():
    assert format_euros(None) == format_day(None) == format_moment(None) == "–"


@pytest.mark.parametrize(
    "language, expected",
    [
        ("nl", "€ 1.250,00 | 30 mei 2027 | 30 mei 2027 14:05 | 30 mei 2027"),
        ("en", "€1,250.00 | 30 May 2027 | 30 May 2027 14:05 | 30 May 2027"),
    ],
)
def test_template_filters_and_djangos_own_date_format(language, expected):
    template = Template(
        "{% load presentation %}{{ cents|euros }} | {{ d|day }} | {{ t|moment }} | {{ d }}"
    )
    with translation.override(language):
        text = template.render(Context({"cents": 125_000, "d": MAY_30, "t": NOON_UTC}))
    assert text == expected
