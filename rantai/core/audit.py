"""Append to and verify the hash-chained audit log.

Every service that changes state calls ``audit_append`` inside its transaction. The chain
starts from ``GENESIS``; ``verify_chain`` recomputes every hash and reports the first place
where an entry was edited, deleted, inserted or reordered.
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import IntegrityError, models, transaction

from . import clock
from .models import AuditEntry

GENESIS = "0" * 64


def _canonical(entry: AuditEntry) -> str:
    body = {
        "at": entry.at.astimezone(UTC).isoformat(),  # the database hands back UTC
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "organisation_id": entry.organisation_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "payload": entry.payload,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(entry: AuditEntry, prev_hash: str) -> str:
    return hashlib.sha256((prev_hash + _canonical(entry)).encode()).hexdigest()


def audit_append(
    *, action: str, obj: models.Model, actor=None, organisation_id: int | None = None,
    payload: dict | None = None,
) -> AuditEntry:
    """Append one entry for ``obj`` and return it.

    Must be called inside the caller's transaction so the entry commits (or rolls back) with
    the change it records. Retries when another writer extended the chain first.
    """
    for _attempt in range(20):
        last = AuditEntry.objects.order_by("-seq").values_list("hash", flat=True).first()
        entry = AuditEntry(
            at=clock.now(),
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_label=str(actor) if actor is not None and actor.is_authenticated else "system",
            organisation_id=organisation_id,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            payload=json.loads(json.dumps(payload or {}, default=str)),
            prev_hash=last or GENESIS,
        )
        entry.hash = entry_hash(entry, entry.prev_hash)
        try:
            with transaction.atomic():
                entry.save(force_insert=True)
            return entry
        except IntegrityError:
            continue  # another writer took this link; read the new tail and try again
    raise RuntimeError("audit log contention: could not append after 20 attempts")


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def verify_chain(batch_size: int = 5000) -> list[ChainProblem]:
    """Recompute the chain in sequence order; an empty list means it is intact."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        if entry.prev_hash != prev:
            problems.append(ChainProblem(entry.seq, "link broken: an entry before it was "
                                         "deleted, inserted or reordered"))
        if entry_hash(entry, entry.prev_hash) != entry.hash:
            problems.append(ChainProblem(entry.seq, "content does not match its hash: edited"))
        prev = entry.hash
    return problems
