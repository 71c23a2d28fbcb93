from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "rantai.notifications"
    verbose_name = "Notifikasi"
