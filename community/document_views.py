"""The documents of a case: the author adds, renames and removes them on the case's
"Foto's en documenten" page (``community.media_views``); everyone who may read the case
downloads them."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from cocreatie.core import media
from cocreatie.core.views import OnceOnlyMixin
from community import documents
from community.document_forms import DocumentForm, DocumentTitleForm
from community.models import Case, CaseDocument

# Field ids of their own: the photo forms on the same page have fields with the same names.
DOCUMENT_IDS = "id_document-%s"
# A document is never shown by the site: the browser saves it. Should it be opened from
# this address anyway, it runs in a sandbox without scripts, plugins or the site's origin.
DOWNLOAD_HEADERS = {
    "Content-Security-Policy": "sandbox; default-src 'none'; frame-ancestors 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def media_page(case: Case) -> str:
    return reverse("community:case_media", kwargs={"slug": case.slug})


def documents_context(
    case: Case,
    user,
    *,
    document_form: DocumentForm | None = None,
    title_form: DocumentTitleForm | None = None,
    title_document: CaseDocument | None = None,
) -> dict:
    """What ``community/_case_media_documents.html`` needs: the documents, each with a
    form for its title (the refused one keeps what was typed), and the form to add one."""
    rows = []
    for document in case.documents.all():
        if title_document is not None and document.pk == title_document.pk:
            rows.append((document, title_form))
        else:
            rows.append((document, title_form_for(document)))
    return {
        "document_rows": rows,
        "document_form": document_form or DocumentForm(auto_id=DOCUMENT_IDS),
        "documents_editable": case.can_edit(user),
        "documents_left": len(rows) < documents.MAX_DOCUMENTS,
        "max_documents": documents.MAX_DOCUMENTS,
    }


def title_form_for(document: CaseDocument, data=None) -> DocumentTitleForm:
    return DocumentTitleForm(
        data, auto_id=f"id_document-{document.pk}-%s", initial={"title": document.title}
    )


class AuthorDocumentMixin(LoginRequiredMixin):
    """The logged-in author's own case (and document), while they may change it; 404 for
    anyone else, as on the page these forms are on."""

    def get_case(self) -> Case:
        case = get_object_or_404(Case, slug=self.kwargs["slug"], author=self.request.user)
        if not case.can_edit(self.request.user):
            raise Http404("The documents of this case cannot be changed now.")
        return case

    def get_document(self, case: Case) -> CaseDocument:
        return get_object_or_404(CaseDocument, pk=self.kwargs["pk"], case=case)

    def refused(self, case: Case, **forms):
        """The media page again, with the refused form and what the member typed."""
        from community import media_views  # that page includes this module's forms

        return media_views.render_case_media(self.request, case, **forms)


class DocumentAddView(OnceOnlyMixin, AuthorDocumentMixin, View):
    def post(self, request, slug):
        case = self.get_case()
        form = DocumentForm(request.POST, request.FILES, auto_id=DOCUMENT_IDS)
        if not form.is_valid():
            return self.refused(case, document_form=form)
        try:
            document, repeat = self.create_once(
                form,
                lambda: documents.document_add(
                    case=case,
                    author=request.user,
                    upload=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                ),
                fallback=f"{media_page(case)}#documenten",
                url=lambda document: f"{media_page(case)}#document-{document.pk}",
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.refused(case, document_form=form)
        if repeat:
            return repeat
        messages.success(
            request, _("Het document ‘%(title)s’ is toegevoegd.") % {"title": document.title}
        )
        return redirect(f"{media_page(case)}#document-{document.pk}")


class DocumentUpdateView(AuthorDocumentMixin, View):
    def post(self, request, slug, pk):
        case = self.get_case()
        document = self.get_document(case)
        form = title_form_for(document, request.POST)
        if form.is_valid():
            try:
                documents.document_update(
                    document=document, author=request.user, title=form.cleaned_data["title"]
                )
            except ValidationError as error:
                form.add_error(None, error)
        if form.errors:
            return self.refused(case, title_form=form, title_document=document)
        messages.success(request, _("De titel van het document is bewaard."))
        return redirect(f"{media_page(case)}#document-{document.pk}")


class DocumentDeleteView(AuthorDocumentMixin, View):
    def post(self, request, slug, pk):
        case = self.get_case()
        document = self.get_document(case)
        try:
            documents.document_delete(document=document, author=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Het document ‘%(title)s’ is verwijderd.") % {"title": document.title}
            )
        return redirect(f"{media_page(case)}#documenten")


class DocumentDownloadView(View):
    """The PDF as an attachment, for whoever may read the case: a published case for
    everyone, a draft or hidden one for its author and moderators (others get 404)."""

    def get(self, request, slug, pk):
        case = get_object_or_404(Case.objects.visible_to(request.user), slug=slug)
        document = get_object_or_404(CaseDocument, pk=pk, case=case)
        return media.serve(
            request,
            document.file.name,
            content_type="application/pdf",
            filename=documents.download_filename(document),
            attachment=True,
            extra_headers=DOWNLOAD_HEADERS,
        )
