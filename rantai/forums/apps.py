from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "rantai.forums"
    label = "forums"
    verbose_name = "Forum kemitraan"
