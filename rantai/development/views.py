"""Supplier development pages: the buyer rates a delivered order."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import org_required
from rantai.core.feedback import run_and_report
from rantai.sourcing.permissions import CHANGE, access_order

from .forms import RatingForm
from .services import rating_create


@require_POST
@org_required(OrgKind.BUYER)
def rate_order(request, order_id: int):
    order = access_order(request.membership, order_id, CHANGE)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi semua nilai dengan angka 1 sampai 5."))
        return redirect("sourcing:order-detail", order.pk)
    run_and_report(request, lambda: rating_create(order=order, by=request.membership,
                                                  **form.cleaned_data),
                   _("Terima kasih, penilaian tersimpan."))
    return redirect("sourcing:order-detail", order.pk)
