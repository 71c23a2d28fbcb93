"""Who may see an import job: only the agency organisation that started it (404 otherwise,
the same answer for a missing job and someone else's)."""
from django.http import Http404

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import require_membership
from rantai.jobs.models import Job

from .runner import IMPORT_KIND


def may_import(membership: Membership | None) -> Membership:
    """Agency staff of an approved agency; PermissionDenied/OrganisationNotApproved else."""
    return require_membership(membership, kinds=[OrgKind.AGENCY])


def access_import(membership: Membership | None, job_id: int) -> Job:
    """The import job ``job_id`` if ``membership``'s organisation started it, else Http404."""
    may_import(membership)
    job = Job.objects.filter(pk=job_id, kind=IMPORT_KIND,
                             organisation_id=membership.organisation_id).first()
    if job is None:
        raise Http404
    return job
