"""Covering indexes for the statistics dashboard (PostgreSQL only; SQLite keeps the model's indexes).

Why: the dashboard aggregates a year's registered contracts by several columns. With this index
PostgreSQL answers those grouped scans from the index alone (index-only scans, no heap visits).
It is written as SQL (not in the model's Meta) because INCLUDE and the partial condition are
PostgreSQL features the model's portable index list does not need.
"""

from django.db import migrations

CONTRACT_INDEX = "reg_stats_registered_cover"

CREATE = [
    f"""
    CREATE INDEX IF NOT EXISTS {CONTRACT_INDEX} ON registration_technologycontract (registered_on)
    INCLUDE (id, contract_type, sub_type, is_equity_contribution, technical_field_id, ip_type_id, programme_source,
             effective_total_amount_cny, effective_technology_amount_cny)
    WHERE status = 'registered'
    """,
]
DROP = [f"DROP INDEX IF EXISTS {CONTRACT_INDEX}"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registration", "0003_deduction_quantity_for_carrier_check")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
