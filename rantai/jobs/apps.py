from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "rantai.jobs"
    label = "jobs"
    verbose_name = "Pekerjaan latar belakang"
