"""Set-based writes the ORM makes slow: many rows per statement, explicit primary keys.

Used by ``apply`` for chunks of thousands of rows. Works on SQLite and PostgreSQL:

* ``allocate_ids``: PostgreSQL takes ids from the table's sequence (``nextval``), so they
  are unique across concurrent writers; SQLite takes them above ``MAX(id)`` and the
  AUTOINCREMENT high-water mark, which is safe because every transaction there begins with
  ``BEGIN IMMEDIATE`` (settings) and holds the database's write lock until commit. Call it
  inside ``transaction.atomic``.
* ``Inserter``: ``COPY … FROM STDIN`` (text format, built here) on PostgreSQL,
  ``executemany`` on SQLite. Columns the
  caller does not give get the model field's default (``auto_now``/``auto_now_add``: now),
  so a field added to the model later with a default does not break the import.
* ``update_rows`` / ``delete_pairs``: ``executemany`` of one parameterised statement.

Values must already be what the database driver takes (str, int, bool, None); dates and
datetimes are adapted here. No signals are sent (the suppliers app has none).
"""
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import date, datetime

from django.db import connection, models


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys for ``model`` (inside a transaction; see module doc)."""
    if count == 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                           "FROM generate_series(1, %s)", [table, pk, count])
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT MAX({_quote(pk)}) FROM {_quote(table)}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            mark = cursor.fetchone()
            start = max(highest, mark[0] if mark else 0) + 1
            return list(range(start, start + count))
    raise NotImplementedError(f"allocate_ids: unsupported database {connection.vendor}")


def existing_values(model: type[models.Model], field: str, values: Sequence[str]) -> set[str]:
    """Which of ``values`` a unique ``field`` already holds: one plain ``IN`` query (the
    ORM's lookup machinery costs more than the query for thousands of parameters)."""
    if not values:
        return set()
    opts = model._meta
    column = _quote(opts.get_field(field).column)
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {_quote(opts.db_table)} WHERE {column} IN ({marks})",
                       list(values))
        return {row[0] for row in cursor.fetchall()}


def relax_commit_durability() -> None:
    """PostgreSQL: do not wait for this transaction's WAL flush at commit
    (``SET LOCAL synchronous_commit = off``); a no-op elsewhere.

    Safe for work that is checkpointed in the same transaction: a database crash may lose
    the last few commits, but only whole (work and checkpoint together), so the job resumes
    from an earlier checkpoint and redoes them. Never use it for the final commit a person
    is told about.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _literal(value) -> str | None:
    """``value`` as an SQL literal for a statement run through Django's cursor (``%``
    doubled), or None when it is safer bound as a parameter."""
    if value is None:
        return "NULL"
    if value is True or value is False:
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''").replace("%", "%%") + "'"
    return None


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_field(value) -> str:
    """One value in COPY's text format (faster than psycopg's per-row ``write_row``)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES) if ("\\" in value or "\t" in value
                                                  or "\n" in value or "\r" in value) else value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "obj") and hasattr(value, "dumps"):  # psycopg's Jsonb (a JSONField default)
        value = value.dumps(value.obj)
        value = value.decode() if isinstance(value, bytes) else value
    return _copy_field(str(value))  # Decimal, UUID, float, JSON text


@contextmanager
def bulk_session(cache_mebibytes: int = 256, checkpoint_pages: int = 16384):
    """SQLite, while the block runs: a page cache of ``cache_mebibytes`` for this connection
    (the default 2 MB makes every index insert of a growing table read pages back from the
    OS), and a WAL checkpoint every ``checkpoint_pages`` pages instead of every 1,000 (fewer
    fsyncs for the same data). A no-op elsewhere; nothing about what is written changes —
    durability and crash safety stay those of WAL mode."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_autocheckpoint")
        pages = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-1024 * int(cache_mebibytes)}")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint_pages)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache)}")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")


def _adapter(field: models.Field):
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


class Inserter:
    """Insert rows of ``fields`` (model field names, e.g. ``organisation`` for the FK) into
    ``model``'s table; every other column gets its field default."""

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, now: datetime):
        opts = model._meta
        given = [opts.get_field(name) for name in fields]
        names = set(fields)
        rest = [f for f in opts.concrete_fields if f.name not in names and not f.primary_key]
        self.constants = tuple(self._default(f, now) for f in rest)
        self.adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in given) if a]
        self.columns = [f.column for f in given] + [f.column for f in rest]
        self.table = opts.db_table

    @staticmethod
    def _default(field: models.Field, now: datetime):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        return field.get_db_prep_save(value, connection)

    def insert(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        constants = self.constants
        if self.adapters:
            rows = [self._adapt(row) for row in rows]
        columns = ", ".join(_quote(c) for c in self.columns)
        if connection.vendor == "postgresql":
            tail = "".join("\t" + _copy_field(v) for v in constants) + "\n"
            text = "".join("\t".join(map(_copy_field, row)) + tail for row in rows)
            with connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY {_quote(self.table)} ({columns}) FROM STDIN") as copy:
                    copy.write(text.encode())
            return
        # The defaults go into the statement as literals: binding a dozen constant
        # parameters per row would cost more than the insert itself.
        bound = tuple(v for v in constants if _literal(v) is None)
        marks = ", ".join(["%s"] * (len(self.columns) - len(constants))
                          + [_literal(v) or "%s" for v in constants])
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {_quote(self.table)} ({columns}) VALUES ({marks})",
                               [row + bound for row in rows] if bound else list(rows))

    def _adapt(self, row: tuple) -> tuple:
        row = list(row)
        for index, adapt in self.adapters:
            row[index] = adapt(row[index])
        return tuple(row)


def update_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple]) -> None:
    """``UPDATE … SET fields WHERE pk`` for each row ``(*values, pk)``."""
    if not rows:
        return
    opts = model._meta
    given = [opts.get_field(name) for name in fields]
    adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in given) if a]
    if adapters:
        adapted = []
        for row in rows:
            row = list(row)
            for index, adapt in adapters:
                row[index] = adapt(row[index])
            adapted.append(tuple(row))
        rows = adapted
    assignments = ", ".join(f"{_quote(f.column)} = %s" for f in given)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {_quote(opts.db_table)} SET {assignments} "
                           f"WHERE {_quote(opts.pk.column)} = %s", list(rows))


def delete_pairs(model: type[models.Model], first: str, second: str,
                 pairs: Sequence[tuple]) -> None:
    """``DELETE … WHERE first = a AND second = b`` for each ``(a, b)`` (through tables)."""
    if not pairs:
        return
    opts = model._meta
    a, b = opts.get_field(first).column, opts.get_field(second).column
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {_quote(opts.db_table)} WHERE {_quote(a)} = %s "
                           f"AND {_quote(b)} = %s", list(pairs))
