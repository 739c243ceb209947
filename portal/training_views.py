"""Trainings in the partner portal: register colleagues, cancel, and see who attended.

The rules (capacity, waiting list, deadline, duplicates, own organisation) live in
`trainings.services`; these views show their Dutch errors on the form.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import show_errors
from portal.forms import RegistrationForm
from portal.views import partner_organisations, partner_required
from trainings import selectors, services
from trainings.models import Registration, TrainingSession


@partner_required
def trainings(request):
    today = timezone.localdate()
    return render(
        request,
        "portal/trainings.html",
        {
            "sessions": selectors.open_sessions(today=today, for_organisations=partner_organisations(request.user)),
            "registrations": selectors.upcoming_registrations(user=request.user, today=today),
        },
    )


@partner_required
def register(request, session_id: int):
    session = get_object_or_404(TrainingSession.objects.select_related("organiser"), pk=session_id)
    organisation = partner_organisations(request.user).first()
    form = RegistrationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["participant"]
        try:
            registration = services.register(
                session=session,
                name=name,
                function=form.cleaned_data["function"],
                participant_email=form.cleaned_data["participant_email"],
                organisation=organisation,
                registered_by=request.user,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if registration.status == Registration.Status.WAITING:
                messages.warning(
                    request,
                    _("De sessie is volzet: %(name)s staat op de wachtlijst en krijgt een plaats zodra iemand annuleert.")
                    % {"name": name},
                )
            else:
                messages.success(request, _("%(name)s is ingeschreven.") % {"name": name})
            return redirect("portal:trainings")
    return render(request, "portal/training_register.html", {"form": form, "session": session, "organisation": organisation})


@partner_required
def cancel(request, registration_id: int):
    registration = get_object_or_404(Registration.objects.visible_to(request.user).select_related("session"), pk=registration_id)
    if request.method != "POST":
        return render(request, "portal/training_cancel.html", {"registration": registration})
    try:
        promoted = services.cancel_registration(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De inschrijving van %(name)s is geannuleerd.") % {"name": registration.name})
        if promoted:
            messages.info(request, _("De vrijgekomen plaats gaat naar de eerste op de wachtlijst."))
    return redirect("portal:trainings")


@partner_required
def history(request):
    return render(
        request,
        "portal/training_history.html",
        {"registrations": selectors.attendance_history(user=request.user, today=timezone.localdate())},
    )
