from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.kbo import format_kbo, normalise_kbo, validate_kbo
from cases.models import Entrepreneur
from core.validators import LONG_TEXT, validate_phone
from partnerships.models import Municipality


class EnterpriseNumberField(forms.CharField):
    """Takes the number as people write it (dots, spaces, `BE`, the old nine digits), keeps the 10 digits, shows them dotted.

    The model field is 10 characters; its `maxlength` would cut `BE 0403 170 701` in the browser before anyone sees why.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", _("Zoals op een factuur: 0403.170.701, BE 0403 170 701 of 403170701."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"placeholder": "0403.170.701", "autocomplete": "off", "spellcheck": "false"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        validate_kbo(value)
        return normalise_kbo(value)

    def prepare_value(self, value):
        return format_kbo(value) if isinstance(value, str) and value.isdigit() else value


class EntrepreneurForm(forms.ModelForm):
    enterprise_number = EnterpriseNumberField(label=_("Ondernemingsnummer"), required=False)

    class Meta:
        model = Entrepreneur
        fields = [
            "name",
            "email",
            "phone",
            "address",
            "municipality",
            "enterprise_number",
            "legal_form",
            "sector",
            "language",
            "anonymised_at",
            "is_synthetic",
        ]


class HelpRequestForm(forms.Form):
    name = forms.CharField(label=_("Uw naam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=50, required=False, validators=[validate_phone])
    municipality = forms.ModelChoiceField(
        label=_("Gemeente van de onderneming"), queryset=Municipality.objects.none(), empty_label=_("Kies een gemeente")
    )
    description = forms.CharField(
        label=_("Waarmee kunnen wij helpen?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=LONG_TEXT,
        help_text=_("Een paar zinnen volstaan. U hoeft geen financiële details te geven."),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef Dyzo toestemming om deze gegevens te verwerken om mijn vraag te behandelen. Eerst lezen alleen "
            "medewerkers van Dyzo mijn vraag. Vindt Dyzo daarna hulp van het OCMW van mijn gemeente nodig, dan geeft "
            "Dyzo mijn naam en mijn vraag door aan dat OCMW."
        ),
        error_messages={"required": _("Zonder uw toestemming kunnen wij uw vraag niet behandelen.")},
    )
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.existing_on(timezone.localdate()).order_by("name_nl")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Geef een e-mailadres of een telefoonnummer, zodat wij u kunnen bereiken."))
        return cleaned

    @property
    def is_spam(self) -> bool:
        """The honeypot: people do not see the field, bots fill it in."""
        return bool(self.data.get("website"))
