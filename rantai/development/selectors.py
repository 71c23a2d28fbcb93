"""Reads for supplier development."""
from django.db.models import Avg, Count

from rantai.suppliers.models import SupplierProfile


def supplier_rating_summary(supplier: SupplierProfile) -> dict:
    """Number of ratings and the average of each criterion (None without ratings)."""
    return supplier.ratings.aggregate(
        count=Count("id"), quality=Avg("quality"), timeliness=Avg("timeliness"),
        communication=Avg("communication"))
