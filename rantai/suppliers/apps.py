from django.apps import AppConfig


class SuppliersConfig(AppConfig):
    name = "rantai.suppliers"
    label = "suppliers"
    verbose_name = "Pemasok (UMKM/IKM)"
