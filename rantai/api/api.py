"""Rantai API v1: one NinjaAPI, browser session or API token on every endpoint.

Endpoints resolve the caller's membership (``auth.membership_of``), check it with the
apps' permission helpers and call the same services and selectors as the pages.
"""
from ninja import NinjaAPI, Swagger

from . import errors
from .auth import ApiTokenAuth, SessionAuth
from .routers import (
    accounts,
    claims,
    development,
    exports,
    forums,
    imports,
    insights,
    matching,
    notifications,
    opendata,
    sourcing,
    suppliers,
    taxonomy,
)

api = NinjaAPI(
    title="Rantai API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "Authenticate with the browser session (send `X-CSRFToken` on unsafe methods) or "
        "with an organisation's API token: `Authorization: Bearer rnt_…`. Errors answer "
        "`{\"detail\": …}`; invalid input answers 422 with `errors`: field → messages, in "
        "the language of `Accept-Language` (Indonesian by default). Money is whole rupiah."
    ),
    auth=[ApiTokenAuth(), SessionAuth()],
    # Swagger UI is served from ninja's own static files; no validator badge, which would
    # call validator.swagger.io from offline government networks.
    docs=Swagger(settings={"validatorUrl": None}),
)
errors.register(api)

api.add_router("", accounts.router)
api.add_router("/suppliers", suppliers.router)
api.add_router("/claims", claims.router)
api.add_router("/needs", sourcing.needs)
api.add_router("/orders", sourcing.orders)
api.add_router("/compliance", sourcing.compliance)
api.add_router("/orders", development.router)
api.add_router("/development", development.development)
api.add_router("/insights", insights.router)
api.add_router("", matching.router)  # /needs/{id}/candidates, /opportunities, /matching
api.add_router("/opendata", opendata.router)
api.add_router("/taxonomy", taxonomy.router)
api.add_router("/imports", imports.router)
api.add_router("/exports", exports.router)
api.add_router("/notifications", notifications.router)
api.add_router("/forums", forums.router)
