from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count, F, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from cocreatie.core import pagecache
from cocreatie.core.following import with_followed
from cocreatie.core.i18n import content_label
from cocreatie.core.spreadsheet import spreadsheet_response
from cocreatie.core.views import (
    BreadcrumbsMixin,
    FilterQueryMixin,
    NearestPageMixin,
    OnceOnlyMixin,
)
from community import (
    appeals,
    comments,
    moderation_dashboard,
    moderation_log,
    pagination,
    services,
    spam,
)
from community.appeal_forms import AppealDecisionForm, AppealForm
from community.diff import resubmission_diff, revision_diffs
from community.evidence import evidence_needed
from community.forms import (
    AccountDeleteForm,
    CaseFilterForm,
    CaseForm,
    CommentForm,
    DecisionForm,
    HideForm,
    MessageForm,
    ProfileForm,
    ReasonForm,
    ReportForm,
    SuspendForm,
)
from community.house_rules import RULES
from community.images import images_visible_to
from community.models import Case, Comment, Decision, Organisation, Profile, Question, Report
from community.permissions import ModeratorRequiredMixin, is_moderator
from roadmap.models import Challenge, Example, Phase

COMMUNITY = (gettext_lazy("Community"), "/community/")


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


class HouseRulesView(BreadcrumbsMixin, TemplateView):
    """The house rules, each with an anchor: the footer, the report form and every
    statement of reasons link here."""

    template_name = "community/house_rules.html"
    breadcrumb_label = gettext_lazy("Huisregels")
    extra_context = {"rules": RULES}


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
        return [(_("Community"), None)]

    def get_queryset(self):
        self.filter_form.is_valid()
        cases = Case.objects.published().order_by("-published_at", "-pk")
        # Each filter matches one phase, challenge or tag, so the joins cannot repeat a
        # case: no DISTINCT, which would sort every match and defeat the index.
        return self.filter_form.filter(cases)

    def get_context_data(self, **kwargs):
        cases = self.object_list
        page = pagination.paginate(
            cases.for_cards().prefetch_related(
                Prefetch("phases", queryset=Phase.objects.published())
            ),
            self.request.GET,
        )
        # The filters that narrowed the list, also when another one was refused.
        filters = getattr(self.filter_form, "cleaned_data", {})
        count_key = "|".join(
            f"{k}={getattr(v, 'pk', v)}" for k, v in sorted(filters.items()) if v not in (None, "")
        )
        total, settled = pagination.cached_count(cases, count_key)
        if not settled:  # the last count, until the task has counted again
            pagecache.keep_out(self.request)
        return super().get_context_data(
            filter_form=self.filter_form,
            cases=page.items,
            cursor_page=page,
            total=total,
            **kwargs,
        )


class MyReportsMixin:
    """Adds ``my_reports``, the logged-in member's open reports on a published case and
    its comments (``my_reported_comment_ids``), and ``my_case_report``, the one on the
    case itself: the page says "Je hebt dit gemeld" there, with a button to withdraw
    it. One query."""

    def get_context_data(self, **kwargs):
        user, case = self.request.user, self.object
        reports = []
        if user.is_authenticated and case.is_published:
            reports = list(
                Report.objects.open().filter(Q(case=case) | Q(comment__case=case), reporter=user)
            )
        return super().get_context_data(
            my_reports=reports,
            my_reported_comment_ids={report.comment_id for report in reports if report.comment_id},
            my_case_report=next((report for report in reports if report.case_id), None),
            **kwargs,
        )


class CaseDetailView(MyReportsMixin, BreadcrumbsMixin, DetailView):
    """A case as its readers see it. Drafts and cases under review are visible only to
    their author and moderators; for the author this page is the preview."""

    template_name = "community/case_detail.html"
    context_object_name = "case"
    related_limit = 5

    def get_queryset(self):
        return (
            with_followed(Case.objects.visible_to(self.request.user), self.request.user)
            .select_related("organisation", "author__profile__organisation")
            .prefetch_related(
                "tags",
                Prefetch("phases", queryset=Phase.objects.published()),
                Prefetch("challenges", queryset=Challenge.objects.published()),
                "documents",
                Prefetch(
                    "images",
                    queryset=images_visible_to(self.request.user),
                    to_attr="visible_images",
                ),
            )
        )

    def get_breadcrumbs(self):
        return community_trail((content_label(self.object.title), None))

    def comment_page(self):
        """The page of comment threads asked for (``?reacties=``), or the one with the
        comment a link points to (``?reactie=``)."""
        page = self.request.GET.get(comments.PAGE_PARAM)
        if page is None and comments.COMMENT_PARAM in self.request.GET:
            page = comments.page_of_comment(self.object, self.request.GET[comments.COMMENT_PARAM])
        return comments.comment_page(case=self.object, user=self.request.user, page=page)

    def reply_target(self, comment_page):
        """The comment the member answers (``?reageer=``), when it is on this page and
        may be answered: the comment form then says so and sits under it."""
        if not self.request.user.is_authenticated:
            return None
        return comment_page.find(self.request.GET.get(comments.REPLY_PARAM))

    def get_context_data(self, **kwargs):
        case = self.object
        user = self.request.user
        moderator = is_moderator(user)
        comment_page = self.comment_page() if case.is_published else None
        reply_to = self.reply_target(comment_page) if comment_page else None
        challenge_ids = [challenge.pk for challenge in case.challenges.all()]
        same_challenge_cases = (
            Case.objects.published()
            .about(challenge_ids=challenge_ids)
            .exclude(pk=case.pk)
            .for_cards()
            .order_by("-published_at", "-pk")[: self.related_limit]
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
            comment_page=comment_page,
            reply_to=reply_to,
            comment_form=CommentForm(initial={"parent": reply_to.pk} if reply_to else None),
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
        return community_trail((_("Nieuw praktijkverhaal"), None))

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
            _("Je concept is bewaard. Zo ziet je verhaal eruit. Klaar? Dien het in."),
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
            (content_label(self.object.title), self.object.get_absolute_url()),
            (_("Bewerken"), None),
        )

    def form_valid(self, form):
        case = services.case_update(
            case=self.object, editor=self.request.user, **form.fields_data(), **form.relations()
        )
        messages.success(self.request, _("Je wijzigingen zijn bewaard."))
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
                _(
                    "Je praktijkverhaal is ingediend. Een moderator kijkt ernaar; je krijgt "
                    "bericht per e-mail."
                ),
            )
        return redirect(case)


class MyCasesView(LoginRequiredMixin, NearestPageMixin, BreadcrumbsMixin, ListView):
    """The member's own cases in every state, with what to do next: the most recently
    changed first, 25 to a page."""

    template_name = "community/my_cases.html"
    context_object_name = "cases"
    paginate_by = 25

    def get_queryset(self):
        return Case.objects.filter(author=self.request.user).order_by("-updated_at")

    def get_breadcrumbs(self):
        return community_trail((_("Mijn praktijkverhalen"), None))


# --- Comments and reports -------------------------------------------------------------


class CommentCreateView(OnceOnlyMixin, LoginRequiredMixin, CaseDetailView):
    """Post a comment on a published case. A comment with errors comes back on the case
    page itself (status 200, not a redirect): the error summary, the field marked, and
    what was typed."""

    http_method_names = ["post"]
    reply_parent = None  # the comment that a reply with errors answers

    def get_queryset(self):
        return super().get_queryset().published()

    def comment_page(self):
        """The page with the comment a reply answers; else the first."""
        parent = self.reply_parent
        page = comments.thread_page_number(parent) if parent else 1
        return comments.comment_page(case=self.object, user=self.request.user, page=page)

    def reply_target(self, comment_page):
        return comment_page.find(self.reply_parent.pk) if self.reply_parent else None

    def post(self, request, slug):
        self.object = case = self.get_object()
        form = CommentForm(request.POST)
        if limited := spam.rate_limited(request, spam.COMMENT_LIMIT):
            form.add_error(None, limited)
            return too_many_requests(self.form_invalid(form))
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            comment, repeat = self.create_once(
                form,
                lambda: services.comment_create(
                    case=case,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    parent=form.cleaned_data["parent"],
                ),
                fallback=case.get_absolute_url(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if repeat:
            return repeat
        messages.success(
            request, spam.HELD_NOTICE if comment.held_at else _("Je reactie staat erbij.")
        )
        return redirect(comment)

    def form_invalid(self, form):
        """The case page again, at the comment a reply answers. A reply to a comment
        that may not be answered (any more) comes back as a new comment, not yet sent."""
        parent = getattr(form, "cleaned_data", {}).get("parent")
        if form.has_error(NON_FIELD_ERRORS, "parent"):
            parent = None
            form.drop_parent()
        self.reply_parent = parent
        context = self.get_context_data(object=self.object)
        if parent and context["reply_to"] is None:
            form.add_error(None, ValidationError(services.REPLY_GONE, code="parent"))
            form.drop_parent()
        context["comment_form"] = form
        return self.render_to_response(context)


class CommentDeleteView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    """The author deletes their comment: this page asks "are you sure?", the POST
    deletes. While it is reported, hidden or under appeal the moderators keep it until
    that is settled (``community.evidence``); the page says so."""

    template_name = "community/comment_delete_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.comment = get_object_or_404(
                Comment.objects.select_related("case"),
                pk=kwargs["pk"],
                author=request.user,
                deleted_at__isnull=True,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        case = self.comment.case
        return community_trail(
            (content_label(case.title), case.get_absolute_url()),
            (_("Reactie verwijderen"), None),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            comment=self.comment, kept=evidence_needed(self.comment), **kwargs
        )

    def post(self, request, pk):
        case = self.comment.case
        kept = services.comment_delete(comment=self.comment, user=request.user)
        messages.success(
            request,
            _(
                "Je reactie is verwijderd. De moderatoren bewaren de tekst tot de melding of "
                "het bezwaar is afgehandeld; daarna wissen we hem."
            )
            if kept
            else _("Je reactie is verwijderd."),
        )
        return redirect(case)


class ReportView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """Report a published case, a visible comment, or a question you received (nobody
    else sees a question)."""

    form_class = ReportForm
    template_name = "community/report_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if kwargs["kind"] == "verhaal":
                self.item = get_object_or_404(Case.objects.published(), pk=kwargs["pk"])
                self.case = self.item
            elif kwargs["kind"] == "vraag":
                self.item = get_object_or_404(Question, pk=kwargs["pk"], recipient=request.user)
                self.case = None
            else:
                self.item = get_object_or_404(Comment.objects.public(), pk=kwargs["pk"])
                self.case = self.item.case
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        if self.case is None:  # a question
            return community_trail(
                (_("Mijn vragen"), reverse("community:question_list")),
                (_("Vraag"), self.item.get_absolute_url()),
                (_("Melden"), None),
            )
        return community_trail(
            (content_label(self.case.title), self.case.get_absolute_url()), (_("Melden"), None)
        )

    def get_context_data(self, **kwargs):
        # Already reported and still open: the page says so, with a button to withdraw.
        open_report = (
            Report.objects.open()
            .filter(reporter=self.request.user, **{self.item._meta.model_name: self.item})
            .first()
        )
        return super().get_context_data(
            item=self.item,
            case=self.case,
            open_report=open_report,
            kind=self.kwargs["kind"],
            **kwargs,
        )

    def form_valid(self, form):
        if limited := spam.rate_limited(self.request, spam.REPORT_LIMIT):
            form.add_error(None, limited)
            return too_many_requests(self.form_invalid(form))
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
        messages.success(self.request, _("Bedankt voor je melding. Een moderator kijkt ernaar."))
        return redirect(self.case or self.item)


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
            .for_cards()
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
        return community_trail((_("Mijn profiel"), None))

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        new_name = data.pop("new_organisation", "").strip()
        new_kind = data.pop("new_organisation_kind", "")
        if new_name:
            data["organisation"] = services.organisation_create(
                name=new_name, kind=new_kind, actor=self.request.user
            )
        profile = services.profile_update(profile=self.object, **data)
        messages.success(self.request, _("Je profiel is bijgewerkt."))
        return redirect(profile)


class OrganisationDetailView(BreadcrumbsMixin, DetailView):
    template_name = "community/organisation_detail.html"
    context_object_name = "organisation"
    queryset = Organisation.objects.all()
    list_limit = 100

    def get_breadcrumbs(self):
        return community_trail((content_label(self.object.name), None))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            members=self.object.profiles.listed()[: self.list_limit],
            cases=Case.objects.published()
            .filter(organisation=self.object)
            .for_cards()
            .order_by("-published_at")[: self.list_limit],
            **kwargs,
        )


# --- The member's own data ---------------------------------------------------------------


class MyDataView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """Download everything held about you, or delete your account."""

    template_name = "community/my_data.html"
    form_class = AccountDeleteForm

    def get_breadcrumbs(self):
        return community_trail((_("Mijn gegevens"), None))

    def form_valid(self, form):
        user = self.request.user
        services.account_delete(user=user, delete_content=form.cleaned_data["delete_content"])
        logout(self.request)
        messages.success(self.request, _("Je account is verwijderd. Bedankt voor je bijdrage."))
        return redirect("home")


@method_decorator(never_cache, name="dispatch")
class MyDataDownloadView(LoginRequiredMixin, View):
    """Everything about the member as one ZIP: gegevens.json and the files of their cases."""

    def get(self, request):
        stamp = timezone.localdate().isoformat()
        response = FileResponse(
            services.account_archive(user=request.user),
            as_attachment=True,
            filename=f"cocreatie-gegevens-{stamp}.zip",
            content_type="application/zip",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- Moderation ---------------------------------------------------------------------------


class ModerationDashboardView(ModeratorRequiredMixin, BreadcrumbsMixin, TemplateView):
    """What waits for a moderator, queue by queue, oldest first
    (``community.moderation_dashboard``): a fixed number of queries however long the
    queues are."""

    template_name = "community/moderation/dashboard.html"
    breadcrumb_label = gettext_lazy("Moderatie")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **moderation_dashboard.moderation_queues(),
            # Edits after publication (those before it were part of the review).
            edited=Case.objects.published()
            .filter(revisions__created_at__gte=F("published_at"))
            .annotate(revision_count=Count("revisions"))
            .order_by("-updated_at")[:10],
            recent_log=log_entries()[:15],
            **kwargs,
        )


def log_entries():
    """The action log as the moderation pages show it: actor and target fetched."""
    return moderation_log.log_entries()


class ModerationCaseView(ModeratorRequiredMixin, BreadcrumbsMixin, DetailView):
    """Review one case: its text, what changed since the last decision (when it comes
    back after "changes requested") or since publication, and the decisions."""

    template_name = "community/moderation/case.html"
    context_object_name = "case"
    queryset = Case.objects.select_related("author__profile", "organisation").prefetch_related(
        "phases", "challenges", "tags", "documents", "images"
    )

    def get_breadcrumbs(self):
        return [
            (_("Moderatie"), reverse("community:moderation")),
            (content_label(self.object.title), None),
        ]

    def get_context_data(self, **kwargs):
        case = self.object
        # Edits before publication belong to the review, not to "changed since publication".
        published_edits = (
            case.revisions.filter(created_at__gte=case.published_at).select_related(
                "editor__profile"
            )[:20]
            if case.published_at
            else []
        )
        return super().get_context_data(
            resubmission=resubmission_diff(case) if case.is_submitted else None,
            revisions=revision_diffs(published_edits),
            log=log_entries().for_target(case)[:50],
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
        messages.success(request, _("Je beslissing is opgeslagen en de auteur krijgt bericht."))
        return redirect("community:moderation")


class ModerationFeatureView(ModeratorRequiredMixin, View):
    def post(self, request, slug):
        case = get_object_or_404(Case.objects.published(), slug=slug)
        services.case_feature(
            case=case, moderator=request.user, featured=request.POST.get("featured") == "1"
        )
        messages.success(request, _("Opgeslagen."))
        return redirect("community:moderation_case", slug=case.slug)


class ModerationVisibilityView(ModeratorRequiredMixin, View):
    """Hide or restore a case or comment, with a reason the author receives."""

    def post(self, request, kind, pk, action):
        model = Case if kind == "verhaal" else Comment
        item = get_object_or_404(model, pk=pk)
        hiding = action == "verbergen"
        form = HideForm(request.POST) if hiding else ReasonForm(request.POST, required=False)
        if not form.is_valid():
            form_errors_message(request, form)
        else:
            reason = form.cleaned_data["reason"]
            try:
                if hiding:
                    services.content_hide(
                        item=item,
                        moderator=request.user,
                        reason=reason,
                        ground=form.cleaned_data["ground"],
                    )
                else:
                    services.content_restore(item=item, moderator=request.user, reason=reason)
            except ValidationError as error:
                form_error_message(request, error)
            else:
                messages.success(request, _("Opgeslagen. De auteur krijgt bericht."))
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
        messages.success(request, _("De melding is afgehandeld; de inhoud blijft staan."))
        return redirect("community:moderation")


class ModerationSuspendView(ModeratorRequiredMixin, BreadcrumbsMixin, FormView):
    """Suspend a member, with a reason, a house rule and an optional end date, or lift
    their suspension. The page shows the form that fits the member's state; a POST
    with ``action=opheffen`` lifts."""

    template_name = "community/moderation/suspend.html"

    @cached_property
    def profile(self):
        return get_object_or_404(Profile.objects.select_related("user"), slug=self.kwargs["slug"])

    @cached_property
    def lifting(self) -> bool:
        if self.request.method == "POST":
            return self.request.POST.get("action") == "opheffen"
        return self.profile.suspended_at is not None

    def get_form(self, form_class=None):
        if self.lifting:
            return ReasonForm(**self.get_form_kwargs(), required=False)
        return SuspendForm(**self.get_form_kwargs())

    def get_breadcrumbs(self):
        return [
            (_("Moderatie"), reverse("community:moderation")),
            (self.profile.display_name, self.profile.get_absolute_url()),
            (_("Schorsing opheffen") if self.lifting else _("Schorsen"), None),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, lifting=self.lifting, **kwargs)

    def form_valid(self, form):
        member, moderator = self.profile.user, self.request.user
        try:
            if self.lifting:
                services.member_unsuspend(
                    member=member, moderator=moderator, reason=form.cleaned_data["reason"]
                )
            else:
                services.member_suspend(member=member, moderator=moderator, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De schorsing is opgeheven. Het lid krijgt bericht per e-mail.")
            if self.lifting
            else _("Het lid is geschorst en krijgt bericht per e-mail."),
        )
        return redirect(self.profile)


class ModerationLogView(
    ModeratorRequiredMixin, FilterQueryMixin, NearestPageMixin, BreadcrumbsMixin, ListView
):
    """Every step by moderators, organisers and the system, newest first, filtered by
    who, what, about what and when (``community.moderation_log``)."""

    template_name = "community/moderation/log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.filter_form = moderation_log.LogFilterForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return moderation_log.log_filter(log_entries(), **self.filter_form.log_filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)

    def get_breadcrumbs(self):
        return [(_("Moderatie"), reverse("community:moderation")), (_("Logboek"), None)]


# --- Withdrawing a report -----------------------------------------------------------------


class ReportWithdrawView(LoginRequiredMixin, View):
    """The reporter takes back their own open report; anyone else's is not found."""

    def post(self, request, pk):
        report = get_object_or_404(
            Report.objects.open().select_related("case", "comment__case", "question"),
            pk=pk,
            reporter=request.user,
        )
        try:
            services.report_withdraw(report=report, member=request.user)
        except ValidationError as error:
            form_error_message(request, error)
        else:
            messages.success(request, _("Je melding is ingetrokken."))
        # Back to the item, when the member can still see it there.
        if report.case_id:
            visible = Case.objects.published().filter(pk=report.case_id).exists()
        elif report.question_id:  # only its recipient reports a question, and sees it
            visible = True
        else:
            visible = Comment.objects.public().filter(pk=report.comment_id).exists()
        return redirect(report.target if visible else reverse("community:case_list"))


# --- Too many requests, held comments, spam accounts, the log export -------------------


def too_many_requests(response):
    """Over a rate limit (``community.spam``): ``response`` is the form again, with the
    Dutch message as its error and what was typed still in it; it gets status 429."""
    response.status_code = 429
    return response


class ModerationCommentApproveView(ModeratorRequiredMixin, View):
    """A held comment goes online."""

    def post(self, request, pk):
        comment = get_object_or_404(Comment, pk=pk)
        try:
            spam.comment_approve(comment=comment, moderator=request.user)
        except ValidationError as error:
            form_error_message(request, error)
        else:
            messages.success(request, _("De reactie is goedgekeurd. Iedereen ziet haar nu."))
        return redirect(safe_next(request, reverse("community:moderation")))


class ModerationSpamRemoveView(ModeratorRequiredMixin, BreadcrumbsMixin, FormView):
    """Everything a spam account posted hidden at once, and the account suspended: this
    page says what will happen, the POST does it."""

    template_name = "community/moderation/spam_remove_confirm.html"
    form_class = ReasonForm

    @cached_property
    def profile(self):
        return get_object_or_404(Profile.objects.select_related("user"), slug=self.kwargs["slug"])

    def get_breadcrumbs(self):
        return [
            (_("Moderatie"), reverse("community:moderation")),
            (self.profile.display_name, self.profile.get_absolute_url()),
            (_("Spam verwijderen"), None),
        ]

    def get_context_data(self, **kwargs):
        member = self.profile.user
        return super().get_context_data(
            profile=self.profile,
            refusal=spam.spam_removal_refusal(member=member, moderator=self.request.user),
            counts=spam.spam_account_counts(member=member),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            counts = spam.spam_account_remove(
                member=self.profile.user,
                moderator=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        cases = ngettext(
            "%(count)d praktijkverhaal", "%(count)d praktijkverhalen", counts["cases"]
        ) % {"count": counts["cases"]}
        comments = ngettext("%(count)d reactie", "%(count)d reacties", counts["comments"]) % {
            "count": counts["comments"]
        }
        messages.success(
            self.request,
            _(
                "Verborgen: %(cases)s en %(comments)s. Het account is geschorst en het lid "
                "krijgt een e-mail met de reden en hoe het bezwaar kan maken."
            )
            % {"cases": cases, "comments": comments},
        )
        return redirect(self.profile)


@method_decorator(never_cache, name="dispatch")
class ModerationLogExportView(ModeratorRequiredMixin, View):
    """The log rows that match the filters of the log page, as a spreadsheet; the
    download is a step in the log too. Filters that are not valid send you back to the
    log, which says what is wrong."""

    def get(self, request):
        form = moderation_log.LogFilterForm(request.GET)
        if not form.is_valid():
            messages.error(
                request, _("Pas eerst de filters aan; dan kun je het logboek downloaden.")
            )
            return redirect(f"{reverse('community:moderation_log')}?{request.GET.urlencode()}")
        content = moderation_log.log_export(actor=request.user, filters=form.log_filters())
        stamp = timezone.localdate().isoformat()
        return spreadsheet_response(content, f"logboek-{stamp}.csv")


# --- Appeals ------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class AppealCreateView(BreadcrumbsMixin, FormView):
    """The member a decision is about objects to it, in their own words, once. Logged
    in, or (for a suspension, when logging in is not possible) through the signed link
    in the statement of reasons (``community.appeals.appeal_url``)."""

    template_name = "community/appeal_form.html"
    form_class = AppealForm

    def dispatch(self, request, *args, **kwargs):
        decision = get_object_or_404(
            Decision.objects.select_related(
                "member__profile", "moderator", "case", "comment__case", "appeal"
            ),
            pk=kwargs["pk"],
        )
        token = request.GET.get("t", "")
        if request.user.is_authenticated and request.user.pk == decision.member_id:
            self.member = request.user
        elif appeals.appeal_token_valid(decision, token):
            self.member = decision.member
        elif not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        else:
            raise Http404("Not this member's decision.")
        self.decision = decision
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return community_trail((_("Bezwaar maken"), None))

    def get_context_data(self, **kwargs):
        decision = self.decision
        return super().get_context_data(
            decision=decision,
            item=decision.target,
            appeal=getattr(decision, "appeal", None),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            appeals.appeal_create(
                decision=self.decision, member=self.member, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Je bezwaar is verstuurd. Een moderator bekijkt het en je krijgt het besluit "
                "per e-mail."
            ),
        )
        return redirect(self.request.get_full_path())


class ModerationAppealView(ModeratorRequiredMixin, BreadcrumbsMixin, FormView):
    """One appeal as the deciding moderator needs it: the content (also when its author
    deleted it), the decision, its reports and the member's text; the POST decides."""

    template_name = "community/moderation/appeal.html"
    form_class = AppealDecisionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_moderator(request.user):
            self.appeal = get_object_or_404(appeals.appeal_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [(_("Moderatie"), reverse("community:moderation")), (_("Bezwaar"), None)]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "decision": self.appeal.decision}

    def get_context_data(self, **kwargs):
        appeal, user = self.appeal, self.request.user
        decision = appeal.decision
        item = decision.target
        reports = (
            Report.objects.filter(
                **{"case" if isinstance(item, Case) else "comment": item}
            ).order_by("created_at", "pk")
            if item is not None
            else Report.objects.none()
        )
        return super().get_context_data(
            appeal=appeal,
            decision=decision,
            item=item,
            reports=reports,
            may_decide=appeals.may_decide(appeal, user),
            own_decision=appeals.decided_it_myself(appeal, user),
            log=log_entries().for_target(item or decision.member)[:50],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not appeals.may_decide(self.appeal, request.user):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            appeals.appeal_decide(
                appeal=self.appeal, moderator=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Je besluit is opgeslagen. Het lid krijgt het per e-mail.")
        )
        return redirect("community:moderation")
