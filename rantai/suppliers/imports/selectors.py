"""Reads over import jobs, scoped to the caller's agency organisation."""
from django.db.models import QuerySet

from rantai.accounts.models import Membership
from rantai.jobs.models import Job

from .permissions import may_import
from .runner import IMPORT_KIND


def imports_of(membership: Membership) -> QuerySet[Job]:
    """The organisation's import jobs, newest first."""
    may_import(membership)
    return (Job.objects.filter(kind=IMPORT_KIND, organisation_id=membership.organisation_id)
            .select_related("created_by").order_by("-created_at", "-id"))


def import_counts(job: Job) -> dict:
    """total/imported/updated/unchanged/rejected so far (final once the job is done)."""
    if job.result.get("total") is not None:
        source = job.result
    else:
        source = {**job.checkpoint.get("counts", {}), "total": job.progress_total}
    return {key: source.get(key) or 0 for key in
            ("total", "imported", "updated", "unchanged", "rejected")}
