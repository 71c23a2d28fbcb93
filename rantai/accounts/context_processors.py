def organisation(request):
    """Expose the acting membership and organisation to every template."""
    membership = getattr(request, "membership", None)
    return {
        "membership": membership,
        "current_org": membership.organisation if membership else None,
    }
