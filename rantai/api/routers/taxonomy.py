"""Reference data search for pickers: KBLI 2020 codes and regencies."""
from ninja import Router

from rantai.taxonomy.selectors import kbli_search, regency_search

from ..auth import acting
from ..schemas import KbliOut, RegencyOut, responses

router = Router(tags=["taxonomy"])


@router.get("/kbli", response=responses(list[KbliOut]))
def kbli(request, q: str = ""):
    """Up to 20 five-digit KBLI 2020 codes whose code starts with, or title contains, ``q``."""
    acting(request)
    return list(kbli_search(q))


@router.get("/regencies", response=responses(list[RegencyOut]))
def regencies(request, q: str = ""):
    """Up to 20 regencies whose code starts with, or name or province contains, ``q``."""
    acting(request)
    return list(regency_search(q))
