"""The long-lived, per-process matching index, kept in step with the database without rebuilds.

Built once (at first use, at start-up via ``manage.py matching_index --warm`` or by an
operator's ``--rebuild``), then synchronised incrementally before each search:

* profiles whose ``updated_at`` moved (profile edits, publish/unpublish, bulk imports) are
  read since the last watermark (minus ``OVERLAP`` for transactions that committed late;
  rows already seen at the same ``updated_at`` are skipped) and upserted — or removed when
  they can no longer quote (unpublished, unclaimed);
* the ``IndexChange`` log (products, certificates, capabilities, ratings, KBLI links: edits
  that do not touch ``updated_at``) is read from the last id this process saw;
* when the local date changes, profiles with a certificate that started or expired are
  re-read (validity changes with time, not with a write);
* a count check finds deleted and newly claimed profiles; an id comparison then fixes them.

Open needs (published, deadline ahead) are cached as engine ``Need``s the same way, for the
SME's side (``rank_needs``).

Access is serialised by a lock: the engine index is not thread-safe.
"""
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from rantai.core import clock
from rantai.core.models import AuditEntry
from rantai.engine.matching import MatchingIndex
from rantai.engine.matching import Need as EngineNeed
from rantai.sourcing.choices import NeedStatus
from rantai.sourcing.models import Need
from rantai.suppliers.models import Certificate, SupplierProfile

from .documents import engine_need, indexable_q, supplier_docs, today
from .models import IndexChange

logger = logging.getLogger(__name__)

OVERLAP = timedelta(seconds=120)  # re-read window for rows committed after a later one
PRUNE_AFTER = timedelta(days=7)  # change-log entries older than this are deleted
RECONCILE_EVERY = 300.0  # seconds between full id comparisons even when counts agree


@dataclass
class Stats:
    """What the index has done since the process started: tests and operators read it."""

    builds: int = 0
    upserts: int = 0
    removals: int = 0
    syncs: int = 0
    last_build_s: float = 0.0
    built_at: datetime | None = None


@dataclass
class _State:
    index: MatchingIndex | None = None
    ids: set[int] = field(default_factory=set)  # profiles in the index
    watermark: datetime | None = None
    seen: dict[int, datetime] = field(default_factory=dict)  # id → updated_at, inside OVERLAP
    last_change: int = 0
    day: date | None = None
    last_sync: float = 0.0
    last_reconcile: float = 0.0
    needs: dict[int, EngineNeed] = field(default_factory=dict)
    needs_change: int = 0
    revisions: dict[int, int] = field(default_factory=dict)  # need id → revision cached
    audit_seq: int = 0  # the last audit entry read for need changes


class LiveIndex:
    """One per process (``live_index()``); every public method takes the lock."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._state = _State()
        self.stats = Stats()

    # -- life cycle ---------------------------------------------------------------------

    def rebuild(self) -> int:
        """Build from scratch; returns how many profiles the index holds."""
        with self._lock:
            started = time.perf_counter()
            state = _State(last_change=_last_change_id(), day=today(), watermark=_now())
            # Read before the documents: a row edited during the build gets a newer
            # ``updated_at`` and is upserted by the first sync; the rest are not read twice.
            state.seen = dict(SupplierProfile.objects.filter(updated_at__gt=state.watermark - OVERLAP)
                              .values_list("pk", "updated_at"))
            docs = list(supplier_docs())
            state.index = MatchingIndex.build(docs)
            state.ids = {int(doc.id) for doc in docs}
            state.last_reconcile = state.last_sync = time.monotonic()
            state.needs = _open_needs()
            state.revisions = dict(_open_need_ids())
            state.audit_seq = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
            state.needs_change = state.last_change
            self._state = state
            self.stats.builds += 1
            self.stats.last_build_s = time.perf_counter() - started
            self.stats.built_at = timezone.now()
            return len(state.index)

    def reset(self) -> None:
        """Forget everything (the next use builds again). For tests and operators."""
        with self._lock:
            self._state = _State()
            self.stats = Stats()

    @property
    def built(self) -> bool:
        return self._state.index is not None

    def size(self) -> int:
        with self._lock:
            return len(self._state.index) if self._state.index is not None else 0

    # -- using it -----------------------------------------------------------------------

    def run(self, work):
        """Call ``work(index)`` on an up-to-date index, under the lock."""
        with self._lock:
            self.sync()
            return work(self._state.index)

    def open_needs(self) -> dict[int, EngineNeed]:
        """Published needs still taking quotes, as engine needs (a fresh copy)."""
        with self._lock:
            self.sync()
            return dict(self._state.needs)

    def sync(self, *, force: bool = False) -> None:
        """Bring the index up to date (builds it on first use)."""
        with self._lock:
            idle = time.monotonic() - self._state.last_sync
            if self._state.index is None or idle > PRUNE_AFTER.total_seconds():
                self.rebuild()  # first use, or the change log may have been pruned meanwhile
                return
            interval = getattr(settings, "RANTAI_MATCHING_SYNC_SECONDS", 0.0)
            if not force and idle < interval:
                return
            self._sync_profiles()
            self._sync_needs()
            self._state.last_sync = time.monotonic()
            self.stats.syncs += 1

    # -- synchronisation ----------------------------------------------------------------

    def _sync_profiles(self) -> None:
        state = self._state
        changed: set[int] = set()
        now = _now()
        since = state.watermark - OVERLAP
        for pk, updated in (SupplierProfile.objects.filter(updated_at__gt=since)
                            .values_list("pk", "updated_at")):
            if state.seen.get(pk) != updated:
                changed.add(pk)
                state.seen[pk] = updated
        state.watermark = max(state.watermark, now)
        cutoff = state.watermark - OVERLAP
        state.seen = {pk: at for pk, at in state.seen.items() if at > cutoff}

        log = list(IndexChange.objects.filter(pk__gt=state.last_change)
                   .values_list("pk", "kind", "object_id"))
        if any(kind == IndexChange.Kind.REBUILD for _pk, kind, _oid in log):
            self.rebuild()  # an operator asked every process to start afresh
            return
        changed |= {oid for _pk, kind, oid in log if kind == IndexChange.Kind.SUPPLIER}
        if log:
            state.last_change = log[-1][0]
        if state.day != (day := today()):
            changed |= _certificate_turnover(state.day, day)
            state.day = day
        self._apply(changed)
        self._reconcile()

    def _apply(self, ids: set[int]) -> None:
        if not ids:
            return
        state = self._state
        fresh = SupplierProfile.objects.filter(indexable_q(), pk__in=ids)
        kept = set()
        for doc in supplier_docs(fresh):
            state.index.upsert(doc)
            kept.add(int(doc.id))
            self.stats.upserts += 1
        state.ids |= kept
        for pk in (ids - kept) & state.ids:
            state.index.remove(str(pk))
            state.ids.discard(pk)
            self.stats.removals += 1

    def _reconcile(self) -> None:
        """Deleted profiles and claims (a bare UPDATE) leave no trace but the count."""
        state = self._state
        expected = SupplierProfile.objects.filter(indexable_q()).count()
        due = time.monotonic() - state.last_reconcile > RECONCILE_EVERY
        if expected == len(state.ids) and not due:
            return
        state.last_reconcile = time.monotonic()
        want = set(SupplierProfile.objects.filter(indexable_q()).values_list("pk", flat=True))
        self._apply((state.ids - want) | (want - state.ids))

    def _sync_needs(self) -> None:
        state = self._state
        revisions = dict(_open_need_ids())
        open_ids = set(revisions)
        log = list(IndexChange.objects.filter(pk__gt=state.needs_change,
                                              kind=IndexChange.Kind.NEED)
                   .values_list("pk", "object_id"))
        if log:
            state.needs_change = log[-1][0]
        stale = {oid for _pk, oid in log}
        # Amendments are conditional UPDATEs (no signal, and the revision moves only when
        # quotes exist); every one is audited, so the audit log names the needs to re-read.
        audited = list(AuditEntry.objects.filter(seq__gt=state.audit_seq, object_type="sourcing.need")
                       .values_list("seq", "object_id"))
        if audited:
            state.audit_seq = audited[-1][0]
            stale |= {int(oid) for _seq, oid in audited if oid.isdigit()}
        stale |= {pk for pk, rev in revisions.items() if state.revisions.get(pk, rev) != rev}
        for pk in set(state.needs) - open_ids:
            del state.needs[pk]
        missing = (open_ids - set(state.needs)) | (stale & open_ids)
        if missing:
            state.needs.update(_open_needs(missing))
        state.revisions = revisions


def _now() -> datetime:
    return timezone.now()


def _last_change_id() -> int:
    last = IndexChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


def _certificate_turnover(before: date | None, now: date) -> set[int]:
    """Profiles whose certificate became valid or expired between two days."""
    if before is None:
        return set()
    low, high = min(before, now), max(before, now)
    turned = (Q(valid_from__gt=low, valid_from__lte=high)
              | Q(valid_until__gte=low, valid_until__lt=high))
    return set(Certificate.objects.filter(turned).values_list("supplier_id", flat=True))


def _open_need_ids() -> list[tuple[int, int]]:
    """(id, revision) of every published need still taking quotes: an amendment raises the
    revision, so the cache re-reads it."""
    return list(Need.objects.filter(status=NeedStatus.PUBLISHED, quote_deadline__gt=clock.now())
                .values_list("pk", "revision"))


def _open_needs(ids: set[int] | None = None) -> dict[int, EngineNeed]:
    needs = Need.objects.filter(status=NeedStatus.PUBLISHED, quote_deadline__gt=clock.now())
    if ids is not None:
        needs = needs.filter(pk__in=ids)
    needs = needs.select_related("delivery_regency", "buyer").prefetch_related("kbli", "lines")
    return {need.pk: engine_need(need) for need in needs}


def request_rebuild() -> None:
    """Ask every process to rebuild its index before its next search."""
    IndexChange.objects.create(kind=IndexChange.Kind.REBUILD, object_id=0)


def prune_changes() -> int:
    """Delete change-log entries every process has long read; returns how many."""
    cutoff = timezone.now() - PRUNE_AFTER
    deleted, _ = IndexChange.objects.filter(at__lt=cutoff).delete()
    return deleted


def warm_in_background() -> threading.Thread:
    """Build this process's index in a thread at start-up, so the first buyer does not wait
    for it (requests that arrive meanwhile wait on the lock). Enabled by the environment
    variable ``RANTAI_MATCHING_WARM=1`` in web processes (see ``apps.py``)."""
    from django.db import connection

    def warm() -> None:
        try:
            live_index().sync()
        except Exception:  # noqa: BLE001 - the first search builds it instead
            logger.exception("matching index warm-up failed")
        finally:
            connection.close()

    thread = threading.Thread(target=warm, name="matching-warm-up", daemon=True)
    thread.start()
    return thread


_live = LiveIndex()


def live_index() -> LiveIndex:
    """This process's index."""
    return _live
