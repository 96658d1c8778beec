"""Fast bulk writes for the import: COPY on PostgreSQL, executemany elsewhere.

`bulk_create` builds a model instance per row; for a few hundred thousand label and relation
rows that alone costs more than the database work.
"""

from itertools import islice

from django.db import connection

BATCH = 5000
DELETE_BATCH = 900  # stays under SQLite's classic 999-parameter limit


def _chunks(items, size):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def insert_rows(model, fields: list[str], rows: list[tuple]) -> int:
    if not rows:
        return 0
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    columns = ", ".join(qn(model._meta.get_field(f).column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
            for chunk in _chunks(rows, BATCH):
                cursor.executemany(sql, chunk)
    return len(rows)


def delete_ids(model, ids) -> int:
    ids = list(ids)
    for chunk in _chunks(ids, DELETE_BATCH):
        model._base_manager.filter(pk__in=chunk)._raw_delete(connection.alias)
    return len(ids)
