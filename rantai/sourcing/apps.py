from django.apps import AppConfig


class SourcingConfig(AppConfig):
    name = "rantai.sourcing"
    label = "sourcing"
    verbose_name = "Pengadaan"
