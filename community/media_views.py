"""A case's photos: the author's page of photos and documents, the photo actions on it,
the photos themselves (served after the same access check as the case) and the
moderators' hide and restore."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cocreatie.core import media
from cocreatie.core.i18n import content_label
from cocreatie.core.views import BreadcrumbsMixin, OnceOnlyMixin
from community import document_views, images
from community.forms import ReasonForm
from community.image_forms import CaseImageForm, CaseImageUpdateForm
from community.models import Case, CaseImage
from community.permissions import ModeratorRequiredMixin
from community.views import community_trail, form_error_message, form_errors_message, safe_next


def media_url(case: Case) -> str:
    return reverse("community:case_media", kwargs={"slug": case.slug})


class CaseMediaMixin(LoginRequiredMixin, BreadcrumbsMixin):
    """The logged-in author's own case, while they may change it; 404 for anyone else
    (and for the author while the case is under review or rejected)."""

    template_name = "community/case_media.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.case = get_object_or_404(Case, slug=kwargs["slug"], author=request.user)
            if not self.case.can_edit(request.user):
                raise Http404("The files of this case cannot be changed now.")
        return super().dispatch(request, *args, **kwargs)

    def get_image(self) -> CaseImage:
        return get_object_or_404(CaseImage, pk=self.kwargs["pk"], case=self.case)

    def get_breadcrumbs(self):
        case = self.case
        return community_trail(
            (content_label(case.title), case.get_absolute_url()),
            (_("Foto's en documenten"), None),
        )


class CaseMediaView(OnceOnlyMixin, CaseMediaMixin, TemplateView):
    """The page "Foto's en documenten" of a case: its photos, each with its description
    to change and a button to delete it, and the form to add one (posted here); then
    its documents (``community.document_views``, whose forms post there).

    A refused form comes back on this page with what the member typed:
    ``image_form`` (adding a photo), ``update_forms`` (photo pk → its description
    form), and the document forms of ``document_views.documents_context``."""

    def get_context_data(
        self, *, image_form=None, update_forms=None, document_form=None, title_form=None,
        title_document=None, **kwargs,
    ):  # fmt: skip
        case = self.case
        case_images = list(case.images.all())
        update_forms = update_forms or {}
        rows = [
            {
                "image": image,
                "picture": images.picture(image, slug=case.slug),
                "form": update_forms.get(image.pk) or CaseImageUpdateForm(image=image),
            }
            for image in case_images
        ]
        refused = [form for form in (image_form, document_form, title_form) if form is not None]
        refused += update_forms.values()
        return super().get_context_data(
            case=case,
            editable=case.can_edit(self.request.user),
            image_rows=rows,
            image_form=image_form or CaseImageForm(),
            can_add_image=len(case_images) < images.MAX_IMAGES,
            max_images=images.MAX_IMAGES,
            has_errors=any(form.errors for form in refused),
            **document_views.documents_context(
                case,
                self.request.user,
                document_form=document_form,
                title_form=title_form,
                title_document=title_document,
            ),  # fmt: skip
            **kwargs,
        )

    def render_page(self, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    def post(self, request, slug):
        form = CaseImageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                _image, repeat = self.create_once(
                    form,
                    lambda: images.image_add(
                        case=self.case,
                        author=request.user,
                        upload=form.cleaned_data["image"],
                        alt_text=form.cleaned_data["alt_text"],
                    ),
                    fallback=media_url(self.case),
                    url=lambda image: f"{media_url(self.case)}#foto-{image.pk}",
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if repeat:
                    return repeat
                messages.success(request, _("De foto is toegevoegd."))
                return redirect(media_url(self.case))
        return self.render_page(image_form=form)


def render_case_media(request, case: Case, **forms):
    """The page of ``case``'s photos and documents, with the refused ``forms`` (see
    ``CaseMediaView``): for the views of this page's other forms."""
    view = CaseMediaView()
    view.setup(request, slug=case.slug)
    view.case = case
    return view.render_page(**forms)


class CaseImageUpdateView(CaseMediaView):
    """POST: a new description for one photo."""

    http_method_names = ["post"]

    def post(self, request, slug, pk):
        image = self.get_image()
        form = CaseImageUpdateForm(request.POST, image=image)
        if form.is_valid():
            try:
                images.image_update(
                    image=image, author=request.user, alt_text=form.cleaned_data["alt_text"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("De beschrijving van de foto is bewaard."))
                return redirect(f"{media_url(self.case)}#foto-{image.pk}")
        return self.render_page(update_forms={image.pk: form})


class CaseImageDeleteView(CaseMediaMixin, TemplateView):
    """GET asks "are you sure?" (with the photo), POST deletes it."""

    template_name = "community/case_image_delete_confirm.html"

    def get_context_data(self, **kwargs):
        image = self.get_image()
        return super().get_context_data(
            case=self.case,
            image=image,
            picture=images.picture(image, slug=self.case.slug),
            **kwargs,
        )

    def post(self, request, slug, pk):
        try:
            images.image_delete(image=self.get_image(), author=request.user)
        except ValidationError as error:
            form_error_message(request, error)
        else:
            messages.success(request, _("De foto is verwijderd."))
        return redirect(media_url(self.case))


class CaseImageView(View):
    """One stored size of a photo, for whoever may see the case (``visible_to``); a
    hidden photo only for the author and the moderators. Everyone else gets 404, so
    the address of a draft's photo says nothing about it."""

    def get(self, request, slug, pk, width, fmt):
        key = images.URL_FORMATS[fmt]  # the URL converter allows only these
        case = get_object_or_404(Case.objects.visible_to(request.user), slug=slug)
        image = get_object_or_404(CaseImage, pk=pk, case=case)
        if not images.may_see(image, case, request.user):
            raise Http404("No such image.")
        name = image.renditions.get(str(width), {}).get(key)
        if not name:
            raise Http404("No such size.")
        return media.serve(
            request,
            name,
            content_type=images.ENCODINGS[key][1],
            public=case.is_published and not image.is_hidden,
        )


class ModerationImageView(ModeratorRequiredMixin, View):
    """Hide one photo of a case (with a reason the author receives) or show it again;
    the case itself stays as it is."""

    def post(self, request, pk, action):
        image = get_object_or_404(CaseImage.objects.select_related("case"), pk=pk)
        hiding = action == "verbergen"
        form = ReasonForm(request.POST, required=hiding)
        if not form.is_valid():
            form_errors_message(request, form)
        else:
            try:
                if hiding:
                    images.image_hide(
                        image=image, moderator=request.user, reason=form.cleaned_data["reason"]
                    )
                else:
                    images.image_restore(image=image, moderator=request.user)
            except ValidationError as error:
                form_error_message(request, error)
            else:
                messages.success(
                    request,
                    _("De foto is verborgen. De auteur krijgt bericht.")
                    if hiding
                    else _("De foto is weer zichtbaar. De auteur krijgt bericht."),
                )
        default = reverse("community:moderation_case", kwargs={"slug": image.case.slug})
        return redirect(safe_next(request, f"{default}#fotos"))
