"""The cheques per course per day (`CourseChequeDay`) are kept by triggers on the cheque table,
on PostgreSQL and on SQLite: an issued cheque adds one to its course's day (UTC), a cancelled
or deleted one takes it off again, and a changed issue moment or plan course moves it. Every
writer keeps the count right, bulk inserts and raw SQL included. Existing cheques are counted
once here."""

from django.db import migrations

POSTGRES_DAY = "(({row}.issued_at AT TIME ZONE 'UTC')::date)"

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION funding_cheque_counts_per_day() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.state <> 'cancelled' THEN
        UPDATE funding_coursechequeday SET cheques = cheques - 1
        WHERE day = {POSTGRES_DAY.format(row="OLD")} AND course_id = (
            SELECT course_id FROM funding_plancourse WHERE id = OLD.plan_course_id
        );
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.state <> 'cancelled' THEN
        INSERT INTO funding_coursechequeday (course_id, day, cheques)
        SELECT course_id, {POSTGRES_DAY.format(row="NEW")}, 1
        FROM funding_plancourse WHERE id = NEW.plan_course_id
        ON CONFLICT (course_id, day)
        DO UPDATE SET cheques = funding_coursechequeday.cheques + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER funding_cheque_counts_insert_delete
    AFTER INSERT OR DELETE ON funding_cheque
    FOR EACH ROW EXECUTE FUNCTION funding_cheque_counts_per_day();
CREATE TRIGGER funding_cheque_counts_update
    AFTER UPDATE OF state, issued_at, plan_course_id ON funding_cheque
    FOR EACH ROW
    WHEN ((OLD.state = 'cancelled') IS DISTINCT FROM (NEW.state = 'cancelled')
          OR OLD.issued_at IS DISTINCT FROM NEW.issued_at
          OR OLD.plan_course_id IS DISTINCT FROM NEW.plan_course_id)
    EXECUTE FUNCTION funding_cheque_counts_per_day();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS funding_cheque_counts_insert_delete ON funding_cheque;
DROP TRIGGER IF EXISTS funding_cheque_counts_update ON funding_cheque;
DROP FUNCTION IF EXISTS funding_cheque_counts_per_day();
"""

_SQLITE_ADD = """
    INSERT INTO funding_coursechequeday (course_id, day, cheques)
    SELECT course_id, date(NEW.issued_at), 1 FROM funding_plancourse
    WHERE id = NEW.plan_course_id AND NEW.state <> 'cancelled'
    ON CONFLICT (course_id, day) DO UPDATE SET cheques = cheques + 1;
"""

_SQLITE_TAKE_OFF = """
    UPDATE funding_coursechequeday SET cheques = cheques - 1
    WHERE OLD.state <> 'cancelled' AND day = date(OLD.issued_at) AND course_id = (
        SELECT course_id FROM funding_plancourse WHERE id = OLD.plan_course_id
    );
"""

SQLITE_CREATE = [
    f"CREATE TRIGGER funding_cheque_counts_insert AFTER INSERT ON funding_cheque "
    f"BEGIN {_SQLITE_ADD} END;",
    f"CREATE TRIGGER funding_cheque_counts_delete AFTER DELETE ON funding_cheque "
    f"BEGIN {_SQLITE_TAKE_OFF} END;",
    "CREATE TRIGGER funding_cheque_counts_update "
    "AFTER UPDATE OF state, issued_at, plan_course_id ON funding_cheque "
    "WHEN (OLD.state = 'cancelled') IS NOT (NEW.state = 'cancelled') "
    "OR OLD.issued_at IS NOT NEW.issued_at OR OLD.plan_course_id IS NOT NEW.plan_course_id "
    f"BEGIN {_SQLITE_TAKE_OFF} {_SQLITE_ADD} END;",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS funding_cheque_counts_insert",
    "DROP TRIGGER IF EXISTS funding_cheque_counts_delete",
    "DROP TRIGGER IF EXISTS funding_cheque_counts_update",
]

BACKFILL = """
INSERT INTO funding_coursechequeday (course_id, day, cheques)
SELECT pc.course_id, {day}, COUNT(*)
FROM funding_cheque c JOIN funding_plancourse pc ON pc.id = c.plan_course_id
WHERE c.state <> 'cancelled'
GROUP BY pc.course_id, {day}
"""


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # The trigger first: creating it locks the cheque table until this migration commits,
        # so no cheque is issued between the count and the trigger.
        schema_editor.execute(POSTGRES_CREATE)
        schema_editor.execute(BACKFILL.format(day=POSTGRES_DAY.format(row="c")))
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
        schema_editor.execute(BACKFILL.format(day="date(c.issued_at)"))


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
    apps.get_model("funding", "CourseChequeDay").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0015_course_cheque_day")]
    operations = [migrations.RunPython(create, drop)]
