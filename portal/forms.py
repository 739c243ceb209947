"""The partner portal's forms; the rules behind them live in the services they feed."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import REASON_MAX_LENGTH, Approval, Case
from core.api_filters import YearFilter
from core.validators import LONG_TEXT, validate_phone
from core.years import YearField
from partnerships.models import Membership


class ReferralForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam van de ondernemer"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    phone = forms.CharField(label=gettext_lazy("Telefoon"), max_length=50, required=False, validators=[validate_phone])
    phase = forms.ChoiceField(label=gettext_lazy("Fase"), choices=Case.Phase.choices)
    situation = forms.CharField(label=gettext_lazy("Situatie"), widget=forms.Textarea(attrs={"rows": 5}), max_length=LONG_TEXT)


class ApprovalForm(forms.Form):
    """No decision is chosen in advance: the local authority picks one itself (the rules are in Approval.clean)."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Beslissing"),
        choices=Approval.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies of u de betaling goedkeurt of weigert.")},
    )
    amount = forms.DecimalField(label=gettext_lazy("Bedrag (EUR)"), required=False, min_value=0, max_digits=10, decimal_places=2)
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Verplicht bij een weigering."),
    )
    decided_by_name = forms.CharField(label=gettext_lazy("Naam van wie beslist"), max_length=200)


class CaseFilter(django_filters.FilterSet):
    """The partner's case list: search by the entrepreneur's name, filter by status and opening year."""

    q = django_filters.CharFilter(
        label=gettext_lazy("Naam van de ondernemer"), field_name="entrepreneur__name", lookup_expr="icontains", max_length=200
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Case.Status.choices, empty_label=gettext_lazy("Alle")
    )
    jaar = YearFilter(label=gettext_lazy("Jaar van opening"), field_name="opened_on")

    class Meta:
        model = Case
        fields: list[str] = []


class InvitationForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("Voornaam"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Familienaam"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail"), help_text=gettext_lazy("Uw collega meldt zich hiermee aan."))
    role = forms.ChoiceField(label=gettext_lazy("Rol"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RegistrationForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=gettext_lazy("Collega met een account"), queryset=get_user_model().objects.none(), required=False, empty_label="–"
    )
    name = forms.CharField(label=gettext_lazy("Of de naam van een andere collega"), max_length=200, required=False)
    function = forms.CharField(label=gettext_lazy("Functie"), max_length=200, required=False)
    participant_email = forms.EmailField(
        label=gettext_lazy("E-mailadres van de deelnemer"),
        required=False,
        help_text=gettext_lazy(
            "Voor de herinnering een week vooraf en het bericht als een plaats vrijkomt. Leeg bij een collega met "
            "een account: dan diens e-mailadres; zonder adres krijgt u die berichten."
        ),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        colleague = self.fields["colleague"]
        colleague.queryset = (
            get_user_model()
            .objects.filter(memberships__organisation=organisation, is_active=True)
            .order_by("last_name", "first_name", "email")
        )
        colleague.label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def clean(self):
        data = super().clean()
        colleague, name = data.get("colleague"), data.get("name", "").strip()
        if bool(colleague) == bool(name):
            raise ValidationError(_("Kies een collega uit de lijst óf vul de naam van een collega in."))
        data["participant"] = name or colleague.get_full_name() or colleague.get_username()
        if not data.get("participant_email") and colleague:
            data["participant_email"] = colleague.email
        return data


class SummaryYearForm(forms.Form):
    jaar = YearField(required=False)
