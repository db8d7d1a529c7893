"""Meetings and co-evaluation: the team's list with the chart of the scores, recording,
changing and deleting a meeting, closing or reopening the score link; and the score page
that anyone with the link can use, without an account."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from cocreatie.core import ratelimit
from cocreatie.core.i18n import for_others
from planner import meetings
from planner.meeting_forms import MeetingForm, ScoreForm
from planner.models import Meeting
from planner.permissions import EDIT, TrajectoryMixin
from planner.views import TrajectoryPageMixin, trajectory_trail

MEETINGS = gettext_lazy("Bijeenkomsten")
EVALUATION_PARAMETER = "evaluatie"  # ?soort=evaluatie on the create page


def meetings_url(trajectory) -> str:
    return reverse("planner:meetings", args=[trajectory.pk])


class MeetingListView(TrajectoryPageMixin, TemplateView):
    """The meetings and co-evaluation moments, newest first, under the chart of the
    scores over time. Two queries for all of it (``meetings.meeting_overview``), so the
    page does not slow down as meetings and scores add up."""

    template_name = "planner/meeting_list.html"
    page_label = MEETINGS

    def get_context_data(self, **kwargs):
        overview = meetings.meeting_overview(self.trajectory)
        return super().get_context_data(meetings=overview.meetings, chart=overview.chart, **kwargs)


class MeetingMixin:
    """For the pages of one meeting (``meeting_pk``) of the trajectory; another
    trajectory's meeting does not exist here (404)."""

    @cached_property
    def meeting(self) -> Meeting:
        meeting = Meeting.objects.filter(
            trajectory=self.trajectory, pk=self.kwargs["meeting_pk"]
        ).first()
        if meeting is None:
            raise Http404
        meeting.trajectory = self.trajectory
        return meeting

    def get_breadcrumbs(self):
        return trajectory_trail(
            self.trajectory,
            (MEETINGS, meetings_url(self.trajectory)),
            *self.meeting_trail(),
        )

    def meeting_trail(self):
        return [(self.meeting.title, None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)


class MeetingFormMixin:
    needed = EDIT
    form_class = MeetingForm
    template_name = "planner/meeting_form.html"

    def form_data(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in meetings.MEETING_FIELDS}


class MeetingCreateView(MeetingFormMixin, TrajectoryPageMixin, FormView):
    """Record a meeting; ``?soort=evaluatie`` starts with co-evaluation chosen."""

    @property
    def evaluation_asked(self) -> bool:
        return self.request.GET.get("soort") == EVALUATION_PARAMETER

    @property
    def page_label(self):
        if self.evaluation_asked:
            return _("Co-evaluatie vastleggen")
        return _("Bijeenkomst vastleggen")

    def get_breadcrumbs(self):
        return trajectory_trail(
            self.trajectory, (MEETINGS, meetings_url(self.trajectory)), (self.page_label, None)
        )

    def get_initial(self):
        kind = Meeting.Kind.EVALUATION if self.evaluation_asked else Meeting.Kind.MEETING
        return {"kind": kind, "held_on": timezone.localdate()}

    def form_valid(self, form):
        try:
            meeting = meetings.meeting_create(
                trajectory=self.trajectory, editor=self.request.user, **self.form_data(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if meeting.is_evaluation:
            messages.success(
                self.request,
                _("De co-evaluatie is vastgelegd. Deel de link hieronder met de deelnemers."),
            )
        else:
            messages.success(self.request, _("De bijeenkomst is vastgelegd."))
        return redirect(meeting)


class MeetingDetailView(MeetingMixin, TrajectoryPageMixin, TemplateView):
    """Everything recorded; for a co-evaluation also the score link, the scores and the
    comments given with them (without who gave them)."""

    template_name = "planner/meeting_detail.html"

    @property
    def page_label(self):
        return self.meeting.title

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        context = {}
        if meeting.is_evaluation:
            with for_others():  # the link is for the participants, in the site's language
                score_link = settings.SITE_URL + meeting.score_url()
            context = {
                "figures": meetings.score_figures([meeting])[meeting.pk],
                "comments": meetings.comments_of(meeting),
                "score_link": score_link,
            }
        return super().get_context_data(**context, **kwargs)


class MeetingUpdateView(MeetingMixin, MeetingFormMixin, TrajectoryPageMixin, FormView):
    page_label = gettext_lazy("Bijeenkomst wijzigen")

    def meeting_trail(self):
        return [
            (self.meeting.title, self.meeting.get_absolute_url()),
            (self.page_label, None),
        ]

    def get_initial(self):
        return {name: getattr(self.meeting, name) for name in meetings.MEETING_FIELDS}

    def form_valid(self, form):
        try:
            meeting = meetings.meeting_update(
                meeting=self.meeting, editor=self.request.user, **self.form_data(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De wijzigingen zijn opgeslagen."))
        return redirect(meeting)


class MeetingDeleteView(MeetingMixin, TrajectoryPageMixin, TemplateView):
    """Confirm, then delete the meeting (and its scores)."""

    needed = EDIT
    template_name = "planner/meeting_delete.html"
    page_label = gettext_lazy("Bijeenkomst verwijderen")

    def meeting_trail(self):
        return [
            (self.meeting.title, self.meeting.get_absolute_url()),
            (self.page_label, None),
        ]

    def get_context_data(self, **kwargs):
        count = self.meeting.scores.count() if self.meeting.is_evaluation else 0
        return super().get_context_data(score_count=count, **kwargs)

    def post(self, request, pk, meeting_pk):
        title = self.meeting.title
        meetings.meeting_delete(meeting=self.meeting, editor=request.user)
        messages.success(request, _("%(title)s is verwijderd.") % {"title": title})
        return redirect(meetings_url(self.trajectory))


class ScoresOpenView(MeetingMixin, TrajectoryMixin, View):
    """Close the score link of a co-evaluation, or open it again (a POST only)."""

    needed = EDIT

    def post(self, request, pk, meeting_pk):
        wanted = request.POST.get("open") == "ja"
        try:
            meetings.scores_open(meeting=self.meeting, editor=request.user, open=wanted)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if wanted:
                messages.success(
                    request, _("De link is weer open: deelnemers kunnen een cijfer geven.")
                )
            else:
                messages.success(
                    request, _("Cijfers geven is gesloten. Wie de link opent, leest dat.")
                )
        return redirect(self.meeting)


# --- The score link, for anyone ------------------------------------------------------------

VOTER_COOKIE = "cijfer"
VOTER_SALT = "planner.score.voter"
VOTER_MAX_AGE = 90 * 24 * 60 * 60
SCORE_RATE = {"limit": 30, "period": 60 * 60}


@method_decorator(never_cache, name="dispatch")
class ScoreView(View):
    """A participant gives a score without an account. The page shows the trajectory's
    and the meeting's title and date, nothing else of the trajectory. A random key in a
    signed cookie, for this link only, lets the same browser change its score later
    instead of adding one."""

    form_template = "planner/score_form.html"
    closed_template = "planner/score_closed.html"

    def dispatch(self, request, *args, **kwargs):
        self.meeting = meetings.meeting_by_score_token(kwargs["token"])
        if self.meeting is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def voter(self) -> str | None:
        return self.request.get_signed_cookie(
            VOTER_COOKIE, default=None, salt=VOTER_SALT, max_age=VOTER_MAX_AGE
        )

    def render_form(self, form, given=None, status=200):
        context = {"meeting": self.meeting, "trajectory": self.meeting.trajectory,
                   "form": form, "given": given}  # fmt: skip
        return render(self.request, self.form_template, context, status=status)

    def render_closed(self):
        context = {"meeting": self.meeting, "trajectory": self.meeting.trajectory}
        return render(self.request, self.closed_template, context)

    def get(self, request, token):
        if not self.meeting.scores_open:
            return self.render_closed()
        given = meetings.score_of(self.meeting, self.voter())
        initial = {"score": given.score, "comment": given.comment} if given else None
        return self.render_form(ScoreForm(initial=initial), given)

    def post(self, request, token):
        if not self.meeting.scores_open:
            return self.render_closed()
        form = ScoreForm(request.POST)
        if not ratelimit.hit(request, "planner-score", **SCORE_RATE):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Vanaf jouw internetadres zijn in korte tijd heel veel cijfers gegeven. "
                    "Probeer het over een uur opnieuw."
                ),
            )
            return self.render_form(form, status=429)
        if not form.is_valid():
            return self.render_form(form, meetings.score_of(self.meeting, self.voter()))
        voter = self.voter() or secrets.token_urlsafe(24)
        try:
            meetings.score_give(
                meeting=self.meeting,
                voter=voter,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            self.meeting.refresh_from_db()
            if not self.meeting.scores_open:
                return self.render_closed()
            form.add_error(None, error)
            return self.render_form(form)
        response = redirect(request.path)
        response.set_signed_cookie(
            VOTER_COOKIE,
            voter,
            salt=VOTER_SALT,
            max_age=VOTER_MAX_AGE,
            path=request.path,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure() or settings.SESSION_COOKIE_SECURE,
        )
        return response
