"""Ask a colleague: the form, your questions (received and sent), one question, and
blocking (``community.questions``)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, TemplateView

from cocreatie.core.views import BreadcrumbsMixin, OnceOnlyMixin
from community import questions
from community.models import Case, Profile, Question, QuestionBlock, Report
from community.question_forms import AnswerForm, QuestionForm
from community.views import community_trail, form_error_message

# How many questions each list on "Mijn vragen" shows, newest first.
LIST_LIMIT = 50


def questions_trail(*items):
    return community_trail((_("Mijn vragen"), reverse("community:question_list")), *items)


@method_decorator(never_cache, name="dispatch")
class QuestionCreateView(OnceOnlyMixin, LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """Ask a colleague who takes questions; ``?verhaal=<slug>``: about one of their
    published cases. A colleague who does not take questions (or is not visible, or is
    you) is not found."""

    form_class = QuestionForm
    template_name = "community/question_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.profile = get_object_or_404(
                Profile.objects.listed()
                .filter(accepts_questions=True, suspended_at__isnull=True)
                .exclude(user=request.user)
                .select_related("user", "organisation"),
                slug=kwargs["slug"],
            )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def case(self) -> Case | None:
        slug = self.request.GET.get("verhaal", "")
        if not slug:
            return None
        return Case.objects.published().filter(slug=slug, author_id=self.profile.user_id).first()

    def get_breadcrumbs(self):
        return community_trail(
            (self.profile.display_name, self.profile.get_absolute_url()),
            (_("Stel een vraag"), None),
        )

    def get_context_data(self, **kwargs):
        # Before typing: say at once when asking is not possible now (a POST that is
        # refused keeps the form, with what was typed).
        refusal = None
        if self.request.method == "GET":
            refusal = questions.question_refusal(
                asker=self.request.user, recipient_profile=self.profile
            )
        return super().get_context_data(
            profile=self.profile,
            case=self.case,
            refusal=refusal.messages[0] if refusal else None,
            question_limit=questions.QUESTION_LIMIT,
            **kwargs,
        )

    def back_url(self) -> str:
        return (self.case or self.profile).get_absolute_url()

    def form_valid(self, form):
        try:
            question, repeat = self.create_once(
                form,
                lambda: questions.question_ask(
                    asker=self.request.user,
                    recipient_profile=self.profile,
                    message=form.cleaned_data["message"],
                    case=self.case,
                ),
                fallback=self.back_url(),
                url=lambda question: self.back_url(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            response = self.form_invalid(form)
            if error.code == questions.RATE_LIMIT_CODE:
                response.status_code = 429
            return response
        if repeat:
            return repeat
        messages.success(
            self.request,
            _(
                "Je vraag is verstuurd naar %(name)s. Het antwoord krijg je per mail, of je "
                "leest het bij Mijn vragen."
            )
            % {"name": self.profile.display_name},
        )
        return redirect(self.back_url())


@method_decorator(never_cache, name="dispatch")
class QuestionListView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    """Questions you received and asked, newest first, and the members you blocked."""

    template_name = "community/question_list.html"

    def get_breadcrumbs(self):
        return community_trail((_("Mijn vragen"), None))

    def get_context_data(self, **kwargs):
        user = self.request.user
        received = Question.objects.filter(recipient=user).select_related(
            "asker__profile__organisation", "case"
        )
        sent = Question.objects.filter(asker=user).select_related(
            "recipient__profile__organisation", "case"
        )
        return super().get_context_data(
            received=received[:LIST_LIMIT],
            received_total=received.count(),
            sent=sent[:LIST_LIMIT],
            sent_total=sent.count(),
            blocks=QuestionBlock.objects.filter(recipient=user)
            .select_related("blocked__profile")
            .order_by("-created_at"),
            list_limit=LIST_LIMIT,
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class QuestionDetailView(LoginRequiredMixin, BreadcrumbsMixin, DetailView):
    """One question, for its asker and its recipient only (anyone else: not found). The
    recipient answers here, blocks the asker or reports the question."""

    template_name = "community/question_detail.html"
    context_object_name = "question"
    answer_prefix = "antwoord"

    def get_queryset(self):
        user = self.request.user
        return Question.objects.filter(Q(asker=user) | Q(recipient=user)).select_related(
            "asker__profile__organisation", "recipient__profile__organisation", "case"
        )

    @property
    def is_recipient(self) -> bool:
        return self.object.recipient_id == self.request.user.pk

    def get_breadcrumbs(self):
        return questions_trail((_("Vraag"), None))

    def get_context_data(self, **kwargs):
        question, user = self.object, self.request.user
        context = {"is_recipient": self.is_recipient}
        if self.is_recipient:
            context["is_blocked"] = (
                question.asker_id is not None
                and QuestionBlock.objects.filter(
                    recipient=user, blocked_id=question.asker_id
                ).exists()
            )
            context["open_report"] = (
                Report.objects.open().filter(question=question, reporter=user).first()
            )
            if "answer_form" not in kwargs and not question.answered_at and question.asker_id:
                context["answer_form"] = AnswerForm(prefix=self.answer_prefix)
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.is_recipient:
            raise Http404("Only the recipient answers a question.")
        form = AnswerForm(request.POST, prefix=self.answer_prefix)
        if form.is_valid():
            try:
                questions.question_answer(
                    question=self.object, recipient=request.user, answer=form.cleaned_data["answer"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Je antwoord is bewaard. De vraagsteller krijgt er bericht van.")
                )
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(answer_form=form))


class QuestionBlockView(LoginRequiredMixin, View):
    """The recipient blocks the asker of one of their questions."""

    def post(self, request, pk):
        question = get_object_or_404(
            Question.objects.select_related("asker__profile"), pk=pk, recipient=request.user
        )
        try:
            questions.question_block(recipient=request.user, question=question)
        except ValidationError as error:
            form_error_message(request, error)
        else:
            messages.success(
                request,
                _(
                    "Je hebt %(name)s geblokkeerd. Dit lid kan je geen vragen meer stellen en "
                    "hoort daar niets over. Opheffen kan bij Mijn vragen."
                )
                % {"name": question.asker.profile.display_name},
            )
        return redirect(question)


class QuestionUnblockView(LoginRequiredMixin, View):
    """The recipient lifts a block, from "Mijn vragen"."""

    def post(self, request, pk):
        block = get_object_or_404(
            QuestionBlock.objects.select_related("blocked__profile"),
            pk=pk,
            recipient=request.user,
        )
        questions.question_unblock(recipient=request.user, block=block)
        profile = getattr(block.blocked, "profile", None)
        if profile:
            message = _("%(name)s kan je weer een vraag stellen.") % {"name": profile.display_name}
        else:
            message = _("Dit lid kan je weer een vraag stellen.")
        messages.success(request, message)
        return redirect("community:question_list")
