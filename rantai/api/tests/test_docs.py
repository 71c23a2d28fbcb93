"""The OpenAPI schema and Swagger UI are served by the app itself, with no CDN."""
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served_without_signing_in():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Rantai API" and schema["info"]["version"] == "1"
    assert "/api/v1/needs/{need_id}/quotes" in schema["paths"]
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_docs_page_uses_no_external_host():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    hosts = {urlsplit(url).hostname for url in re.findall(r"""(?:https?:)?//[^\s"'<>)]+""", html)}
    assert hosts <= {"testserver"}, hosts
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise call validator.swagger.io


def test_docs_assets_are_served_locally():
    html = Client().get("/api/v1/docs").content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert assets
    for asset in assets:
        assert Client().get(asset).status_code == 200, asset
