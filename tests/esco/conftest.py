"""Fixtures for ESCO data; other apps' tests may use them too.

* `esco_dir`: a tiny ESCO download (official layout) under tmp_path (see escodata.py).
* `esco_db`: that download imported; returns the ImportResult.
* `esco_concepts`: the imported concepts by short name (welder, weld, python, ...).
* `shortage_list`: the welder on Twente's shortage list from 2026-01-01 (sector techniek).
"""

import datetime

import pytest

from tests.esco import escodata
from vakmanschap.esco.importer import import_esco
from vakmanschap.esco.models import Concept, ShortageList, ShortageOccupation


@pytest.fixture
def esco_dir(tmp_path):
    return escodata.write_esco(tmp_path / "v1.1.1")


@pytest.fixture
def esco_db(db, esco_dir):
    return import_esco([esco_dir])


@pytest.fixture
def esco_concepts(esco_db):
    names = {
        "welder": escodata.WELDER,
        "underwater": escodata.UNDERWATER,
        "developer": escodata.DEVELOPER,
        "weld": escodata.WELD,
        "python": escodata.PYTHON,
        "equipment": escodata.EQUIPMENT,
        "teams": escodata.TEAMS,
        "group_s6": escodata.GROUP_S6,
        "isced_0613": escodata.ISCED_0613,
    }
    by_uri = {c.uri: c for c in Concept.objects.filter(uri__in=names.values())}
    return {name: by_uri[uri] for name, uri in names.items()}


@pytest.fixture
def shortage_list(esco_concepts):
    version = ShortageList.objects.create(valid_from=datetime.date(2026, 1, 1))
    ShortageOccupation.objects.create(
        shortage_list=version, occupation=esco_concepts["welder"], sector="techniek", label="lasser"
    )
    return version
