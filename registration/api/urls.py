"""API v1 routes of the registry (mounted at /api/v1/registration/)."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("contracts/", views.ContractListCreate.as_view(), name="registration-api-contracts"),
    path("contracts/prefill/", views.ContractPrefill.as_view(), name="registration-api-prefill"),
    path("contracts/<int:pk>/", views.ContractDetail.as_view(), name="registration-api-contract"),
    path("contracts/<int:pk>/attachments/", views.ContractAttach.as_view(), name="registration-api-attach"),
    path("contracts/<int:pk>/precheck/", views.ContractPrecheck.as_view(), name="registration-api-precheck"),
    path("contracts/<int:pk>/submit/", views.ContractSubmit.as_view(), name="registration-api-submit"),
    path("contracts/<int:pk>/resubmit/", views.ContractResubmit.as_view(), name="registration-api-resubmit"),
    path("contracts/<int:pk>/withdraw/", views.ContractWithdraw.as_view(), name="registration-api-withdraw"),
    path("contracts/<int:pk>/classify/", views.ContractClassify.as_view(), name="registration-api-classify"),
    path("contracts/<int:pk>/correct-amount/", views.ContractCorrectAmount.as_view(), name="registration-api-correct"),
    path(
        "contracts/<int:pk>/request-material/",
        views.ContractRequestMaterial.as_view(),
        name="registration-api-material",
    ),
    path("contracts/<int:pk>/register/", views.ContractRegister.as_view(), name="registration-api-register"),
    path("contracts/<int:pk>/refuse/", views.ContractRefuse.as_view(), name="registration-api-refuse"),
    path("contracts/<int:pk>/cancel/", views.ContractCancel.as_view(), name="registration-api-cancel"),
    path("contracts/<int:pk>/object/", views.ContractObject.as_view(), name="registration-api-object"),
    path("contracts/<int:pk>/redetermine/", views.ContractRedetermine.as_view(), name="registration-api-redetermine"),
    path("contracts/<int:pk>/amendments/", views.ContractRequestAmendment.as_view(), name="registration-api-amend"),
    path(
        "contracts/<int:pk>/amendments/<int:amendment_pk>/decide/",
        views.AmendmentDecide.as_view(),
        name="registration-api-amendment-decide",
    ),
    path("queue/", views.RegistrarQueue.as_view(), name="registration-api-queue"),
    path("verify/", views.Verify.as_view(), name="registration-api-verify"),
    path("rulesets/<str:key>/", views.RuleSetDetail.as_view(), name="registration-api-ruleset"),
    path("statistics/", include("registration.api.stats")),
]
