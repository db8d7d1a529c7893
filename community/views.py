import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from cocreatie.core.models import ActionLog
from cocreatie.core.views import BreadcrumbsMixin, FilterQueryMixin, OnceOnlyMixin
from community import pagination, services
from community.diff import revision_diffs
from community.forms import (
    AccountDeleteForm,
    CaseFilterForm,
    CaseForm,
    CommentForm,
    DecisionForm,
    MessageForm,
    ProfileForm,
    ReasonForm,
    ReportForm,
)
from community.models import Case, Comment, Organisation, Profile, Report
from community.permissions import ModeratorRequiredMixin, is_moderator
from roadmap.models import Challenge, Example, Phase

COMMUNITY = ("Community", "/community/")


def community_trail(*items):
    return [(COMMUNITY[0], reverse("community:case_list")), *items]


def form_error_message(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def form_errors_message(request, form) -> None:
    """A form posted from a page that is not the form's own: its errors as messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def safe_next(request, default: str) -> str:
    """The ``next`` address of a form, when it is on this site; else ``default``."""
    target = request.POST.get("next", "")
    # A path on this site only: redirect() would read anything else as a URL name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- Cases --------------------------------------------------------------------------------


class CaseListView(FilterQueryMixin, BreadcrumbsMixin, ListView):
    """Published cases, filtered by phase, challenge, kind of organisation and tag;
    newest first, paged by cursor (see community.pagination)."""

    template_name = "community/case_list.html"
    context_object_name = "cases"

    def get(self, request, *args, **kwargs):
        self.filter_form = CaseFilterForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [("Community", None)]

    def get_queryset(self):
        self.filter_form.is_valid()
        cases = Case.objects.published().order_by("-published_at", "-pk")
        # Each filter matches one phase, challenge or tag, so the joins cannot repeat a
        # case: no DISTINCT, which would sort every match and defeat the index.
        return self.filter_form.filter(cases)

    def get_context_data(self, **kwargs):
        cases = self.object_list
        page = pagination.paginate(
            cases.select_related("organisation", "author__profile").prefetch_related(
                Prefetch("phases", queryset=Phase.objects.published())
            ),
            self.request.GET,
        )
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        count_key = "|".join(f"{k}={getattr(v, 'pk', v)}" for k, v in sorted(filters.items()))
        return super().get_context_data(
            filter_form=self.filter_form,
            cases=page.items,
            cursor_page=page,
            total=pagination.cached_count(cases, count_key),
            **kwargs,
        )


class CaseDetailView(BreadcrumbsMixin, DetailView):
    """A case as its readers see it. Drafts and cases under review are visible only to
    their author and moderators; for the author this page is the preview."""

    template_name = "community/case_detail.html"
    context_object_name = "case"
    related_limit = 5

    def get_queryset(self):
        return (
            Case.objects.visible_to(self.request.user)
            .select_related("organisation", "author__profile__organisation")
            .prefetch_related(
                "tags",
                Prefetch("phases", queryset=Phase.objects.published()),
                Prefetch("challenges", queryset=Challenge.objects.published()),
            )
        )

    def get_breadcrumbs(self):
        return community_trail((self.object.title, None))

    def get_context_data(self, **kwargs):
        case = self.object
        user = self.request.user
        moderator = is_moderator(user)
        comments = case.comments.visible_to(user).select_related("author__profile__organisation")
        challenge_ids = [challenge.pk for challenge in case.challenges.all()]
        same_challenge_cases = (
            Case.objects.published()
            .filter(challenges__in=challenge_ids)
            .exclude(pk=case.pk)
            .select_related("organisation")
            .distinct()
            .order_by("-published_at")[: self.related_limit]
            if challenge_ids
            else []
        )
        matching_examples = (
            Example.objects.published()
            .filter(challenges__in=challenge_ids)
            .distinct()
            .order_by("title")[: self.related_limit]
            if challenge_ids
            else []
        )
        return super().get_context_data(
            is_author=user.is_authenticated and case.author_id == user.pk,
            can_edit=case.can_edit(user),
            is_moderator=moderator,
            comments=comments,
            comment_form=CommentForm(),
            same_challenge_cases=same_challenge_cases,
            matching_examples=matching_examples,
            **kwargs,
        )


class AuthorCaseMixin(LoginRequiredMixin):
    """The logged-in author's own case; anyone else gets 404."""

    def get_case(self):
        return get_object_or_404(Case, slug=self.kwargs["slug"], author=self.request.user)


class CaseFormMixin(LoginRequiredMixin, BreadcrumbsMixin):
    form_class = CaseForm
    template_name = "community/case_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        kwargs["instance"] = getattr(self, "object", None)
        return kwargs


class CaseCreateView(OnceOnlyMixin, CaseFormMixin, FormView):
    def get_initial(self):
        profile = services.profile_ensure(user=self.request.user)
        return {"organisation": profile.organisation_id}

    def get_breadcrumbs(self):
        return community_trail(("Nieuw praktijkverhaal", None))

    def form_valid(self, form):
        case, repeat = self.create_once(
            form,
            lambda: services.case_create(
                author=self.request.user, **form.fields_data(), **form.relations()
            ),
            fallback=reverse("community:my_cases"),
        )
        if repeat:
            return repeat
        messages.success(
            self.request,
            "Je concept is bewaard. Zo ziet je verhaal eruit. Klaar? Dien het in.",
        )
        return redirect(case)


class CaseUpdateView(CaseFormMixin, UpdateView):
    def get_object(self, queryset=None):
        case = get_object_or_404(Case, slug=self.kwargs["slug"], author=self.request.user)
        if not case.can_edit(self.request.user):
            raise Http404("This case cannot be edited now.")
        return case

    def get_breadcrumbs(self):
        return community_trail(
            (self.object.title, self.object.get_absolute_url()), ("Bewerken", None)
        )

    def form_valid(self, form):
        case = services.case_update(
            case=self.object, editor=self.request.user, **form.fields_data(), **form.relations()
        )
        messages.success(self.request, "Je wijzigingen zijn bewaard.")
        return redirect(case)


class CaseSubmitView(AuthorCaseMixin, View):
    def post(self, request, slug):
        case = self.get_case()
        try:
            services.case_submit(case=case, author=request.user)
        except ValidationError as error:
            form_error_message(request, error)
        else:
            messages.success(
                request,
                "Je praktijkverhaal is ingediend. Een moderator kijkt ernaar; je krijgt "
                "bericht per e-mail.",
            )
        return redirect(case)


class MyCasesView(LoginRequiredMixin, BreadcrumbsMixin, ListView):
    """The member's own cases in every state, with what to do next."""

    template_name = "community/my_cases.html"
    context_object_name = "cases"

    def get_queryset(self):
        return Case.objects.filter(author=self.request.user).order_by("-updated_at")

    def get_breadcrumbs(self):
        return community_trail(("Mijn praktijkverhalen", None))


class ReviewRequestView(LoginRequiredMixin, View):
    """The author of hidden content asks once for a new look."""

    def post(self, request, kind, pk):
        model = Case if kind == "verhaal" else Comment
        item = get_object_or_404(model, pk=pk, author=request.user, is_hidden=True)
        form = MessageForm(request.POST)
        if not form.is_valid():
            form_errors_message(request, form)
        else:
            try:
                services.content_request_review(
                    item=item, author=request.user, message=form.cleaned_data["message"]
                )
            except ValidationError as error:
                form_error_message(request, error)
            else:
                messages.success(request, "Je vraag is doorgestuurd naar de moderatoren.")
        target = item if isinstance(item, Case) else item.case
        return redirect(target)


# --- Comments and reports -------------------------------------------------------------


class CommentCreateView(OnceOnlyMixin, LoginRequiredMixin, View):
    def post(self, request, slug):
        case = get_object_or_404(Case.objects.published(), slug=slug)
        form = CommentForm(request.POST)
        if not form.is_valid():
            form_errors_message(request, form)
            return redirect(f"{case.get_absolute_url()}#reageren")
        comment, repeat = self.create_once(
            form,
            lambda: services.comment_create(
                case=case, author=request.user, body=form.cleaned_data["body"]
            ),
            fallback=case.get_absolute_url(),
        )
        if repeat:
            return repeat
        messages.success(request, "Je reactie staat erbij.")
        return redirect(comment)


class CommentDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        comment = get_object_or_404(Comment, pk=pk, author=request.user)
        case = comment.case
        services.comment_delete(comment=comment, user=request.user)
        messages.success(request, "Je reactie is verwijderd.")
        return redirect(case)


class ReportView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """Report a published case or a visible comment."""

    form_class = ReportForm
    template_name = "community/report_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if kwargs["kind"] == "verhaal":
                self.item = get_object_or_404(Case.objects.published(), pk=kwargs["pk"])
                self.case = self.item
            else:
                self.item = get_object_or_404(Comment.objects.public(), pk=kwargs["pk"])
                self.case = self.item.case
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return community_trail((self.case.title, self.case.get_absolute_url()), ("Melden", None))

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, case=self.case, **kwargs)

    def form_valid(self, form):
        try:
            services.report_create(
                reporter=self.request.user,
                item=self.item,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, "Bedankt voor je melding. Een moderator kijkt ernaar.")
        return redirect(self.case)


# --- Members and organisations -----------------------------------------------------------


class ProfileDetailView(BreadcrumbsMixin, DetailView):
    """A member's page. Unlisted or suspended members are visible to themselves and
    moderators only."""

    template_name = "community/profile_detail.html"
    context_object_name = "profile"

    def get_queryset(self):
        return Profile.objects.visible_to(self.request.user).select_related("organisation", "user")

    def get_breadcrumbs(self):
        return community_trail((self.object.display_name, None))

    def get_context_data(self, **kwargs):
        cases = (
            Case.objects.published()
            .filter(author_id=self.object.user_id)
            .select_related("organisation")
            .order_by("-published_at")[:50]
        )
        return super().get_context_data(
            cases=cases,
            is_owner=self.request.user.pk == self.object.user_id,
            is_moderator=is_moderator(self.request.user),
            **kwargs,
        )


class ProfileUpdateView(LoginRequiredMixin, BreadcrumbsMixin, UpdateView):
    form_class = ProfileForm
    template_name = "community/profile_form.html"

    def get_object(self, queryset=None):
        return services.profile_ensure(user=self.request.user)

    def get_breadcrumbs(self):
        return community_trail(("Mijn profiel", None))

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        new_name = data.pop("new_organisation", "").strip()
        new_kind = data.pop("new_organisation_kind", "")
        if new_name:
            data["organisation"] = services.organisation_create(
                name=new_name, kind=new_kind, actor=self.request.user
            )
        profile = services.profile_update(profile=self.object, **data)
        messages.success(self.request, "Je profiel is bijgewerkt.")
        return redirect(profile)


class OrganisationDetailView(BreadcrumbsMixin, DetailView):
    template_name = "community/organisation_detail.html"
    context_object_name = "organisation"
    queryset = Organisation.objects.all()
    list_limit = 100

    def get_breadcrumbs(self):
        return community_trail((self.object.name, None))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            members=self.object.profiles.listed()[: self.list_limit],
            cases=Case.objects.published()
            .filter(organisation=self.object)
            .select_related("organisation")
            .order_by("-published_at")[: self.list_limit],
            **kwargs,
        )


# --- The member's own data ---------------------------------------------------------------


class MyDataView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """Download everything held about you, or delete your account."""

    template_name = "community/my_data.html"
    form_class = AccountDeleteForm

    def get_breadcrumbs(self):
        return community_trail(("Mijn gegevens", None))

    def form_valid(self, form):
        user = self.request.user
        services.account_delete(user=user, delete_content=form.cleaned_data["delete_content"])
        logout(self.request)
        messages.success(self.request, "Je account is verwijderd. Bedankt voor je bijdrage.")
        return redirect("home")


@method_decorator(never_cache, name="dispatch")
class MyDataDownloadView(LoginRequiredMixin, View):
    def get(self, request):
        data = services.account_export(user=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="cocreatie-gegevens-{stamp}.json"'
        return response


# --- Moderation ---------------------------------------------------------------------------


class ModerationDashboardView(ModeratorRequiredMixin, BreadcrumbsMixin, TemplateView):
    template_name = "community/moderation/dashboard.html"
    breadcrumb_label = "Moderatie"
    queue_limit = 50

    def get_context_data(self, **kwargs):
        open_reports = (
            Report.objects.filter(resolved_at__isnull=True)
            .select_related("reporter__profile", "case", "comment__case")
            .order_by("created_at")
        )
        return super().get_context_data(
            submitted=Case.objects.filter(status=Case.Status.SUBMITTED)
            .select_related("author__profile", "organisation")
            .order_by("submitted_at")[: self.queue_limit],
            edited=Case.objects.published()
            .filter(revisions__isnull=False)
            .annotate(revision_count=Count("revisions"))
            .order_by("-updated_at")[:10],
            open_reports=open_reports[: self.queue_limit],
            hidden_cases=Case.objects.filter(is_hidden=True)
            .select_related("author__profile")
            .order_by("-review_requested_at", "-updated_at")[: self.queue_limit],
            hidden_comments=Comment.objects.filter(is_hidden=True)
            .select_related("author__profile", "case")
            .order_by("-review_requested_at", "-created_at")[: self.queue_limit],
            recent_log=log_entries()[:15],
            **kwargs,
        )


def log_entries():
    """The action log as the moderation pages show it: actor and target fetched."""
    return ActionLog.objects.select_related("actor__profile").prefetch_related("target")


class ModerationCaseView(ModeratorRequiredMixin, BreadcrumbsMixin, DetailView):
    """Review one case: its text, what changed since publication, and the decisions."""

    template_name = "community/moderation/case.html"
    context_object_name = "case"
    queryset = Case.objects.select_related("author__profile", "organisation").prefetch_related(
        "phases", "challenges", "tags"
    )

    def get_breadcrumbs(self):
        return [("Moderatie", reverse("community:moderation")), (self.object.title, None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            revisions=revision_diffs(self.object.revisions.select_related("editor__profile")[:20]),
            log=log_entries().for_target(self.object)[:50],
            **kwargs,
        )


class ModerationCaseDecisionView(ModeratorRequiredMixin, View):
    def post(self, request, slug):
        case = get_object_or_404(Case, slug=slug)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            form_errors_message(request, form)
            return redirect("community:moderation_case", slug=case.slug)
        try:
            services.case_decide(case=case, moderator=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error_message(request, error)
            return redirect("community:moderation_case", slug=case.slug)
        messages.success(request, "Je beslissing is opgeslagen en de auteur krijgt bericht.")
        return redirect("community:moderation")


class ModerationFeatureView(ModeratorRequiredMixin, View):
    def post(self, request, slug):
        case = get_object_or_404(Case.objects.published(), slug=slug)
        services.case_feature(
            case=case, moderator=request.user, featured=request.POST.get("featured") == "1"
        )
        messages.success(request, "Opgeslagen.")
        return redirect("community:moderation_case", slug=case.slug)


class ModerationVisibilityView(ModeratorRequiredMixin, View):
    """Hide or restore a case or comment, with a reason the author receives."""

    def post(self, request, kind, pk, action):
        model = Case if kind == "verhaal" else Comment
        item = get_object_or_404(model, pk=pk)
        hiding = action == "verbergen"
        form = ReasonForm(request.POST, required=hiding)
        if not form.is_valid():
            form_errors_message(request, form)
        else:
            reason = form.cleaned_data["reason"]
            try:
                if hiding:
                    services.content_hide(item=item, moderator=request.user, reason=reason)
                else:
                    services.content_restore(item=item, moderator=request.user, reason=reason)
            except ValidationError as error:
                form_error_message(request, error)
            else:
                messages.success(request, "Opgeslagen. De auteur krijgt bericht.")
        return redirect(safe_next(request, reverse("community:moderation")))


class ModerationReportResolveView(ModeratorRequiredMixin, View):
    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk, resolved_at__isnull=True)
        form = MessageForm(request.POST)
        if not form.is_valid():
            form_errors_message(request, form)
            return redirect("community:moderation")
        services.report_resolve(
            report=report, moderator=request.user, message=form.cleaned_data["message"]
        )
        messages.success(request, "De melding is afgehandeld; de inhoud blijft staan.")
        return redirect("community:moderation")


class ModerationSuspendView(ModeratorRequiredMixin, View):
    def post(self, request, slug):
        profile = get_object_or_404(Profile.objects.select_related("user"), slug=slug)
        lifting = request.POST.get("action") == "opheffen"
        form = ReasonForm(request.POST, required=not lifting)
        if not form.is_valid():
            form_errors_message(request, form)
            return redirect(profile)
        reason = form.cleaned_data["reason"]
        try:
            if lifting:
                services.member_unsuspend(
                    member=profile.user, moderator=request.user, reason=reason
                )
            else:
                services.member_suspend(member=profile.user, moderator=request.user, reason=reason)
        except ValidationError as error:
            form_error_message(request, error)
        else:
            messages.success(request, "Opgeslagen.")
        return redirect(profile)


class ModerationLogView(ModeratorRequiredMixin, BreadcrumbsMixin, ListView):
    """Every step by moderators, organisers and the system, newest first."""

    template_name = "community/moderation/log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return log_entries()

    def get_breadcrumbs(self):
        return [("Moderatie", reverse("community:moderation")), ("Logboek", None)]
