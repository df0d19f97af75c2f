"""/api/v1/deals/…"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.DealList.as_view(), name="api-deal-list"),
    path("<int:pk>/", views.DealDetail.as_view(), name="api-deal-detail"),
    path("<int:pk>/transition/", views.DealTransition.as_view(), name="api-deal-transition"),
    path("<int:pk>/price/", views.DealPrice.as_view(), name="api-deal-price"),
    path("<int:pk>/lost/", views.DealLost.as_view(), name="api-deal-lost"),
    path("<int:pk>/receipts/", views.DealReceipt.as_view(), name="api-deal-receipts"),
    path("<int:pk>/file-contract/", views.DealFileContract.as_view(), name="api-deal-file-contract"),
    path("<int:pk>/nda/accept/", views.DealNdaAccept.as_view(), name="api-deal-nda-accept"),
    path("enquiries/", views.EnquiryCreate.as_view(), name="api-deal-enquiry-create"),
    path("proposals/", views.ProposalCreate.as_view(), name="api-deal-proposal-create"),
    path("<str:kind>/<int:pk>/accept/", views.ApproachAccept.as_view(), name="api-deal-approach-accept"),
    path("<str:kind>/<int:pk>/decline/", views.ApproachDecline.as_view(), name="api-deal-approach-decline"),
    path("conversations/", views.ConversationList.as_view(), name="api-deal-conversations"),
    path("conversations/<int:pk>/messages/", views.ConversationMessages.as_view(), name="api-deal-messages"),
    path("confidential/<int:achievement_pk>/", views.ConfidentialDetail.as_view(), name="api-deal-confidential"),
    path("notices/", views.NoticeList.as_view(), name="api-deal-notices"),
    path("notices/<int:pk>/objections/", views.NoticeObject.as_view(), name="api-deal-notice-object"),
    path("objections/<int:pk>/resolve/", views.ObjectionResolve.as_view(), name="api-deal-objection-resolve"),
    path("funnel/", views.Funnel.as_view(), name="api-deal-funnel"),
]
