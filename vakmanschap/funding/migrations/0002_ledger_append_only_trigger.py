"""On PostgreSQL the database itself refuses UPDATE and DELETE on the ledger."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION funding_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'funding_ledgerentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER funding_ledger_append_only
    BEFORE UPDATE OR DELETE ON funding_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION funding_ledger_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS funding_ledger_append_only ON funding_ledgerentry;
DROP FUNCTION IF EXISTS funding_ledger_append_only();
"""


def _run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
