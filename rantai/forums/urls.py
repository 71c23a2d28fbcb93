from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("baru/", views.event_create, name="create"),
    path("<int:event_id>/", views.event_detail, name="event"),
    path("<int:event_id>/buka/", views.event_open, name="open"),
    path("<int:event_id>/pembeli/", views.seat_add, name="seat-add"),
    path("<int:event_id>/kebutuhan/", views.need_add, name="need-add"),
    path("<int:event_id>/daftar/", views.register, name="register"),
    path("<int:event_id>/permintaan/", views.request_create, name="request-create"),
    path("<int:event_id>/permintaan/<int:request_id>/jawab/", views.request_decide, name="request-decide"),
    path("<int:event_id>/permintaan/<int:request_id>/batal/", views.request_cancel, name="request-cancel"),
    path("<int:event_id>/jadwal/", views.schedule_start, name="schedule"),
    path("<int:event_id>/jadwal/<int:run_id>/", views.run_detail, name="run"),
    path("<int:event_id>/jadwal/<int:run_id>/terbitkan/", views.run_publish, name="run-publish"),
    path("<int:event_id>/agenda/", views.agenda, name="agenda"),
    path("<int:event_id>/agenda.ics", views.agenda_calendar, name="agenda-ics"),
    path("<int:event_id>/denah/", views.floor, name="floor"),
    path("<int:event_id>/hadir/", views.checkin, name="checkin"),
    path("<int:event_id>/langsung/", views.walk_in, name="walk-in"),
    path("<int:event_id>/pertemuan/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("<int:event_id>/pertemuan/<int:meeting_id>/kehadiran/", views.attendance, name="attendance"),
    path("<int:event_id>/laporan/", views.report, name="report"),
    path("<int:event_id>/impor/", views.import_list, name="import"),
    path("<int:event_id>/ekspor/<str:kind>.<str:fmt>", views.export_list, name="export"),
]
