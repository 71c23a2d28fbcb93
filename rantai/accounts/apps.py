from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    from .services import agency_staff_group_ensure

    agency_staff_group_ensure()


class AccountsConfig(AppConfig):
    name = "rantai.accounts"
    label = "accounts"
    verbose_name = "Akun dan organisasi"

    def ready(self):
        # After every app's migrations (not only ours), so every model's view permission
        # exists by the time the group is refreshed.
        post_migrate.connect(_ensure_groups, dispatch_uid="rantai_agency_group")
