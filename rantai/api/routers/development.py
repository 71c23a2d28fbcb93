"""Supplier development: the buyer's rating of a delivered order."""
from ninja import Router, Status

from rantai.development.services import rating_create
from rantai.sourcing.permissions import CHANGE, access_order

from ..auth import membership_of
from ..schemas import RatingIn, RatingOut, responses

router = Router(tags=["development"])


@router.post("/{int:order_id}/rating", response=responses(RatingOut, 201))
def rate_order(request, order_id: int, payload: RatingIn):
    """The buyer rates the supplier 1–5 on quality, timeliness and communication, once per
    order, after delivery."""
    membership = membership_of(request)
    order = access_order(membership, order_id, CHANGE)
    return Status(201, rating_create(order=order, by=membership, **payload.model_dump()))
