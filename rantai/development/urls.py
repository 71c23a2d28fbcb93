from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.home, name="home"),
    path("pesanan/<int:order_id>/", views.rate_order, name="rate-order"),
    path("pesanan/<int:order_id>/masukan/", views.feedback_create, name="feedback-create"),
    path("pemasok/<int:profile_id>/", views.supplier_scorecard, name="supplier-scorecard"),
    path("pembeli/", views.buyer_scorecards, name="buyer-scorecards"),
    path("rencana/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path("rencana/<int:plan_id>/pendamping/", views.plan_assign, name="plan-assign"),
    path("rencana/<int:plan_id>/tindakan/", views.plan_action_add, name="plan-action-add"),
    path("rencana/<int:plan_id>/tindakan/<int:action_id>/selesai/", views.plan_action_done,
         name="plan-action-done"),
    path("rencana/<int:plan_id>/minta-periksa/", views.plan_request_recheck, name="plan-request-recheck"),
    path("rencana/<int:plan_id>/periksa-ulang/", views.plan_recheck, name="plan-recheck"),
    path("program/", views.programme_list, name="programmes"),
    path("program/<int:programme_id>/", views.programme_detail, name="programme-detail"),
    path("program/<int:programme_id>/daftar/", views.programme_enrol, name="programme-enrol"),
    path("program/<int:programme_id>/peserta/<int:enrolment_id>/", views.enrolment_finish,
         name="enrolment-finish"),
    path("program/<int:programme_id>/pertemuan/", views.programme_session, name="programme-session"),
    path("program/<int:programme_id>/status/", views.programme_status, name="programme-status"),
    path("kesenjangan/", views.gaps, name="gaps"),
    path("naik-kelas/", views.scale_ups, name="scale-ups"),
]
