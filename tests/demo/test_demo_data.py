"""The demo data reproduces the published figures of the source documents through the status rule."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from demo.trainings import ensure_open_session
from partnerships.models import Agreement, ConsultationDay, Outreach
from partnerships.selectors import cooperation_by_province, cooperation_statuses
from trainings.models import Registration, TrainingSession
from trainings.selectors import open_sessions

pytestmark = pytest.mark.django_db
END_2016 = datetime.date(2016, 12, 31)
END_2018 = datetime.date(2018, 12, 31)


def seed_002(form_prefix):
    with (settings.FIXTURES_DIR / "demo" / "agreements_2016.csv").open(encoding="utf-8") as handle:
        return {row["name"] for row in csv.DictReader(handle) if row["form"].startswith(form_prefix)}


def column(rows, key):
    return [row[key] for row in rows]


def test_89_agreements_of_seed_002_are_in_force_at_the_end_of_2016(demo_data):
    statuses = cooperation_statuses(on=END_2016).filter(status_form__in=Agreement.SUBSCRIPTION_FORMS)

    assert set(statuses.values_list("name_nl", flat=True)) == seed_002("overeenkomst") and statuses.count() == 89


def test_25_of_them_have_a_zitdag(demo_data):
    with_day = cooperation_statuses(on=END_2016).filter(status_form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY)

    assert with_day.count() == 25


def test_the_18_per_case_ocmws_of_2016_are_recorded_with_the_discrepancy_noted(demo_data):
    per_case_2016 = Agreement.objects.filter(form=Agreement.Form.PER_CASE, is_synthetic=False)

    assert set(per_case_2016.values_list("municipality__name_nl", flat=True)) == seed_002("per_dossier")
    assert all("noemt er 18" in agreement.notes for agreement in per_case_2016)


def test_the_real_agreements_say_their_start_date_is_assumed(demo_data):
    real = Agreement.objects.filter(is_synthetic=False, form__startswith="overeenkomst")

    assert all("01/01/2015 aangenomen" in agreement.notes for agreement in real)


def test_seed_000_coverage_on_1_january_2017(demo_data):
    total = cooperation_by_province(on=datetime.date(2017, 1, 1))[-1]

    assert (total["total"], total["per_case"]) == (123, 23)


def test_seed_001_first_table_on_31_december_2018(demo_data):
    rows = cooperation_by_province(on=END_2018)

    assert column(rows, "agreement") == [18, 4, 17, 18, 54, 111]
    assert column(rows, "per_case") == [11, 6, 9, 8, 1, 35]
    assert column(rows, "remote_advice") == [1, 1, 1, 0, 0, 3]
    assert column(rows, "total") == [30, 11, 27, 26, 55, 149]


def test_seed_001_party_table_on_31_december_2018(demo_data):
    rows = cooperation_by_province(on=END_2018)

    assert column(rows, "gemeente") == [0, 1, 4, 1, 1, 7]
    assert column(rows, "ocmw") == [18, 3, 13, 17, 53, 104]
    assert column(rows, "both") == [0, 0, 0, 0, 0, 0]


def test_seed_001_no_cooperation_table_on_31_december_2018(demo_data):
    assert column(cooperation_by_province(on=END_2018), "none") == [40, 33, 38, 39, 9, 159]


def test_decline_reasons_rank_in_the_order_seed_001_lists_them(demo_data):
    declined = Outreach.objects.filter(status=Outreach.Status.DECLINED)
    counts = [declined.filter(decline_reason__position=position).count() for position in (1, 2, 3, 4)]

    assert counts == sorted(counts, reverse=True) and counts[-1] > 0


def test_the_continuation_lives_on_the_285_municipalities_from_2025(demo_data):
    total = cooperation_by_province(on=datetime.date(2025, 6, 30))[-1]

    assert total["total"] + total["none"] == 285 and total["total"] > 0


def test_every_record_after_2016_is_marked_synthetic(demo_data):
    after_2016 = Agreement.objects.filter(start_date__gt=END_2016)

    assert not after_2016.filter(is_synthetic=False).exists()
    assert all(record.is_synthetic for record in Outreach.objects.all())


@pytest.mark.usefixtures("development_mode")
def test_loading_again_changes_nothing(demo_data):
    before = (Agreement.objects.count(), Outreach.objects.count())

    call_command("load_demo_data", verbosity=0)

    assert (Agreement.objects.count(), Outreach.objects.count()) == before


@pytest.mark.usefixtures("development_mode")
def test_a_reset_regenerates_the_same_data(demo_data):
    before = sorted(Agreement.objects.values_list("municipality__nis_code", "party", "form", "start_date", "end_date"))

    call_command("load_demo_data", "--reset", "--yes", verbosity=0)

    assert sorted(Agreement.objects.values_list("municipality__nis_code", "party", "form", "start_date", "end_date")) == before


@pytest.mark.parametrize(
    ("email", "password", "is_staff"),
    [
        ("dyzo@dyzo.be", "dyzo-demo-2026", True),
        ("dossier@dyzo.be", "dossier-demo-2026", True),
        ("ocmw.gent@gent.example", "gent-demo-2026", False),
        ("beleid@vlaanderen.example", "beleid-demo-2026", False),
    ],
)
def test_the_demo_logins_work_with_their_role(demo_data, email, password, is_staff):
    user = authenticate(RequestFactory().post("/account/login/"), username=email, password=password)

    assert user is not None and user.is_staff == is_staff


def test_the_partner_login_belongs_to_ocmw_gent(demo_data):
    user = authenticate(RequestFactory().post("/account/login/"), username="ocmw.gent@gent.example", password="gent-demo-2026")

    assert [str(membership.organisation) for membership in user.memberships.all()] == ["OCMW Gent"]


@pytest.mark.usefixtures("development_mode")
def test_the_command_prints_the_demo_logins(demo_data):
    out = io.StringIO()

    call_command("load_demo_data", stdout=out)

    assert "ocmw.gent@gent.example" in out.getvalue() and "gent-demo-2026" in out.getvalue()


def test_the_demo_partner_has_a_session_to_register_for(demo_data):
    assert open_sessions(today=timezone.localdate()).exists()


def test_when_the_demo_sessions_have_aged_a_new_one_opens(demo_data):
    later = datetime.date(2040, 1, 1)

    ensure_open_session(today=later)

    assert open_sessions(today=later).get().date == datetime.date(2040, 2, 12)


def test_the_demo_partner_sees_upcoming_zitdagen_and_its_contact_at_dyzo(demo_data, client):
    client.post(reverse("login"), {"username": "ocmw.gent@gent.example", "password": "gent-demo-2026"})

    page = client.get(reverse("portal:dashboard")).text

    assert "Uw contactpersoon bij Dyzo: Sofie Peeters" in page and "Geen zitdagen gepland." not in page


def test_the_demo_spreads_cases_by_cooperation_form(demo_data):
    counts = {basis: Case.objects.filter(funding_basis=basis).count() for basis in Case.FundingBasis.values}

    assert counts["abonnement"] > counts["per_dossier"] > 0 and all(case.is_synthetic for case in Case.objects.all()[:50])


def test_the_current_year_has_cases_so_far_and_none_after_today(demo_data):
    today = timezone.localdate()
    this_year = Case.objects.filter(opened_on__year=today.year)

    assert this_year.count() > 10 and not Case.objects.filter(opened_on__gt=today).exists()
    assert not Case.objects.filter(closed_on__gt=today).exists()


def test_the_current_year_has_sessions_and_so_have_the_coming_three_months(demo_data):
    today = timezone.localdate()
    sessions = TrainingSession.objects.filter(date__year=today.year)
    months = {(session.date.year, session.date.month) for session in TrainingSession.objects.filter(date__gt=today)}

    assert sessions.filter(date__lte=today).exists()
    assert {(today.year + (today.month + ahead - 1) // 12, (today.month + ahead - 1) % 12 + 1) for ahead in (1, 2, 3)} <= months


def test_sessions_are_attended_only_once_they_took_place(demo_data):
    today = timezone.localdate()
    registrations = Registration.objects.filter(session__is_synthetic=True)

    assert not registrations.filter(session__date__gte=today, attended__isnull=False).exists()
    assert registrations.filter(session__date__year=today.year, session__date__lt=today, attended=True).exists()


def test_zitdagen_are_planned_in_the_coming_months(demo_data):
    today = timezone.localdate()

    assert ConsultationDay.objects.filter(date__gt=today, date__lte=today + datetime.timedelta(days=100)).exists()


def test_municipalities_cooperate_today_and_agreements_change_this_year(demo_data):
    today = timezone.localdate()

    assert cooperation_by_province(on=today)[-1]["total"] > 100
    assert Agreement.objects.filter(start_date__year=today.year, is_synthetic=True).exists()


def test_the_demo_partner_sees_the_agreement_its_municipality_works_under(demo_data, client):
    client.post(reverse("login"), {"username": "ocmw.gent@gent.example", "password": "gent-demo-2026"})

    dashboard = client.get(reverse("portal:dashboard"))
    summary = client.get(reverse("portal:summary"))

    assert "<td>Overeenkomst" in dashboard.text and "Vandaag is geen overeenkomst van kracht" not in dashboard.text
    assert summary.context["summary"]["agreements"] and "Geen overeenkomst in dit jaar" not in summary.text
