from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "rantai.opendata"
    label = "opendata"
    verbose_name = "Data terbuka (OCDS)"
