"""Clients and payloads shared by the API tests."""
from datetime import timedelta

from django.test import Client

from rantai.accounts.services import api_token_create
from rantai.core import clock

API = "/api/v1"


class ApiClient(Client):
    """A test client that sends JSON bodies and, given a key, a Bearer token."""

    def __init__(self, key: str | None = None, **headers):
        if key:
            headers["Authorization"] = f"Bearer {key}"
        super().__init__(headers=headers)

    def post(self, path, data=None, **extra):
        return super().post(API + path, data or {}, content_type="application/json", **extra)

    def put(self, path, data=None, **extra):
        return super().put(API + path, data or {}, content_type="application/json", **extra)

    def get(self, path, data=None, **extra):
        return super().get(API + path, data, **extra)

    def upload(self, path, filename: str, content: bytes, **extra):
        """POST one file as multipart form data (field ``file``)."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        return super().post(API + path, {"file": SimpleUploadedFile(filename, content)}, **extra)

    def delete(self, path, data=None, **extra):
        return super().delete(API + path, **extra)


def token_client(membership, **headers) -> ApiClient:
    """A client acting as ``membership`` through a freshly issued API token."""
    _token, key = api_token_create(membership=membership, name="test")
    return ApiClient(key, **headers)


def need_payload(**overrides) -> dict:
    """A valid POST /needs body; 500 pieces delivered to Kota Malang, deadline in 7 days."""
    payload = {
        "title": "Blok rem besi cor untuk kereta",
        "description": "Sesuai gambar teknik",
        "kbli_codes": ["24310"],
        "quantity": "500",
        "unit": "buah",
        "delivery_regency_code": "35.77",
        "quote_deadline": (clock.now() + timedelta(days=7)).isoformat(),
    }
    payload.update(overrides)
    return payload


def profile_payload(**overrides) -> dict:
    """A valid PUT /suppliers/me body."""
    payload = {
        "name": "CV Logam Jaya",
        "legal_form": "cv",
        "nib": "9120000000001",
        "regency_code": "35.77",
        "kbli_codes": ["24310"],
        "products": ["besi cor"],
        "annual_sales": 900_000_000,
    }
    payload.update(overrides)
    return payload
