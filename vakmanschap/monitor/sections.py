"""The monitor page's sections beyond `figures.summary`, as /api/v1/monitor/summary serves
them: labour potential against reach, shortages, the network, broad welfare and well-being at
work. Built on the section modules' own outputs, in the open data's shape (`opendata_sections`,
`opendata_potential`), with the small counts shown: the monitor role may see them."""

from . import network_figures, potential, shortages, welfare


def broad_welfare(region, period) -> list[dict]:
    """The marks per source and dimension, labels as text and marks as numbers (JSON)."""
    return [
        {
            **source,
            "label": str(source["label"]),
            "dimensions": [
                {
                    **d,
                    "label": str(d["label"]),
                    "marks": [None if m is None else float(m) for m in d["marks"]],
                }
                for d in source["dimensions"]
            ],
        }
        for source in welfare.marks(region, period)
    ]


def _shortages(region, period, filters, completed: int) -> dict:
    data = shortages.by_occupation(region, period, filters)
    trained = sum(row["trained"] for row in data["sectors"])
    # People trained towards two occupations count in both; then the rest is not a count.
    other = completed - trained if trained <= completed else None
    return {
        "by_occupation": data["occupations"],
        "by_sector": data["sectors"],
        "other_occupations": other,
    }


def _network(region, period) -> dict:
    data = network_figures.network(region, period)
    for row in data["by_sector"]:
        row.pop("cells", None)  # the page's table layout
    return data


def sections(region, period, filters, completed: int) -> dict:
    """`completed`: the summary's completions for the same period and filters."""
    return {
        "labour_potential": potential.as_dicts(potential.against_reach(region, period, filters)),
        "shortages": _shortages(region, period, filters, completed),
        "network": _network(region, period),
        "broad_welfare": broad_welfare(region, period),
        "well_being": welfare.well_being(region, period, filters),
    }
