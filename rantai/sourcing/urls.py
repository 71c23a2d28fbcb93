from django.urls import path

from . import views

app_name = "sourcing"
urlpatterns = [
    path("kebutuhan/", views.need_list, name="need-list"),
    path("kebutuhan/baru/", views.need_create, name="need-create"),
    path("kebutuhan/<int:need_id>/", views.need_detail, name="need-detail"),
    path("kebutuhan/<int:need_id>/terbitkan/", views.need_publish, name="need-publish"),
    path("kebutuhan/<int:need_id>/ubah/", views.need_amend, name="need-amend"),
    path("kebutuhan/<int:need_id>/undang/", views.need_invite, name="need-invite"),
    path("kebutuhan/<int:need_id>/penawaran/", views.quote_submit, name="quote-submit"),
    path("kebutuhan/<int:need_id>/penawaran/tarik/", views.quote_withdraw, name="quote-withdraw"),
    path("kebutuhan/<int:need_id>/penawaran/konfirmasi/", views.quote_confirm,
         name="quote-confirm"),
    path("kebutuhan/<int:need_id>/tanya/", views.question_ask, name="question-ask"),
    path("kebutuhan/<int:need_id>/tanya/<int:clarification_id>/jawab/", views.question_answer,
         name="question-answer"),
    path("kebutuhan/<int:need_id>/baris/<int:line_id>/lampiran/", views.line_attachment,
         name="line-attachment"),
    path("kebutuhan/<int:need_id>/penawaran/<int:quote_id>/lampiran/", views.quote_attachment,
         name="quote-attachment"),
    path("kebutuhan/<int:need_id>/pemenang/", views.need_award, name="need-award"),
    path("pesanan/", views.order_list, name="order-list"),
    path("pesanan/<int:order_id>/", views.order_detail, name="order-detail"),
    path("pesanan/<int:order_id>/terima/", views.order_accept, name="order-accept"),
    path("pesanan/<int:order_id>/bast/", views.order_deliver, name="order-deliver"),
    path("pesanan/<int:order_id>/bast/<int:delivery_id>/tagih/", views.invoice_create,
         name="invoice-create"),
    path("pesanan/<int:order_id>/bayar/", views.order_pay, name="order-pay"),
    path("kepatuhan/", views.compliance, name="compliance"),
]
