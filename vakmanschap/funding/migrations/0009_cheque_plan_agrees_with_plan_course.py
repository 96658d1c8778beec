"""The database refuses a cheque whose plan is not its plan course's plan (a check constraint
cannot look at another table, so a trigger does it, on PostgreSQL and on SQLite). Changing a
plan course's plan under an existing cheque is refused the same way."""

from django.db import migrations

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION funding_cheque_plan_agrees() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM funding_plancourse pc WHERE pc.id = NEW.plan_course_id AND pc.plan_id = NEW.plan_id
    ) THEN
        RAISE EXCEPTION 'cheque_plan_agrees_with_plan_course' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER funding_cheque_plan_agrees
    BEFORE INSERT OR UPDATE OF plan_id, plan_course_id ON funding_cheque
    FOR EACH ROW EXECUTE FUNCTION funding_cheque_plan_agrees();

CREATE OR REPLACE FUNCTION funding_plancourse_keeps_cheque_plan() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM funding_cheque c WHERE c.plan_course_id = NEW.id AND c.plan_id <> NEW.plan_id
    ) THEN
        RAISE EXCEPTION 'cheque_plan_agrees_with_plan_course' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER funding_plancourse_keeps_cheque_plan
    BEFORE UPDATE OF plan_id ON funding_plancourse
    FOR EACH ROW EXECUTE FUNCTION funding_plancourse_keeps_cheque_plan();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS funding_cheque_plan_agrees ON funding_cheque;
DROP FUNCTION IF EXISTS funding_cheque_plan_agrees();
DROP TRIGGER IF EXISTS funding_plancourse_keeps_cheque_plan ON funding_plancourse;
DROP FUNCTION IF EXISTS funding_plancourse_keeps_cheque_plan();
"""

_SQLITE_CHEQUE_CHECK = """
BEGIN
    SELECT RAISE(ABORT, 'cheque_plan_agrees_with_plan_course')
    WHERE NOT EXISTS (
        SELECT 1 FROM funding_plancourse pc WHERE pc.id = NEW.plan_course_id AND pc.plan_id = NEW.plan_id
    );
END;
"""

SQLITE_CREATE = [
    "CREATE TRIGGER funding_cheque_plan_agrees_insert BEFORE INSERT ON funding_cheque "
    + _SQLITE_CHEQUE_CHECK,
    "CREATE TRIGGER funding_cheque_plan_agrees_update BEFORE UPDATE OF plan_id, plan_course_id "
    "ON funding_cheque " + _SQLITE_CHEQUE_CHECK,
    """CREATE TRIGGER funding_plancourse_keeps_cheque_plan BEFORE UPDATE OF plan_id
    ON funding_plancourse
    BEGIN
        SELECT RAISE(ABORT, 'cheque_plan_agrees_with_plan_course')
        WHERE EXISTS (
            SELECT 1 FROM funding_cheque c WHERE c.plan_course_id = NEW.id AND c.plan_id <> NEW.plan_id
        );
    END;""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS funding_cheque_plan_agrees_insert",
    "DROP TRIGGER IF EXISTS funding_cheque_plan_agrees_update",
    "DROP TRIGGER IF EXISTS funding_plancourse_keeps_cheque_plan",
]


def backfill(apps, schema_editor):
    """A cheque follows its plan course: that is the row the money was computed from."""
    Cheque = apps.get_model("funding", "Cheque")
    for cheque in Cheque.objects.select_related("plan_course"):
        if cheque.plan_id != cheque.plan_course.plan_id:
            Cheque.objects.filter(pk=cheque.pk).update(plan_id=cheque.plan_course.plan_id)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("funding", "0008_state_and_money_constraints")]
    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create, drop),
    ]
