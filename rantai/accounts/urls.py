from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"
urlpatterns = [
    path("daftar/", views.signup, name="signup"),
    path("masuk/", auth_views.LoginView.as_view(template_name="accounts/login.html"),
         name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("menunggu/", views.pending, name="pending"),
    path("pengaturan/", views.settings_page, name="settings"),
    path("pengaturan/token/", views.token_create, name="token-create"),
    path("pengaturan/token/<int:token_id>/cabut/", views.token_revoke, name="token-revoke"),
    path("pengaturan/data-saya/", views.data_export, name="data-export"),
    path("pengaturan/hapus-data/", views.deletion_request, name="deletion-request"),
    path("organisasi/<int:org_id>/pilih/", views.switch_organisation, name="switch-org"),
    path("lupa-sandi/", auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        success_url=reverse_lazy("accounts:password-reset-done")), name="password-reset"),
    path("lupa-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password-reset-done"),
    path("lupa-sandi/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete")),
        name="password-reset-confirm"),
    path("lupa-sandi/selesai/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password-reset-complete"),
]
