"""Exceptions from services and permission helpers, as JSON answers.

Every error body has ``detail`` (a sentence in the active language); validation errors
add ``errors``: field name → list of messages (``__all__`` for the whole request).
"""
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from rantai.accounts.permissions import OrganisationNotApproved
from rantai.core.transitions import InvalidTransition


def _invalid(api: NinjaAPI, request: HttpRequest, errors: dict[str, list[str]]) -> HttpResponse:
    if "__all__" in errors:
        detail = " ".join(errors["__all__"])
    else:
        detail = _("Periksa isian berikut: %(fields)s.") % {"fields": ", ".join(errors)}
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _input_message(error: dict) -> str:
    """A message in the active language for a pydantic error (pydantic's own are English
    only)."""
    error_type = error["type"]
    if error_type == "missing":
        return _("Wajib diisi.")
    if error_type == "timezone_aware":
        return _("Sertakan zona waktu, misalnya 2025-07-01T17:00:00+07:00.")
    if error_type.startswith("int"):
        return _("Harus bilangan bulat.")
    if error_type.startswith(("decimal", "float")):
        return _("Harus angka, paling banyak 11 digit bulat dan 3 desimal.")
    if error_type.startswith("datetime"):
        return _("Harus tanggal dan waktu ISO 8601, misalnya 2025-07-01T17:00:00+07:00.")
    if error_type.startswith("date"):
        return _("Harus tanggal ISO 8601, misalnya 2025-07-01.")
    if error_type.startswith("bool"):
        return _("Harus true atau false.")
    if error_type == "enum":
        return _("Pilihan tidak dikenal.")
    if error_type == "string_too_long":
        return _("Terlalu panjang: paling banyak %(max)d karakter.") % {
            "max": error["ctx"]["max_length"]}
    if error_type in ("less_than_equal", "greater_than_equal"):
        return _("Angka di luar batas yang diizinkan.")
    return _("Nilai tidak valid.")


def _field_name(loc: tuple) -> str:
    # ninja reports ("body", "<parameter>", "field", ...) for bodies and
    # ("query", "field") for query strings; clients only know "field".
    parts = loc[2:] if loc and loc[0] == "body" else loc[1:]
    return ".".join(str(p) for p in parts) or "__all__"


def register(api: NinjaAPI) -> None:
    """Attach the project's error answers to ``api``."""

    @api.exception_handler(DjangoValidationError)
    def service_validation(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return _invalid(api, request, exc.message_dict)
        return _invalid(api, request, {"__all__": exc.messages})

    @api.exception_handler(InvalidTransition)
    def invalid_transition(request, exc: InvalidTransition):
        return _invalid(api, request, {"__all__": [str(exc)]})

    @api.exception_handler(NinjaValidationError)
    def input_validation(request, exc: NinjaValidationError):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field_name(tuple(error["loc"])), []).append(
                _input_message(error))
        return _invalid(api, request, errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = api.create_response(
            request, {"detail": _("Masuk dulu, atau kirim token API yang berlaku.")}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="rantai"'
        return response

    @api.exception_handler(OrganisationNotApproved)
    def not_approved(request, exc):
        return api.create_response(
            request, {"detail": _("Organisasi Anda masih menunggu persetujuan administrator.")},
            status=403)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(
            request, {"detail": _("Anda tidak berwenang melakukan ini.")}, status=403)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Data tidak ditemukan.")}, status=404)
