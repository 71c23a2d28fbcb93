"""Links that keep the dashboard's slice: ``{% drill 'orders' query province=p.key %}``."""
from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def drill(metric: str, query: dict, **extra) -> str:
    """The drill-down URL of ``metric`` for the slice ``query`` narrowed by ``extra``."""
    params = dict(query) | {k: v for k, v in extra.items() if v is not None}
    params = {k: v for k, v in params.items() if v != ""}
    base = reverse("insights:drilldown", args=[metric])
    return f"{base}?{urlencode(params)}" if params else base


@register.simple_tag
def with_query(query: dict, **extra) -> str:
    """``?a=1&b=2`` for the slice plus ``extra`` (for exports and filter links)."""
    params = {k: v for k, v in (dict(query) | extra).items() if v not in ("", None)}
    return "?" + urlencode(params) if params else ""
