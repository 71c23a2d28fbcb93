from django.urls import path

from . import views

app_name = "suppliers"
urlpatterns = [
    path("beranda/", views.home, name="home"),
    path("profil/", views.profile_edit, name="profile-edit"),
    path("profil/tarik/", views.profile_unpublish, name="profile-unpublish"),
    path("", views.directory, name="directory"),
    path("<int:profile_id>/", views.detail, name="detail"),
]
