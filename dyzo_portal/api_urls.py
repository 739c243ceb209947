from django.urls import path
from rest_framework.routers import DefaultRouter

from cases.api import ActivityViewSet, CaseViewSet, ReferralViewSet
from partnerships.api import AgreementViewSet, MunicipalityViewSet, OrganisationViewSet, OutreachViewSet, ProvinceViewSet
from reports.api import report
from trainings.api import RegistrationViewSet, TrainingSessionViewSet

router = DefaultRouter()
router.register("provinces", ProvinceViewSet)
router.register("municipalities", MunicipalityViewSet)
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("outreach", OutreachViewSet)
router.register("cases", CaseViewSet, basename="case")
router.register("activities", ActivityViewSet, basename="activity")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("training-sessions", TrainingSessionViewSet)
router.register("registrations", RegistrationViewSet, basename="registration")

urlpatterns = [
    path("reports/<slug:name>/", report, name="api-report"),
    *router.urls,
]
