"""Account pages: sign-up, home dispatch, waiting room, settings, data rights."""
import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .choices import OrgKind
from .forms import DeletionForm, SettingsForm, SignupForm, TokenForm
from .models import ApiToken
from .permissions import org_required
from .selectors import memberships_of, user_data_export


def signup(request):
    """Anyone may sign up; SMEs act at once, other organisations wait for approval."""
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.signup(**form.cleaned_data)
        except services.SignupError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            request.session["org_id"] = membership.organisation_id
            if membership.organisation.kind == OrgKind.SME:
                messages.success(request, _("Selamat datang! Lengkapi profil usaha Anda."))
                return redirect("suppliers:profile-edit")
            return redirect("accounts:pending")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def home(request):
    """Send each kind of organisation to where its work is."""
    membership = request.membership
    if membership is None:
        if request.user.is_staff:  # platform administrators work in the admin
            return redirect("admin:index")
        return render(request, "accounts/no_org.html")
    if not membership.organisation.is_approved:
        return redirect("accounts:pending")
    kind = membership.organisation.kind
    if kind == OrgKind.SME:
        return redirect("suppliers:home")
    if kind == OrgKind.AGENCY:
        return redirect("insights:dashboard")
    if kind == OrgKind.BUYER:
        return redirect("sourcing:need-list")
    return redirect("forums:list")  # forum organisers


@login_required
def pending(request):
    """The only page an unapproved organisation can use."""
    if request.membership and request.membership.organisation.is_approved:
        return redirect("accounts:home")
    return render(request, "accounts/pending.html")


@login_required
def settings_page(request):
    """Time zone, API tokens (approved organisations), data export and deletion request."""
    form = SettingsForm(request.POST or None, initial={"timezone": request.user.timezone})
    if request.method == "POST" and form.is_valid():
        request.user.timezone = form.cleaned_data["timezone"]
        request.user.save(update_fields=["timezone"])
        messages.success(request, _("Pengaturan disimpan."))
        return redirect("accounts:settings")
    membership = request.membership
    tokens = (ApiToken.objects.filter(membership__organisation=membership.organisation)
              .select_related("membership__user").order_by("-created_at")
              if membership and membership.organisation.is_approved else [])
    return render(request, "accounts/settings.html", {
        "form": form, "token_form": TokenForm(), "deletion_form": DeletionForm(),
        "tokens": tokens, "memberships": memberships_of(request.user),
        "new_key": request.session.pop("new_api_key", None),
    })


@require_POST
@org_required()
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        _token, key = services.api_token_create(membership=request.membership,
                                                name=form.cleaned_data["name"])
        request.session["new_api_key"] = key
    else:
        messages.error(request, _("Nama token wajib diisi."))
    return redirect("accounts:settings")


@require_POST
@org_required()
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id,
                              membership__organisation=request.membership.organisation)
    services.api_token_revoke(token=token, by=request.membership)
    messages.success(request, _("Token dicabut."))
    return redirect("accounts:settings")


@login_required
def data_export(request):
    """Download everything we hold about the signed-in person (JSON)."""
    response = HttpResponse(
        json.dumps(user_data_export(request.user), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rantai-data-saya.json"'
    return response


@require_POST
@login_required
def deletion_request(request):
    form = DeletionForm(request.POST)
    form.is_valid()
    services.deletion_request_create(user=request.user, reason=form.cleaned_data.get("reason", ""))
    messages.success(request, _("Permintaan penghapusan data diterima. Petugas akan memprosesnya "
                                "dan menghubungi Anda lewat email."))
    return redirect("accounts:settings")


@require_POST
@login_required
def switch_organisation(request, org_id: int):
    if not memberships_of(request.user).filter(organisation_id=org_id).exists():
        raise PermissionDenied
    request.session["org_id"] = org_id
    return redirect("accounts:home")


