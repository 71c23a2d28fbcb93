"""Tell the person what an action did: the one pattern every POST-and-redirect view shares."""
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError


def run_and_report(request, action: Callable[[], object], success: str) -> bool:
    """Run ``action``; flash ``success``, or the service's own error messages (already in
    the user's language). Returns whether it succeeded."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True
