"""Writes for supplier development: ratings."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rantai.accounts.models import Membership
from rantai.core.audit import audit_append
from rantai.sourcing.choices import OrderStatus
from rantai.sourcing.models import PurchaseOrder

from .models import Rating


@transaction.atomic
def rating_create(
    *, order: PurchaseOrder, by: Membership, quality: int, timeliness: int, communication: int,
    comment: str = "",
) -> Rating:
    """The buyer rates the supplier once per order, after delivery (BAST)."""
    if order.buyer_id != by.organisation_id:
        raise PermissionDenied
    if order.status not in (OrderStatus.DELIVERED, OrderStatus.PAID):
        raise ValidationError({"__all__": _("Penilaian baru dapat diberikan setelah serah terima (BAST).")})
    errors = {name: _("Nilai harus 1 sampai 5.")
              for name, value in (("quality", quality), ("timeliness", timeliness),
                                  ("communication", communication))
              if value is None or not 1 <= value <= 5}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                order=order, supplier=order.supplier, buyer=order.buyer, quality=quality,
                timeliness=timeliness, communication=communication, comment=comment,
                rated_by=by.user)
    except IntegrityError as error:
        raise ValidationError({"__all__": _("Pesanan ini sudah dinilai.")}) from error
    audit_append(action="order.rate", obj=rating, actor=by.user,
                 organisation_id=by.organisation_id,
                 payload={"order": order.number, "quality": quality, "timeliness": timeliness,
                          "communication": communication})
    return rating
