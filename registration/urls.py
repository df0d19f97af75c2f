"""Public and registrar pages of the registry."""

from django.urls import include, path

from . import views

app_name = "registration"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("contracts/", views.contract_list, name="contract_list"),
    path("contracts/new/", views.contract_create, name="contract_create"),
    path(
        "contracts/new/from-achievement/<int:achievement_pk>/",
        views.contract_from_achievement,
        name="contract_from_achievement",
    ),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("contracts/<int:pk>/file/", views.contract_file, name="contract_file"),
    path("contracts/<int:pk>/attachments/", views.contract_attach, name="contract_attach"),
    path(
        "contracts/<int:pk>/attachments/<int:attachment_pk>/delete/", views.attachment_delete, name="attachment_delete"
    ),
    path("contracts/<int:pk>/submit/", views.contract_submit, name="contract_submit"),
    path("contracts/<int:pk>/resubmit/", views.contract_resubmit, name="contract_resubmit"),
    path("contracts/<int:pk>/withdraw/", views.contract_withdraw, name="contract_withdraw"),
    path("contracts/<int:pk>/object/", views.contract_object, name="contract_object"),
    path("contracts/<int:pk>/amend/", views.contract_request_amendment, name="contract_request_amendment"),
    path("queue/", views.registrar_queue, name="queue"),
    path("contracts/<int:pk>/review/", views.contract_review, name="contract_review"),
    path("contracts/<int:pk>/review/classify/", views.review_classify, name="review_classify"),
    path("contracts/<int:pk>/review/correct/", views.review_correct, name="review_correct"),
    path("contracts/<int:pk>/review/request-material/", views.review_request_material, name="review_request_material"),
    path("contracts/<int:pk>/review/register/", views.review_register, name="review_register"),
    path("contracts/<int:pk>/review/refuse/", views.review_refuse, name="review_refuse"),
    path("contracts/<int:pk>/review/cancel/", views.review_cancel, name="review_cancel"),
    path("contracts/<int:pk>/review/redetermine/", views.review_redetermine, name="review_redetermine"),
    path("contracts/<int:pk>/review/amendments/<int:amendment_pk>/", views.review_amendment, name="review_amendment"),
    path("calendar/", views.calendar, name="calendar"),
    path("certificates/<int:pk>/", views.certificate_download, name="certificate"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("statistics/", include("registration.stats_urls")),
]
