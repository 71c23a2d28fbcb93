"""Counts that describe what the demo holds, for the command's report and the tests."""
from django.db.models import Count

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Organisation, User
from rantai.core.models import AuditEntry
from rantai.development.models import Rating
from rantai.sourcing.choices import OrderStatus
from rantai.sourcing.models import Need, PurchaseOrder
from rantai.suppliers.models import SupplierProfile

from .organisations import DOMAIN


def summary() -> dict[str, int]:
    """Row counts over the whole database (on a fresh database: the demo)."""
    orders = dict(PurchaseOrder.objects.values_list("status").annotate(n=Count("id")))
    return {
        "smes": SupplierProfile.objects.count(),
        "provinces": SupplierProfile.objects.values("regency__province").distinct().count(),
        "buyers": Organisation.objects.filter(kind=OrgKind.BUYER).count(),
        "users": User.objects.filter(email__endswith="@" + DOMAIN).count(),
        "needs": Need.objects.count(),
        "orders": sum(orders.values()),
        "paid": orders.get(OrderStatus.PAID, 0),
        "delivered_unpaid": orders.get(OrderStatus.DELIVERED, 0),
        "in_progress": orders.get(OrderStatus.ISSUED, 0) + orders.get(OrderStatus.ACCEPTED, 0),
        "ratings": Rating.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
    }
