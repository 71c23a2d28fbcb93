"""The notifications page: the organisation's list, newest first; opening one marks it read."""
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rantai.accounts.permissions import org_required

from .selectors import notifications_for
from .services import mark_read


@org_required()
def notification_list(request):
    page = Paginator(notifications_for(request.membership), 25).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@org_required()
def notification_open(request, notification_id: int):
    notification = get_object_or_404(notifications_for(request.membership), pk=notification_id)
    mark_read(by=request.membership, notification_ids=[notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
@org_required()
def notification_read_all(request):
    mark_read(by=request.membership)
    return redirect("notifications:list")
