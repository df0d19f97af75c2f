"""Deal-flow pages under /deals/."""

from django.urls import path

from . import views

app_name = "dealflow"

urlpatterns = [
    path("", views.board, name="board"),
    path("inbox/", views.inbox, name="inbox"),
    path("notifications/", views.notifications, name="notifications"),
    path("enquire/<int:achievement_pk>/", views.enquiry_new, name="enquire"),
    path("propose/<int:need_pk>/", views.proposal_new, name="propose"),
    path("conversations/<int:pk>/", views.conversation, name="conversation"),
    path("conversations/<int:pk>/answer/", views.conversation_answer, name="conversation_answer"),
    path("conversations/<int:pk>/invite/", views.conversation_invite, name="conversation_invite"),
    path(
        "conversations/<int:pk>/attachments/<int:attachment_pk>/",
        views.message_attachment,
        name="message_attachment",
    ),
    path("<int:pk>/", views.deal_detail, name="deal"),
    path("<int:pk>/transition/", views.deal_transition, name="deal_transition"),
    path("<int:pk>/price/", views.deal_price, name="deal_price"),
    path("<int:pk>/lost/", views.deal_lost, name="deal_lost"),
    path("<int:pk>/receipts/", views.deal_receipt, name="deal_receipt"),
    path("<int:pk>/file-contract/", views.deal_file_contract, name="deal_file_contract"),
    path("<int:pk>/nda/", views.nda_sign, name="nda_sign"),
    path("nda/", views.nda_edit, name="nda_edit"),
    path("confidential/<int:achievement_pk>/", views.confidential_view, name="confidential"),
    path("confidential/<int:achievement_pk>/edit/", views.confidential_edit, name="confidential_edit"),
    path("confidential/files/<int:file_pk>/", views.confidential_download, name="confidential_download"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("bureau/", views.bureau, name="bureau"),
    path("bureau/export.xlsx", views.bureau_export, name="bureau_export"),
    path("bureau/objections/<int:pk>/resolve/", views.objection_resolve, name="objection_resolve"),
    path("my/", views.institution_dashboard, name="dashboard"),
]
