"""Which function runs a job of each kind.

A handler is ``handler(ctx: JobContext) -> dict | None``: it does the work, checkpoints with
``ctx.save`` inside its own transactions, and returns the result (or finishes the job itself
with ``ctx.finish`` in its last transaction). Handlers are named by dotted path so this app
imports no domain code until a job of that kind runs; ``settings.JOB_HANDLERS`` may add or
replace kinds (tests use it for throwaway handlers).
"""
from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

HANDLERS = {
    "supplier.import": "rantai.suppliers.imports.runner.run_import",
    "supplier.export": "rantai.suppliers.export_jobs.run_export",
    "matching.need_alerts": "rantai.matching.services.run_alert_job",
    "forum.schedule": "rantai.forums.scheduling.run_schedule_job",
}


def handler_for(kind: str) -> Callable:
    """The handler for ``kind``; KeyError for a kind nobody registered."""
    handlers = {**HANDLERS, **getattr(settings, "JOB_HANDLERS", {})}
    return import_string(handlers[kind])
