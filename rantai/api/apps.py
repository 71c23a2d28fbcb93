from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rantai.api"
    label = "api"
    verbose_name = "API"
