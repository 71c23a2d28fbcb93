from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "rantai.development"
    label = "development"
    verbose_name = "Pengembangan pemasok"
