"""Writes of the matching app: opportunity alerts when a need is published, one-click invite.

Alerts run off the request path: ``need_published`` (called by sourcing after the publish
commits) only queues a ``matching.need_alerts`` job; the worker (``manage.py run_worker``)
runs ``alert_matching_smes``. Set ``RANTAI_MATCHING_ALERTS_INLINE = True`` to run them in the
publishing request instead (a deployment without a worker).

Who is alerted: only for open needs (an invite-only need is the buyer's own choice), the
best ``RANTAI_MATCHING_ALERT_TOP`` eligible SMEs (reservation and required certificates are
hard filters) whose score reaches both ``RANTAI_MATCHING_ALERT_MIN_SCORE`` and
``ALERT_RELATIVE`` × the best score. ``NeedAlert`` is unique per (need, supplier): an SME is
never alerted twice for one need, even if the job runs twice.
"""
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rantai.accounts.models import Membership
from rantai.core.audit import audit_append
from rantai.jobs.services import job_enqueue
from rantai.notifications.services import notify
from rantai.sourcing.choices import NeedStatus
from rantai.sourcing.eligibility import reservation_refusal
from rantai.sourcing.models import Need
from rantai.sourcing.services import invitations_create

from .models import NeedAlert
from .selectors import match_list

logger = logging.getLogger(__name__)

ALERT_JOB = "matching.need_alerts"
ALERT_TOP = 25
ALERT_MIN_SCORE = 20.0
ALERT_RELATIVE = 0.5  # a well-matching SME scores at least half the best one


def _setting(name: str, default):
    return getattr(settings, name, default)


def need_published(need: Need) -> None:
    """Hook for sourcing, run after a need's publication commits: queue the alerts (or send
    them now with ``RANTAI_MATCHING_ALERTS_INLINE``). Never raises: a failed alert must not
    turn a committed publication into an error page."""
    try:
        if not need.is_open:
            return
        if _setting("RANTAI_MATCHING_ALERTS_INLINE", False):
            alert_matching_smes(need)
        else:
            job_enqueue(kind=ALERT_JOB, payload={"need": need.pk,
                                                 "language": settings.LANGUAGE_CODE})
    except Exception:  # noqa: BLE001 - logged; the publication itself has committed
        logger.exception("opportunity alerts for need %s failed", need.pk)


def run_alert_job(ctx) -> dict:
    """Job handler for ``matching.need_alerts`` (registered in ``rantai.jobs.registry``)."""
    need = Need.objects.select_related("buyer", "delivery_regency").filter(
        pk=ctx.payload.get("need")).first()
    alerted = alert_matching_smes(need) if need is not None else []
    return {"alerted": len(alerted)}


def alert_matching_smes(need: Need) -> list[int]:
    """Alert the SMEs that match ``need`` well (see the module docstring); returns the ids
    of the supplier profiles alerted now. Safe to call again: nobody is alerted twice."""
    if need.status != NeedStatus.PUBLISHED or not need.is_open or not need.quotes_sealed:
        return []
    top = _setting("RANTAI_MATCHING_ALERT_TOP", ALERT_TOP)
    floor = _setting("RANTAI_MATCHING_ALERT_MIN_SCORE", ALERT_MIN_SCORE)
    # The reasons in every language, so each reader of the alert gets their own.
    reasons: dict[str, dict[int, tuple[str, ...]]] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found = match_list(need, k=top).candidates
        reasons[code] = {c.profile.pk: c.match.reasons for c in found}
        if code == settings.LANGUAGE_CODE:
            candidates = found
    if not candidates:
        return []
    threshold = max(floor, ALERT_RELATIVE * candidates[0].match.score)
    url = reverse("sourcing:need-detail", args=[need.pk])

    def why(pk: int) -> str:  # in the language being written
        written = reasons.get(translation.get_language(), reasons[settings.LANGUAGE_CODE])
        return "; ".join(written.get(pk, ())[:3])

    alerted = []
    for candidate in candidates:
        profile = candidate.profile
        if candidate.match.score < threshold or reservation_refusal(need, profile):
            continue
        try:
            with transaction.atomic():
                NeedAlert.objects.create(need=need, supplier=profile, score=candidate.match.score)
                notify(organisation_id=profile.organisation_id,
                       subject=lambda: _("Peluang baru untuk Anda: %(title)s") % {"title": need.title},
                       body=lambda pk=profile.pk: _(
                           "%(buyer)s menerbitkan kebutuhan yang cocok dengan usaha Anda "
                           "(%(reasons)s). Kirim penawaran sebelum batas waktu.")
                       % {"buyer": need.buyer.name, "reasons": why(pk)},
                       url=url)
        except IntegrityError:
            continue  # alerted already (a second run, or a race with one)
        alerted.append(profile.pk)
    if alerted:
        with transaction.atomic():
            audit_append(action="matching.alert", obj=need, organisation_id=need.buyer_id,
                         payload={"suppliers": alerted})
    return alerted


def invite_candidate(*, need: Need, supplier_id: int, by: Membership) -> int:
    """One-click invite from the match list: sourcing's own service, for one SME."""
    return invitations_create(need=need, supplier_ids=[supplier_id], by=by)
