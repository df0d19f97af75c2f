"""API v1 routes of the marketplace (mounted at /api/v1/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("institutions/", views.InstitutionListApi.as_view(), name="api-institution-list"),
    path("institutions/<int:pk>/", views.InstitutionDetailApi.as_view(), name="api-institution-detail"),
    path("achievements/", views.AchievementListApi.as_view(), name="api-achievement-list"),
    path("achievements/<int:pk>/", views.AchievementDetailApi.as_view(), name="api-achievement-detail"),
    path("needs/", views.NeedListCreateApi.as_view(), name="api-need-list"),
    path("needs/<int:pk>/", views.NeedDetailApi.as_view(), name="api-need-detail"),
    path("needs/<int:pk>/submit/", views.NeedSubmitApi.as_view(), name="api-need-submit"),
    path("needs/<int:pk>/close/", views.NeedCloseApi.as_view(), name="api-need-close"),
    path("needs/<int:pk>/approve/", views.NeedApproveApi.as_view(), name="api-need-approve"),
    path("needs/<int:pk>/reject/", views.NeedRejectApi.as_view(), name="api-need-reject"),
    path("taxonomies/technical-fields/", views.TechnicalFieldListApi.as_view(), name="api-technical-fields"),
    path("taxonomies/industry-chains/", views.IndustryChainListApi.as_view(), name="api-industry-chains"),
    path("taxonomies/industry-chains/tree/", views.IndustryChainTreeApi.as_view(), name="api-industry-chain-tree"),
    path("taxonomies/readiness-levels/", views.ReadinessLevelListApi.as_view(), name="api-readiness-levels"),
    path("taxonomies/ip-types/", views.IPTypeListApi.as_view(), name="api-ip-types"),
    path("taxonomies/transfer-modes/", views.TransferModeListApi.as_view(), name="api-transfer-modes"),
    path("taxonomies/regions/", views.RegionListApi.as_view(), name="api-regions"),
]
