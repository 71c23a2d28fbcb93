"""The audit chain detects edits, deletions and reordering, and never forks."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import make_buyer, make_need, make_sme
from rantai.core.audit import GENESIS, verify_chain
from rantai.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    make_sme()
    make_need(make_buyer())
    entries = list(AuditEntry.objects.order_by("seq"))
    assert len(entries) >= 5
    return entries


def test_intact_chain_verifies(chain, capsys):
    assert verify_chain() == []
    call_command("verify_audit")
    assert "OK" in capsys.readouterr().out
    assert chain[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:], strict=False))


def test_edited_payload_is_detected(chain):
    AuditEntry.objects.filter(seq=chain[2].seq).update(payload={"kind": "forged"})
    problems = verify_chain()
    assert [p.seq for p in problems] == [chain[2].seq]
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_deleted_entry_is_detected(chain):
    AuditEntry.objects.filter(seq=chain[2].seq).delete()
    assert [p.seq for p in verify_chain()] == [chain[3].seq]


def test_reordered_entries_are_detected(chain):
    a, b = chain[1], chain[2]
    # swap the contents of two rows, keeping their positions: the links no longer match
    fields = ["at", "actor_label", "action", "object_type", "object_id", "payload", "prev_hash",
              "hash"]
    AuditEntry.objects.filter(seq=a.seq).update(prev_hash="x" * 64, hash="y" * 64)
    AuditEntry.objects.filter(seq=b.seq).update(**{f: getattr(a, f) for f in fields})
    AuditEntry.objects.filter(seq=a.seq).update(**{f: getattr(b, f) for f in fields})
    assert verify_chain() != []


def test_chain_cannot_fork():
    make_sme()
    tail = AuditEntry.objects.order_by("-seq").first()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.create(at=tail.at, action="x", object_type="x", object_id="1",
                                  prev_hash=tail.prev_hash, hash="f" * 64)


def test_entries_cut_from_the_end_are_caught_with_a_recorded_head(chain, capsys):
    call_command("verify_audit")
    head = capsys.readouterr().out.split("head ")[1].strip()
    assert head == chain[-1].hash
    AuditEntry.objects.filter(seq__gte=chain[-2].seq).delete()
    call_command("verify_audit")  # the links alone still look fine
    with pytest.raises(CommandError):
        call_command("verify_audit", "--expect-head", head)
