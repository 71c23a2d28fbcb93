from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rantai.core"
    label = "core"
    verbose_name = "Inti"
