"""Development data for the demo, built through the services (idempotent): mentoring
programmes of the national agencies, feedback and a plan for every demo hand-over with
rejected goods, one plan with a mentor and actions, one waiting for the buyer's re-check.
Called by ``manage.py seed_development_demo`` after ``seed_demo``."""
from datetime import timedelta

from django.utils import timezone

from rantai.accounts.models import Membership
from rantai.core import clock
from rantai.core.numbers import format_number
from rantai.sourcing.models import Delivery

from . import services
from .choices import PlanStatus
from .models import DevelopmentPlan, Feedback, Programme

PROGRAMMES = [
    ("Kementerian Perindustrian", "Pendampingan sertifikasi SNI komponen logam", "sni"),
    ("Kementerian Perindustrian", "Pendampingan pengajuan TKDN-IK gratis", "tkdn_ik"),
    ("Kementerian Perindustrian", "Klinik mutu produksi pengecoran dan pemesinan", "quality"),
    ("Kementerian Koperasi dan UKM", "Pendampingan sertifikasi halal UMKM pangan", "halal"),
    ("Kementerian Koperasi dan UKM", "Kesiapan digital: katalog dan tagihan elektronik", "digital"),
]


def _officer(agency_name: str) -> Membership | None:
    return (Membership.objects.filter(organisation__name=agency_name, organisation__kind="agency",
                                      province__isnull=True).select_related("organisation", "user")
            .first())


def seed() -> dict:
    today = timezone.localdate(clock.now())
    made = {"programmes": 0, "plans": 0}
    programmes = {}
    for agency_name, name, topic in PROGRAMMES:
        officer = _officer(agency_name)
        if officer is None:
            continue
        programme = Programme.objects.filter(name=name).first()
        if programme is None:
            programme = services.programme_create(by=officer, name=name, topic=topic,
                                                  starts_on=today - timedelta(days=30),
                                                  ends_on=today + timedelta(days=90), capacity=40)
            made["programmes"] += 1
        programmes[topic] = (programme, officer)
    rejected = (Delivery.objects.filter(quantity_rejected__gt=0)
                .select_related("order__supplier", "order__buyer").order_by("id"))
    for i, delivery in enumerate(rejected):
        order = delivery.order
        if Feedback.objects.filter(order=order).exists():
            continue
        buyer = Membership.objects.filter(organisation_id=order.buyer_id).first()
        if buyer is None:
            continue
        feedback = services.feedback_create(
            supplier=order.supplier, by=buyer, order=order, source="rejection", category="quality",
            text=delivery.note or (f"{format_number(delivery.quantity_rejected, 'id')} "
                                   f"{order.need.lines.first().unit} ditolak saat BAST."),
            goals="Tingkat penolakan di bawah 1% pada tiga pengiriman berikutnya.")
        made["plans"] += 1
        if "quality" in programmes and i < 3:
            programme, officer = programmes["quality"]
            plan = feedback.plan
            services.plan_assign(plan=plan, by=officer, programme=programme, mentor_id=officer.user_id)
            sme = Membership.objects.filter(organisation_id=order.supplier.organisation_id).first()
            action = services.plan_action_add(plan=plan, by=sme, description="Uji bahan baku per lot",
                                              due_on=today + timedelta(days=14))
            if i == 0:
                services.plan_action_done(action=action, by=sme)
                services.plan_request_recheck(plan=plan, by=sme)
    made["waiting_recheck"] = DevelopmentPlan.objects.filter(status=PlanStatus.RECHECK).count()
    return made
