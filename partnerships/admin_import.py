"""Importing agreements from the admin: upload, preview (or errors), confirm."""

import base64

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tabular import ALLOWED_SUFFIXES, MAX_UPLOAD_BYTES, TabularFileError, read_rows
from partnerships.importing import COLUMNS, import_agreements

SIGNING_SALT = "partnerships.agreement-import"
PREVIEW_MAX_AGE = 60 * 60


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


def _sign(file_name: str, content: bytes) -> str:
    payload = {"name": file_name, "content": base64.b64encode(content).decode()}
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def _unsign(token: str) -> tuple[str, bytes]:
    payload = signing.loads(token, salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
    return payload["name"], base64.b64decode(payload["content"])


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
        try:
            file_name, content = _unsign(request.POST.get("payload", ""))
        except signing.BadSignature:
            messages.error(request, _("De voorvertoning is verlopen of ongeldig; laad het bestand opnieuw op."))
            return redirect("admin:partnerships_agreement_import")
        result = import_agreements(rows=read_rows(file_name=file_name, content=content, columns=COLUMNS), source=file_name)
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
                    context["payload"] = _sign(upload.name, content)
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
