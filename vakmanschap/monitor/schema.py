"""The response bodies of /api/v1/monitor/summary and /api/v1/open-data/summary, for the OpenAPI
contract (they describe `figures.summary` and `opendata.open_summary`; nothing is serialised
through them). Both share one shape: the open data has the same keys with counts that may be
null (suppressed), amounts in rounded euros instead of cents, and a few keys of its own.

To add a section to the monitor, add a field to `_summary_fields` (and, when the open data
shows it too, mind the nullable counts); clients ignore keys they do not know, so a new section
is not a breaking change."""

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from .opendata import COUNTS

GOAL_COUNTS = ("trained_this_year", "trained_total", "forecast_this_year")
MONEY_KEYS = ("allocated", "reserved", "committed", "paid")


REGION = inline_serializer(
    "MonitorRegion", {"code": serializers.CharField(), "name": serializers.CharField()}
)


def _count(public: bool, **kwargs):
    if public:
        kwargs["help_text"] = "Null when suppressed (a count from 1 to 9, or one it reveals)."
    return serializers.IntegerField(allow_null=public, min_value=0, **kwargs)


def _amount(public: bool, *, nullable: bool = False, help_text: str = ""):
    text = help_text or ("Euros, rounded to thousands." if public else "Cents.")
    return serializers.IntegerField(allow_null=public or nullable, help_text=text)


def _percent(help_text: str):
    return serializers.IntegerField(
        allow_null=True, min_value=0, max_value=100, help_text=help_text
    )


def _name(public: bool, name: str) -> str:
    return f"OpenData{name}" if public else f"Monitor{name}"


def _money(public: bool):
    def balances(**extra):
        return {**extra, **{key: _amount(public) for key in MONEY_KEYS}}

    fields = {
        "by_funder": inline_serializer(
            _name(public, "FunderMoney"),
            balances(funder=serializers.CharField(help_text="The funder kind.")),
            many=True,
        ),
        "totals": inline_serializer(_name(public, "MoneyTotals"), balances()),
        "paid_in_period": _amount(public),
        "cost_per_completed": _amount(
            public,
            nullable=True,
            help_text="Cents; null without completions, under a filter, or in open data.",
        ),
        "cost_per_placed": _amount(
            public,
            nullable=True,
            help_text="Cents; null without placements, under a filter, or in open data.",
        ),
    }
    if not public:  # an employer's own stream would show its contribution
        fields["by_stream"] = inline_serializer(
            "MonitorStreamMoney",
            balances(
                stream=serializers.CharField(),
                funder=serializers.CharField(help_text="The funder kind."),
            ),
            many=True,
        )
    return inline_serializer(_name(public, "Money"), fields)


def _outcomes(public: bool):
    fields = {
        "completion_rate": _percent("Completed of all finished cheques, in percent."),
        "days_signup_to_start": serializers.IntegerField(
            allow_null=True, help_text="Average days from sign-up to the start of a course."
        ),
    }
    for months in (6, 12):
        fields[f"answered_{months}m"] = _count(public)
        fields[f"in_work_{months}m_percent"] = _percent(f"In work at {months} months.")
        fields[f"target_or_related_{months}m_percent"] = _percent(
            f"In the occupation trained for, or a related one, at {months} months."
        )
        fields[f"more_hours_{months}m_percent"] = _percent(
            f"Working more hours per week than before the training, at {months} months."
        )
    return inline_serializer(_name(public, "Outcomes"), fields)


def _summary_fields(public: bool) -> dict:
    return {
        "region": REGION,
        "from": serializers.DateField(),
        "to": serializers.DateField(),
        **{key: _count(public) for key in COUNTS},
        "filters": serializers.DictField(
            child=serializers.CharField(), help_text="The filters applied (none in the API)."
        ),
        "year": serializers.IntegerField(),
        "goal_per_year": serializers.IntegerField(min_value=0),
        "goal_total": serializers.IntegerField(min_value=0),
        **{key: _count(public) for key in GOAL_COUNTS},
        "funnel": inline_serializer(
            _name(public, "FunnelStep"),
            {
                "key": serializers.CharField(
                    help_text="signed_up, conversations, plans_approved, started, completed, "
                    "in_work_6m or in_work_12m."
                ),
                "count": _count(public),
                "conversion": serializers.IntegerField(
                    allow_null=True,
                    min_value=0,
                    help_text="Percent of the step before; null for the first step, after an "
                    "empty step, and in open data.",
                ),
            },
            many=True,
        ),
        "outcomes": _outcomes(public),
        "by_municipality": inline_serializer(
            _name(public, "MunicipalityFigures"),
            {
                "code": serializers.CharField(help_text="CBS code, e.g. GM0153."),
                "name": serializers.CharField(),
                "signed_up": _count(public),
                "completed": _count(public),
            },
            many=True,
        ),
        "by_target_group": inline_serializer(
            _name(public, "TargetGroupFigures"),
            {
                "key": serializers.CharField(
                    help_text="A work situation that is a target group, or `other`."
                ),
                "label": serializers.CharField(allow_blank=True),
                "signed_up": _count(public),
                "completed": _count(public),
            },
            many=True,
        ),
        "money": _money(public),
        **_sections(public),
    }


_SCORES = serializers.DictField(
    child=serializers.IntegerField(allow_null=True),
    allow_null=True,
    help_text="Average score (0–100) per scan dimension key; null for fewer than 5 companies.",
)
SECTOR_COUNTS = ("trained", "vacancies", "learning_work_places")


def _shortages(public: bool):
    fields = {
        "by_sector": inline_serializer(
            _name(public, "ShortageSector"),
            {
                "sector": serializers.CharField(allow_blank=True),
                **{key: _count(public) for key in SECTOR_COUNTS},
            },
            many=True,
        ),
        "other_occupations": serializers.IntegerField(
            allow_null=True,
            min_value=0,
            help_text="Completed towards an occupation not on the shortage list; null when "
            "people trained towards two occupations (or, in open data, when suppressed).",
        ),
    }
    if not public:  # per occupation the counts are too small to publish
        fields["by_occupation"] = inline_serializer(
            "MonitorShortageOccupation",
            {
                "uri": serializers.CharField(help_text="ESCO occupation URI."),
                "label": serializers.CharField(),
                "sector": serializers.CharField(allow_blank=True),
                **{key: _count(public) for key in SECTOR_COUNTS},
            },
            many=True,
        )
    return inline_serializer(_name(public, "Shortages"), fields)


def _network(public: bool):
    companies = serializers.IntegerField(
        allow_null=True,
        min_value=0,
        help_text="Null for fewer than 5 companies" + (" or when suppressed." if public else "."),
    )
    return inline_serializer(
        _name(public, "Network"),
        {
            "members": _count(public),
            "pledges": _count(public),
            "scans": _count(public),
            "dimensions": inline_serializer(
                _name(public, "ScanDimension"),
                {"key": serializers.CharField(), "label": serializers.CharField()},
                many=True,
            ),
            "by_sector": inline_serializer(
                _name(public, "NetworkSector"),
                {
                    "sector": serializers.CharField(allow_blank=True),
                    "label": serializers.CharField(allow_blank=True),
                    "companies": companies,
                    "scores": _SCORES,
                },
                many=True,
            ),
            "region": inline_serializer(
                _name(public, "NetworkRegion"), {"companies": companies, "scores": _SCORES}
            ),
            "min_companies": serializers.IntegerField(),
        },
    )


def _broad_welfare(public: bool):
    return inline_serializer(
        _name(public, "WelfareSource"),
        {
            "source": serializers.CharField(help_text="`rabo` or `cbs`"),
            "label": serializers.CharField(),
            "years": serializers.ListField(child=serializers.IntegerField()),
            "dimensions": inline_serializer(
                _name(public, "WelfareDimension"),
                {
                    "key": serializers.CharField(),
                    "label": serializers.CharField(),
                    "marks": serializers.ListField(
                        child=serializers.FloatField(allow_null=True),
                        help_text="One mark (1–10) per year of `years`; null where none.",
                    ),
                },
                many=True,
            ),
        },
        many=True,
    )


def _threshold_count(public: bool, threshold: str):
    text = f"Null for fewer than `{threshold}`" + (" or when suppressed." if public else ".")
    return serializers.IntegerField(allow_null=True, min_value=0, help_text=text)


def _well_being(public: bool):
    return inline_serializer(
        _name(public, "WellBeing"),
        {
            "scan_companies": _threshold_count(public, "min_companies"),
            "scan_score": serializers.IntegerField(allow_null=True),
            "follow_up_answers": _threshold_count(public, "min_answers"),
            "follow_up_helpfulness": serializers.FloatField(allow_null=True),
            "min_companies": serializers.IntegerField(),
            "min_answers": serializers.IntegerField(),
        },
    )


def _labour_potential(public: bool):
    groups = ("part_time_wants_more", "unemployed", "status_holders")
    return inline_serializer(
        _name(public, "LabourPotential"),
        {
            "code": serializers.CharField(help_text="CBS code of the municipality."),
            "name": serializers.CharField(),
            "year": serializers.IntegerField(
                allow_null=True, help_text="Of the potential figures; null when none imported."
            ),
            "potential": inline_serializer(
                _name(public, "PotentialFigures"),
                {key: _count(public) for key in ("total", *groups)},
                allow_null=True,
                help_text="The untapped labour potential (CBS) and its part per target group.",
            ),
            "reached": inline_serializer(
                _name(public, "PotentialReached"),
                {key: _count(public) for key in (*groups, "total")},
                help_text="People of each target group who signed up in the period.",
            ),
            "reached_per_thousand": serializers.FloatField(
                allow_null=True,
                help_text="Reached per 1,000 of the potential in the target groups.",
            ),
        },
        many=True,
    )


def _sections(public: bool) -> dict:
    """The sections beyond the summary (`sections.py`; in open data `opendata_sections.py`)."""
    return {
        "labour_potential": _labour_potential(public),
        "shortages": _shortages(public),
        "network": _network(public),
        "broad_welfare": _broad_welfare(public),
        "well_being": _well_being(public),
    }


MonitorSummarySerializer = inline_serializer("MonitorSummary", _summary_fields(public=False))

OpenDataSummarySerializer = inline_serializer(
    "OpenDataSummary",
    {
        **_summary_fields(public=True),
        "by_quarter": inline_serializer(
            "OpenDataQuarter",
            {
                "quarter": serializers.CharField(help_text="e.g. 2026-Q1"),
                "signed_up": _count(True),
                "completed": _count(True),
            },
            many=True,
        ),
        "amounts_in": serializers.CharField(),
        "suppressed": serializers.CharField(),
    },
)
