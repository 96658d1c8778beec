"""Queries of a fixed shape whose SQL is compiled once per process and database.

Django compiles a queryset to SQL anew each time it is evaluated. For the few queries that
every logged-in request runs (session, account, memberships) and the resident's start page,
compiling cost more CPU than PostgreSQL spent running them. A `CompiledQuery` compiles its
queryset once with stand-in parameter values, remembers where they went in the SQL's parameters,
and on each call binds the real values and builds the objects as Django's own iteration does.
It runs the same SQL the queryset would; only the values change.

Parameters may be integers or strings only: their database value is the value itself on every
backend (a date or a decimal is adapted per backend, so it would need the field's conversion).
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

_KINDS = {int: lambda i: -1_987_654_320 - i, str: lambda i: f"\x1fcompiled-query-{i}\x1f"}


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[int, ...]  # where each call's values go in `params`
    compiler: object  # set up once: select, klass_info
    converters: dict  # the columns' database converters, as `results_iter` would look them up
    init_list: tuple[str, ...]
    fields_start: int
    fields_end: int
    annotations: tuple[tuple[str, int], ...]  # (attribute, column), as `annotate()` sets them


class CompiledQuery:
    """`build(*values)` returns the queryset; `kinds` are the values' types (int or str).
    Calling the object with the values returns the list of model instances."""

    def __init__(self, build: Callable[..., QuerySet], *kinds: type):
        if not kinds or any(kind not in _KINDS for kind in kinds):
            raise TypeError("CompiledQuery takes int or str parameters.")
        self._build = build
        self._kinds = kinds
        self._by_alias: dict[str, _Compiled] = {}
        self._lock = threading.Lock()
        self._model: type[Model] | None = None  # known at the first call (apps loaded by then)

    def _stand_ins(self) -> list:
        return [_KINDS[kind](i) for i, kind in enumerate(self._kinds)]

    def _compile(self, alias: str) -> _Compiled:
        stand_ins = self._stand_ins()
        queryset = self._build(*stand_ins)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = []
        for stand_in in stand_ins:
            found = [i for i, param in enumerate(params) if param == stand_in]
            if len(found) != 1:
                raise ValueError(f"{queryset.model.__name__}: a parameter is not bound once.")
            slots.append(found[0])
        select_fields = compiler.klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        init_list = tuple(column[0].target.attname for column in compiler.select[start:end])
        # Looked up once: Django's iteration asks every column's field for them on every query.
        columns = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(columns)
        annotations = tuple(compiler.annotation_col_map.items())
        return _Compiled(
            sql,
            tuple(params),
            tuple(slots),
            compiler,
            converters,
            init_list,
            start,
            end,
            annotations,
        )

    def compiled(self, alias: str) -> _Compiled:
        found = self._by_alias.get(alias)
        if found is None:
            with self._lock:
                found = self._by_alias.get(alias) or self._compile(alias)
                self._by_alias[alias] = found
        return found

    def __call__(self, *values) -> list[Model]:
        if len(values) != len(self._kinds) or not all(
            type(value) is kind for value, kind in zip(values, self._kinds, strict=True)
        ):
            raise TypeError(f"Expected values of the types {self._kinds}, got {values!r}.")
        if self._model is None:
            self._model = self._build(*self._stand_ins()).model
        alias = router.db_for_read(self._model)
        compiled = self.compiled(alias)
        params = list(compiled.params)
        for slot, value in zip(compiled.slots, values, strict=True):
            params[slot] = value
        with connections[alias].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        compiler = compiled.compiler
        model = compiler.klass_info["model"]
        populators = get_related_populators(compiler.klass_info, compiler.select, alias)
        objects = []
        if compiled.converters:
            rows = compiler.apply_converters(rows, compiled.converters)
        for row in rows:
            obj = model.from_db(
                alias, compiled.init_list, row[compiled.fields_start : compiled.fields_end]
            )
            for populator in populators:
                populator.populate(row, obj)
            for attribute, column in compiled.annotations:
                setattr(obj, attribute, row[column])
            objects.append(obj)
        return objects
