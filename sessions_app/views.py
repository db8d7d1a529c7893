"""Public pages of the online sessions, the registrant's personal page (behind a secret
link), and the organisers' pages under /moderatie/sessies/."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from cocreatie.core.i18n import content_label
from cocreatie.core.views import BreadcrumbsMixin, NearestPageMixin, PublicFormMixin
from sessions_app import attendance, calendar, services
from sessions_app.forms import (
    AddSessionsForm,
    EvaluationForm,
    RegistrationForm,
    availability_text,
)
from sessions_app.models import Certificate, Registration, Seat, Session, SessionSeries

SESSIONS = (gettext_lazy("Sessies"), "sessions:series_list")


def sessions_trail(*items):
    return [(SESSIONS[0], reverse(SESSIONS[1])), *items]


def programme(series: SessionSeries):
    """The sessions of a series with seat counts and what a visitor can do."""
    sessions = list(series.sessions.with_seat_counts().select_related("phase").order_by("order"))
    for session in sessions:
        session.series = series
        session.availability = availability_text(session)
    return sessions


def published_series():
    return SessionSeries.objects.published()


# --- Public pages -------------------------------------------------------------------------


class SeriesListView(BreadcrumbsMixin, TemplateView):
    """Upcoming series first (soonest first), then past ones (latest first); each list
    is paged, so the page stays small however many series there are."""

    template_name = "sessions_app/series_list.html"
    breadcrumb_label = gettext_lazy("Sessies")
    per_page = 20

    def get_context_data(self, **kwargs):
        now = timezone.now()
        series = published_series().with_dates().filter(first_start__isnull=False)
        upcoming = Paginator(series.filter(last_end__gte=now).order_by("first_start", "pk"),
                             self.per_page)  # fmt: skip
        past = Paginator(series.filter(last_end__lt=now).order_by("-first_start", "-pk"),
                         self.per_page)  # fmt: skip
        return super().get_context_data(
            upcoming=upcoming.get_page(self.request.GET.get("pagina")),
            past=past.get_page(self.request.GET.get("eerder")),
            **kwargs,
        )


class SeriesDetailView(BreadcrumbsMixin, DetailView):
    template_name = "sessions_app/series_detail.html"
    context_object_name = "series"

    def get_queryset(self):
        return published_series()

    def get_breadcrumbs(self):
        return sessions_trail((content_label(self.object.title), None))

    def get_context_data(self, **kwargs):
        sessions = programme(self.object)
        for session in sessions:
            if session.is_open:
                session.calendar_links = calendar.web_calendar_links(session)
        return super().get_context_data(
            sessions=sessions, any_open=any(s.is_open for s in sessions), **kwargs
        )


class RegisterView(PublicFormMixin, BreadcrumbsMixin, FormView):
    """One form for one or more sessions. The page answers the same whether or not the
    address was registered before; the mail carries the personal link."""

    template_name = "sessions_app/register.html"
    form_class = RegistrationForm
    rate_scope = "session-registration"
    rate_limit = 10
    rate_limit_message = gettext_lazy(
        "Er zijn vanaf jouw adres in korte tijd veel aanmeldingen gedaan. Probeer het "
        "over een uur opnieuw."
    )

    def dispatch(self, request, *args, **kwargs):
        self.series = get_object_or_404(published_series(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def open_sessions(self):
        return self.series.sessions.open_for_registration().with_seat_counts().order_by("order")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sessions": self.open_sessions()}

    def get_initial(self):
        initial = {"sessions": self.request.GET.getlist("sessie")}
        user = self.request.user
        if user.is_authenticated:
            profile = getattr(user, "profile", None)
            initial.update(
                email=user.email,
                name=profile.display_name if profile else user.get_full_name(),
                organisation=profile.organisation.name if profile and profile.organisation else "",
                role=profile.role if profile else "",
            )
        return initial

    def get_breadcrumbs(self):
        return sessions_trail(
            (content_label(self.series.title), self.series.get_absolute_url()),
            (_("Aanmelden"), None),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.series, **kwargs)

    def form_accepted(self, form):
        data = form.cleaned_data
        try:
            result = services.registration_create(
                series=self.series,
                sessions=data["sessions"],
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                role=data["role"],
                user=self.request.user if self.request.user.is_authenticated else None,
            )
        except ValidationError as error:
            form.add_error("sessions", error)
            return self.form_invalid(form)
        # What this request did, and nothing else: whoever typed the address may not be
        # its owner, so seats the address held before are never shown.
        self.outcome = {
            "series": self.series.pk,
            "seats": [
                {"session": seat.session_id, "status": seat.status, "place": seat.waiting_place}
                for seat in result.new_seats
            ],
            "unchanged": len(data["sessions"]) - len(result.new_seats),
        }
        return None

    def form_done(self, form):
        url = reverse("sessions:registered", args=[self.series.slug])
        response = redirect(url)
        stored = {"email": form.cleaned_data["email"], "outcome": getattr(self, "outcome", None)}
        response.set_cookie(
            REGISTERED_COOKIE,
            signing.dumps(stored, salt=REGISTERED_COOKIE, compress=True),
            max_age=REGISTERED_MAX_AGE,
            path=url,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


# What the page after registering shows (RegisteredView): the address typed and what this
# request did. In a signed cookie for that page alone rather than in the session, so a
# registration writes no session row; it only tells the browser what it sent itself.
REGISTERED_COOKIE = "aanmelding"
REGISTERED_MAX_AGE = 60 * 60


@method_decorator(never_cache, name="dispatch")  # it shows what this browser sent
class RegisteredView(BreadcrumbsMixin, TemplateView):
    template_name = "sessions_app/registered.html"

    def get(self, request, *args, **kwargs):
        self.series = get_object_or_404(published_series(), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return sessions_trail(
            (content_label(self.series.title), self.series.get_absolute_url()),
            (_("Aangemeld"), None),
        )

    @cached_property
    def stored(self) -> dict:
        """What ``RegisterView.form_done`` stored, if it is still there and untouched."""
        try:
            return signing.loads(
                self.request.COOKIES.get(REGISTERED_COOKIE, ""),
                salt=REGISTERED_COOKIE,
                max_age=REGISTERED_MAX_AGE,
            )
        except signing.BadSignature:
            return {}

    def outcome(self):
        """Per session of the last registration request in this browser: confirmed, or
        the place on the waiting list (see ``RegisterView.form_accepted``)."""
        stored = self.stored.get("outcome")
        if not stored or stored.get("series") != self.series.pk:
            return [], 0
        sessions = self.series.sessions.in_bulk([item["session"] for item in stored["seats"]])
        seats = [
            {"session": sessions[item["session"]],
             "confirmed": item["status"] == Seat.Status.CONFIRMED, "place": item["place"]}
            for item in stored["seats"]
            if item["session"] in sessions
        ]  # fmt: skip
        seats.sort(key=lambda item: item["session"].order)
        return seats, stored.get("unchanged", 0)

    def get_context_data(self, **kwargs):
        outcome, unchanged = self.outcome()
        return super().get_context_data(
            series=self.series,
            email=self.stored.get("email"),
            outcome=outcome,
            any_waiting=any(not item["confirmed"] for item in outcome),
            unchanged=unchanged,
            **kwargs,
        )


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def series_ics(request, slug):
    series = get_object_or_404(published_series(), slug=slug)
    sessions = series.sessions.select_related("series").order_by("order")
    return _calendar_response(calendar.build_calendar(sessions), calendar.filename(series))


def session_ics(request, slug, order):
    session = get_object_or_404(
        Session.objects.select_related("series").filter(series__is_published=True),
        series__slug=slug,
        order=order,
    )
    return _calendar_response(calendar.build_calendar([session]), calendar.filename(session))


# --- The registrant's personal page ------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class PersonalMixin:
    """Pages behind the secret link: not cached, not indexed, never sent as referrer to
    another site."""

    def dispatch(self, request, *args, **kwargs):
        self.registration = get_object_or_404(
            Registration.objects.select_related("series").filter(anonymised_at__isnull=True),
            token=kwargs["token"],
        )
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        # Not "no-referrer": Chrome then sends "Origin: null" and CSRF refuses the forms.
        response["Referrer-Policy"] = "same-origin"
        return response

    def seats(self):
        seats = list(
            self.registration.seats.with_waiting_place()
            .select_related("session__series", "session__phase", "evaluation")
            .order_by("session__order")
        )
        for seat in seats:
            if seat.is_confirmed and seat.session.is_open:
                seat.session.calendar_links = calendar.web_calendar_links(seat.session)
        return seats


class RegistrationView(PersonalMixin, TemplateView):
    template_name = "sessions_app/registration.html"

    def addable_sessions(self):
        taken = self.registration.seats.active().values("session")
        return (
            self.registration.series.sessions.open_for_registration()
            .exclude(pk__in=taken)
            .with_seat_counts()
            .order_by("order")
        )

    def get_context_data(self, **kwargs):
        addable = self.addable_sessions()
        seats = self.seats()
        return super().get_context_data(
            registration=self.registration,
            series=self.registration.series,
            seats=seats,
            # Whoever attended a session can download a certificate of participation.
            attended_any=any(seat.attended for seat in seats),
            add_form=kwargs.pop("add_form", None) or AddSessionsForm(sessions=addable),
            **kwargs,
        )


class RegistrationAddView(RegistrationView):
    def post(self, request, *args, **kwargs):
        form = AddSessionsForm(request.POST, sessions=self.addable_sessions())
        if form.is_valid():
            registration = self.registration
            try:
                services.registration_create(
                    series=registration.series,
                    sessions=form.cleaned_data["sessions"],
                    name=registration.name,
                    email=registration.email,
                )
            except ValidationError as error:
                form.add_error("sessions", error)
            else:
                messages.success(request, _("Je aanmelding is bijgewerkt. Je krijgt een e-mail."))
                return redirect(registration)
        return self.render_to_response(self.get_context_data(add_form=form))

    def get(self, request, *args, **kwargs):
        return redirect(self.registration)


class SeatCancelView(PersonalMixin, View):
    def post(self, request, token, seat_pk):
        seat = get_object_or_404(self.registration.seats.select_related("session"), pk=seat_pk)
        try:
            services.seat_cancel(seat=seat)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Je bent afgemeld voor '%(title)s'. Je krijgt een e-mail.")
                % {"title": seat.session.title},
            )
        return redirect(self.registration)


class EvaluationView(PersonalMixin, BreadcrumbsMixin, FormView):
    template_name = "sessions_app/evaluation.html"
    form_class = EvaluationForm

    def get_seat(self):
        seat = (
            self.registration.seats.select_related("session__series", "evaluation")
            .filter(session__order=self.kwargs["order"], status=Seat.Status.CONFIRMED)
            .first()
        )
        if seat is None or not seat.was_attended:
            raise Http404
        return seat

    def get_context_data(self, **kwargs):
        seat = self.get_seat()
        return super().get_context_data(
            seat=seat,
            session=seat.session,
            registration=self.registration,
            already=seat.is_evaluated,
            **kwargs,
        )

    def get_breadcrumbs(self):
        return sessions_trail((_("Co-evaluatie"), None))

    def form_valid(self, form):
        try:
            services.evaluation_create(seat=self.get_seat(), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Dank je wel! Je antwoorden helpen de volgende sessies."))
        return redirect(self.registration)


class MyRegistrationsView(LoginRequiredMixin, NearestPageMixin, BreadcrumbsMixin, ListView):
    """A member's registrations: made while logged in, or with their own address; the
    newest first, 20 to a page."""

    template_name = "sessions_app/my_registrations.html"
    context_object_name = "registrations"
    paginate_by = 20

    def get_breadcrumbs(self):
        return sessions_trail((_("Mijn aanmeldingen"), None))

    def get_queryset(self):
        return (
            Registration.objects.of_member(self.request.user)
            .select_related("series")
            .prefetch_related(
                Prefetch(
                    "seats",
                    queryset=Seat.objects.with_waiting_place()
                    .select_related("session")
                    .order_by("session__order"),
                )
            )
            .order_by("-created_at", "-pk")
        )


# --- Certificates of participation ----------------------------------------------------------


class CertificateDownloadView(PersonalMixin, View):
    """The registrant's certificate as a PDF, made or brought up to date on every
    download; there is none until a session is ticked as attended."""

    def get(self, request, token):
        try:
            certificate = attendance.certificate_issue(registration=self.registration)
        except ValidationError:
            raise Http404 from None
        certificate.series = self.registration.series
        pdf = attendance.certificate_pdf(
            certificate, attendance.attended_sessions(self.registration)
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"deelnamebewijs-{self.registration.series.slug}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


@method_decorator(never_cache, name="dispatch")
class CertificateVerifyView(BreadcrumbsMixin, TemplateView):
    """Anyone with the code can check a certificate: the name, the series and the hours,
    nothing more. Never cached (a change of attendance shows at once), never indexed."""

    template_name = "sessions_app/certificate_verify.html"
    breadcrumb_label = gettext_lazy("Deelnamebewijs controleren")

    def get(self, request, code):
        certificate = (
            Certificate.objects.select_related("series").filter(code=code, minutes__gt=0).first()
        )
        context = self.get_context_data(
            certificate=certificate,
            code=code,
            hours=attendance.hours_label(certificate.minutes) if certificate else "",
        )
        response = self.render_to_response(context, status=200 if certificate else 404)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
