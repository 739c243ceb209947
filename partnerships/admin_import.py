"""Importing agreements from the admin: upload, preview (or errors), confirm.

Between preview and confirmation the file stays on the server (core.pending_uploads); the form
carries only its key, so a file of any allowed size confirms as it previewed.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import pending_uploads
from core.tabular import ALLOWED_SUFFIXES, MAX_UPLOAD_BYTES, TabularFileError, read_rows
from partnerships.importing import COLUMNS, import_agreements


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand (CSV of XLSX)"),
        help_text=gettext_lazy("Kolommen: nis,partij,vorm,begin,einde,jaarbedrag. Maximaal 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(_("Alleen CSV- en XLSX-bestanden kunnen ingelezen worden."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload


def import_view(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Overeenkomsten importeren"),
        "columns": COLUMNS,
    }
    form = UploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        file_name, content = pending_uploads.take(user=request.user, key=request.POST.get("upload", ""))
        try:
            rows = read_rows(file_name=file_name, content=content, columns=COLUMNS)
        except TabularFileError as error:
            messages.error(request, str(error))
            return redirect("admin:partnerships_agreement_import")
        result = import_agreements(rows=rows, source=file_name)
        if result.ok:
            messages.success(request, _("%(count)s overeenkomst(en) ingelezen.") % {"count": result.created})
            return redirect("admin:partnerships_agreement_changelist")
        context.update(result=result, file_name=file_name)
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            try:
                rows = read_rows(file_name=upload.name, content=content, columns=COLUMNS)
            except TabularFileError as error:
                form.add_error("file", str(error))
            else:
                result = import_agreements(rows=rows, dry_run=True)
                context.update(result=result, file_name=upload.name)
                if result.ok:
                    context["upload"] = pending_uploads.keep(user=request.user, file_name=upload.name, content=content)
    context["form"] = form
    return TemplateResponse(request, "admin/partnerships/agreement/import.html", context)


def import_urls(model_admin):
    return [
        path(
            "importeren/",
            model_admin.admin_site.admin_view(lambda request: import_view(request, model_admin)),
            name="partnerships_agreement_import",
        )
    ]
