"""The "Meldingen" page: each person switches the kinds of e-mail that apply to their role on or off."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import notifications


class PreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Stuur mij een e-mail bij"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=gettext_lazy("Taal van de e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, user, **kwargs):
        initial = {"kinds": sorted(notifications.enabled_kinds(user)), "language": user.language}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["kinds"].choices = [(kind.code, kind.label) for kind in notifications.kinds_for(user)]


def preferences_page(request, *, template: str):
    """Shown and saved the same way wherever it lives: under /account/ and in the partner portal."""
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        notifications.save_preferences(
            user=request.user, enabled=set(form.cleaned_data["kinds"]), language=form.cleaned_data["language"]
        )
        messages.success(request, _("Uw keuze is bewaard."))
        return redirect(request.path)
    return render(request, template, {"form": form, "has_kinds": bool(form.fields["kinds"].choices)})  # type: ignore[attr-defined]


@login_required
def notification_settings(request):
    return preferences_page(request, template="registration/notifications.html")
