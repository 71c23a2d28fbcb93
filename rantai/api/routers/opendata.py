"""Open data: the OCDS 1.1 release package (the same builder as the public page)."""
from datetime import date

from ninja import Router

from rantai.opendata import ocds

from ..auth import acting
from ..schemas import responses

router = Router(tags=["opendata"])


@router.get("/ocds", response=responses(dict))
def ocds_package(request, since: date | None = None):
    """Needs, awards, contracts and payments as an OCDS 1.1 release package with the
    Indonesian extension; ``since`` keeps processes changed on or after that day. Quote
    amounts never appear; awards appear only after the quote deadline."""
    acting(request)
    return ocds.build_package(base_url=request.build_absolute_uri("/"), since=since)
