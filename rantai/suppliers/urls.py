from django.urls import path

from . import views

app_name = "suppliers"
urlpatterns = [
    path("beranda/", views.home, name="home"),
    path("profil/", views.profile_edit, name="profile-edit"),
    path("profil/tarik/", views.profile_unpublish, name="profile-unpublish"),
    path("profil/kelola/", views.manage, name="manage"),
    path("profil/produk/<int:product_id>/", views.product_edit, name="product-edit"),
    path("profil/kemampuan/", views.capability_add, name="capability-add"),
    path("profil/kemampuan/<int:capability_id>/hapus/", views.capability_remove,
         name="capability-remove"),
    path("profil/sertifikat/", views.certificate_add, name="certificate-add"),
    path("profil/sertifikat/<int:certificate_id>/hapus/", views.certificate_remove,
         name="certificate-remove"),
    path("profil/verifikasi/", views.verification_request, name="verification-request"),
    path("verifikasi/", views.verification_list, name="verification"),
    path("verifikasi/<int:profile_id>/", views.verification_decide, name="verification-decide"),
    path("klaim/", views.claim, name="claim"),
    path("klaim/<int:claim_id>/putuskan/", views.claim_decide, name="claim-decide"),
    path("", views.directory, name="directory"),
    path("<int:profile_id>/", views.detail, name="detail"),
]
