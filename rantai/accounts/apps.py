from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rantai.accounts"
    label = "accounts"
    verbose_name = "Akun dan organisasi"
