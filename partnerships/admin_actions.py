"""Admin actions that act on the staff home's lists: extend or end agreements, record an offer's answer.

Each asks its dates on an intermediate page and writes through the partnerships services, one
record at a time, so a refusal names the record and leaves the others done.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships import services
from partnerships.models import DeclineReason, Outreach


class DayForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Datum"), widget=AdminDateWidget)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Antwoord"), choices=Outreach.Status.choices)
    on = forms.DateField(label=gettext_lazy("Antwoord ontvangen op"), widget=AdminDateWidget, initial=timezone.localdate)
    follow_up_on = forms.DateField(label=gettext_lazy("Volgende opvolging op"), widget=AdminDateWidget, required=False)
    decline_reason = forms.ModelChoiceField(
        label=gettext_lazy("Reden van weigering"), queryset=DeclineReason.objects.filter(is_active=True), required=False
    )
    decline_explanation = forms.CharField(label=gettext_lazy("Toelichting bij de weigering"), max_length=500, required=False)


def ask_and_apply(model_admin, request, queryset, *, form_class, title: str, write) -> TemplateResponse | None:
    """Show the form for the selected records; once it is valid, call `write(record, **cleaned_data)` for each."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        done = 0
        for record in queryset:
            try:
                write(record, **form.cleaned_data)
                done += 1
            except ValidationError as error:
                model_admin.message_user(request, f"{record}: {' '.join(error.messages)}", messages.ERROR)
        if done:
            model_admin.message_user(request, _("%(count)s bijgewerkt.") % {"count": done}, messages.SUCCESS)
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "records": queryset,
        "action": request.POST["action"],
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "opts": model_admin.model._meta,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/partnerships/ask_and_apply.html", context)


@admin.action(description=gettext_lazy("Verlengen tot een datum"), permissions=["change"])
def extend(model_admin, request, queryset):
    return ask_and_apply(
        model_admin,
        request,
        queryset,
        form_class=DayForm,
        title=_("Overeenkomsten verlengen tot"),
        write=lambda agreement, day: services.extend_agreement(agreement=agreement, until=day),
    )


@admin.action(description=gettext_lazy("Beëindigen op een datum"), permissions=["change"])
def end(model_admin, request, queryset):
    return ask_and_apply(
        model_admin,
        request,
        queryset,
        form_class=DayForm,
        title=_("Overeenkomsten beëindigen op (laatste dag)"),
        write=lambda agreement, day: services.end_agreement(agreement=agreement, on=day),
    )


@admin.action(description=gettext_lazy("Antwoord en volgende opvolging noteren"), permissions=["change"])
def answer(model_admin, request, queryset):
    return ask_and_apply(
        model_admin,
        request,
        queryset,
        form_class=AnswerForm,
        title=_("Antwoord op het aanbod noteren"),
        write=lambda outreach, **answer: services.record_answer(outreach=outreach, **answer),
    )
