"""Drives Alembic and SQLAlchemy for the hand-back tests; prints JSON on stdout.

  tool.py URL upgrade|downgrade TARGET   Alembic's command on this project's Python revisions
  tool.py URL upgrade-sql TARGET         `alembic upgrade TARGET --sql`: the script, not JSON
  tool.py URL versions                   the version table's rows, sorted
  tool.py URL inspect                    the schema as SQLAlchemy's inspector reads it
  tool.py URL compare                    Alembic's autogenerate comparison with models.py

URLs are ambix's (postgresql://, mysql://, sqlite:///); the drivers are psycopg2 and PyMySQL.
"""
import json
import os
import sys

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# ambix's bookkeeping, kept out of the application's schema as the README's include_object does.
BOOKKEEPING = {"alembic_version", "ambix_history"}


def include_object(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name in BOOKKEEPING)


def sqlalchemy_url(url):
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg2://" + url.split("://", 1)[1]
    if url.startswith("mysql://") or url.startswith("mariadb://"):
        return "mysql+pymysql://" + url.split("://", 1)[1]
    return url


def alembic(url, verb, target, sql=False):
    config = Config()
    config.set_main_option("script_location", os.path.join(HERE, "alembic"))
    config.set_main_option("sqlalchemy.url", url)
    getattr(command, verb)(config, target, sql=sql)
    return {"ok": True}


def versions(engine):
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return sorted(row[0] for row in connection.execute(sa.text("SELECT version_num FROM alembic_version")))


def inspect(engine):
    inspector = sa.inspect(engine)
    by_name = lambda items: sorted(items, key=lambda item: str(item.get("name")))
    tables = {}
    for table in sorted(set(inspector.get_table_names()) - BOOKKEEPING):
        tables[table] = {
            "columns": [
                {"name": c["name"], "type": str(c["type"]), "nullable": c["nullable"], "default": c["default"]}
                for c in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table),
            "foreign_keys": by_name(inspector.get_foreign_keys(table)),
            "unique_constraints": by_name(inspector.get_unique_constraints(table)),
            "indexes": by_name(inspector.get_indexes(table)),
        }
    return tables


def compare(engine):
    from models import metadata

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        return [repr(diff) for diff in compare_metadata(context, metadata)]


def main(argv):
    url, verb, *rest = argv
    url = sqlalchemy_url(url)
    if verb == "upgrade-sql":
        alembic(url, "upgrade", rest[0], sql=True)
        return
    if verb in ("upgrade", "downgrade"):
        result = alembic(url, verb, rest[0])
    else:
        engine = sa.create_engine(url)
        try:
            result = {"versions": versions, "inspect": inspect, "compare": compare}[verb](engine)
        finally:
            engine.dispose()
    json.dump(result, sys.stdout, indent=1, sort_keys=True, default=str)


if __name__ == "__main__":
    main(sys.argv[1:])
