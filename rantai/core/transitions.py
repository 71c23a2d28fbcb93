"""Statuses as data: a transition table decides which moves are allowed.

Each app declares ``TRANSITIONS = {"draft": {"published"}, ...}`` in its ``choices.py``.
``transition()`` checks the table and then moves the row with a conditional UPDATE
(``WHERE status = <expected>``), so two racing requests cannot both make the same move,
on SQLite or PostgreSQL.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


class InvalidTransition(Exception):
    """The requested status change is not allowed from the current status."""


def check_transition(table: dict[str, set[str]], current: str, new: str) -> None:
    """Raise InvalidTransition unless ``current -> new`` is in ``table``."""
    if new not in table.get(current, set()):
        raise InvalidTransition(
            _("Status tidak dapat diubah dari '%(current)s' ke '%(new)s'.")
            % {"current": current, "new": new}
        )


def transition(obj: models.Model, table: dict[str, set[str]], new: str, *,
               status_field: str = "status", **fields) -> None:
    """Move ``obj.<status_field>`` to ``new`` if the table allows it and nobody moved it
    first.

    Extra ``fields`` are written in the same UPDATE. Raises InvalidTransition when the move
    is not allowed or when another request changed the status in the meantime.
    """
    current = getattr(obj, status_field)
    check_transition(table, current, new)
    updated = (type(obj).objects.filter(pk=obj.pk, **{status_field: current})
               .update(**{status_field: new}, **fields))
    if updated != 1:
        raise InvalidTransition(_("Data ini baru saja diubah oleh orang lain. Muat ulang halaman."))
    setattr(obj, status_field, new)
    for name, value in fields.items():
        setattr(obj, name, value)


def move(obj: models.Model, table: dict[str, set[str]], new: str, *,
         status_field: str = "status", **fields) -> None:
    """``transition`` for services: a refused move becomes a form-level ValidationError."""
    try:
        transition(obj, table, new, status_field=status_field, **fields)
    except InvalidTransition as error:
        raise ValidationError({"__all__": str(error)}) from error
