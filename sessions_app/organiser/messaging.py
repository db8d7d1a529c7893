"""Mail to participants: choose who gets it, check the mail one of them will get, send;
then every message of a series, and per message what became of each person's mail.

The compose page posts to itself in steps (``step``): ``preview`` shows the mail and
the number of recipients with the data in hidden fields, ``edit`` brings the filled
form back, ``send`` sends to whoever is in the group at that moment."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import DetailView, ListView, TemplateView

from cocreatie.core.i18n import content_label, sentence_with
from sessions_app import messaging
from sessions_app.messaging import Group
from sessions_app.models import ParticipantMessage, Session, SessionSeries
from sessions_app.organiser.base import OrganiserPageMixin, SeriesObjectMixin, series_trail

WHOLE_SERIES = "reeks"
HISTORY = gettext_lazy("Verstuurde berichten")


def session_choice_label(session: Session) -> SafeString:
    """'2. Ontwerpen — donderdag 11 juni 2027, 13.30 uur (afgelopen)', the title marked
    as Dutch on an English page."""
    start = timezone.localtime(session.starts_at)
    label = sentence_with(
        _("%(session)s — %(day)s, %(time)s uur"),
        session=content_label(str(session)),
        day=formats.date_format(start, "l j F Y"),
        time=f"{start:%H.%M}",
    )
    return label if session.is_open else format_html("{} ({})", label, session.state_label.lower())


class ParticipantMessageForm(forms.Form):
    group = forms.ChoiceField(
        label=gettext_lazy("Wie krijgt het bericht?"),
        choices=Group.choices,
        initial=Group.ACTIVE,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            '"Was aanwezig": wie je hebt aangevinkt bij "Aanwezigheid bijhouden". "Was '
            'niet aanwezig": wie was aangemeld maar niet is aangevinkt, alleen bij afgelopen '
            "sessies waarvan je de aanwezigheid hebt bijgehouden."
        ),
        error_messages={
            "required": gettext_lazy("Kies wie het bericht krijgt."),
            "invalid_choice": gettext_lazy("Kies wie het bericht krijgt."),
        },
    )
    # Radio buttons rather than a list: a session's title is Dutch content, marked as
    # such in its label on an English page (an <option> cannot hold that mark).
    session = forms.ChoiceField(
        label=gettext_lazy("Van welke sessie?"),
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Iemand die bij meer sessies hoort, krijgt het bericht één keer."),
        error_messages={
            "required": gettext_lazy("Kies een sessie of de hele reeks."),
            "invalid_choice": gettext_lazy("Kies een sessie van deze reeks, of de hele reeks."),
        },
    )
    subject = forms.CharField(
        label=gettext_lazy("Onderwerp"),
        max_length=messaging.SUBJECT_MAX,
        error_messages={
            "required": gettext_lazy("Vul een onderwerp in."),
            "max_length": gettext_lazy("Het onderwerp mag maximaal %(limit_value)d tekens hebben."),
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Bericht"),
        max_length=messaging.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "We zetten er een aanhef met de naam boven, en eronder de link naar de eigen "
            "aanmeldpagina en waarom iemand deze e-mail krijgt."
        ),
        error_messages={
            "required": gettext_lazy("Schrijf een bericht."),
            "max_length": gettext_lazy("Het bericht mag maximaal %(limit_value)d tekens hebben."),
        },
    )

    def __init__(self, *args, series: SessionSeries, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {str(s.pk): s for s in series.sessions.order_by("order")}
        self.fields["session"].choices = [
            (WHOLE_SERIES, _("Alle sessies van de reeks")),
            *((pk, session_choice_label(s)) for pk, s in self.sessions.items()),
        ]
        self.fields["session"].initial = WHOLE_SERIES

    def clean_session(self) -> Session | None:
        return self.sessions.get(self.cleaned_data["session"])

    def clean_subject(self):
        value = " ".join(self.cleaned_data["subject"].split())
        if not value:
            raise ValidationError(_("Vul een onderwerp in."))
        return value

    def clean_message(self):
        value = self.cleaned_data["message"].strip()
        if not value:
            raise ValidationError(_("Schrijf een bericht."))
        return value


class MessageComposeView(OrganiserPageMixin, SeriesObjectMixin, TemplateView):
    template_name = "sessions_app/organiser/message_compose.html"
    preview_template_name = "sessions_app/organiser/message_preview.html"

    def get_breadcrumbs(self):
        return series_trail(self.series, (_("Deelnemers mailen"), None))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.make_form())
        return super().get_context_data(series=self.series, **kwargs)

    def make_form(self, data=None):
        form = ParticipantMessageForm(data, series=self.series)
        chosen = self.request.GET.get("sessie", "")
        if data is None and chosen in form.sessions:  # from a session's page
            form.initial["session"] = chosen
        return form

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        step = request.POST.get("step")
        if step == "edit" or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        arguments = {"series": self.series, "actor": request.user, **form.cleaned_data}
        try:
            if step == "send":
                return self.send(arguments)
            email, count = messaging.participant_message_preview(**arguments)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        chosen = form.cleaned_data
        context = self.get_context_data(
            form=form,
            email=email,
            count=count,
            persons=messaging.persons(count),
            recipients=messaging.recipients_description(chosen["group"], chosen["session"]),
        )
        return TemplateResponse(request, self.preview_template_name, context)

    def send(self, arguments):
        sent = messaging.participant_message_send(**arguments)
        done = _("Je bericht gaat naar %(persons)s.") % {
            "persons": messaging.persons(sent.recipient_count)
        }
        previewed = self.request.POST.get("previewed", "")
        if previewed.isdigit() and int(previewed) != sent.recipient_count:
            done += " " + ngettext(
                "Bij het voorbeeld was dat er %(count)s: sindsdien heeft iemand zich "
                "aangemeld of afgemeld.",
                "Bij het voorbeeld waren dat er %(count)s: sindsdien heeft iemand zich "
                "aangemeld of afgemeld.",
                int(previewed),
            ) % {"count": previewed}
        messages.success(self.request, done)
        return redirect(sent.get_absolute_url())


def sender_label(user) -> str:
    if user is None:
        return _("voormalig lid")
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else user.email


class MessageHistoryView(OrganiserPageMixin, SeriesObjectMixin, ListView):
    """Every message of the series, newest first; sender and session come in the same
    query (no query per row)."""

    template_name = "sessions_app/organiser/message_history.html"
    context_object_name = "sent_messages"
    paginate_by = 50

    def get_queryset(self):
        return self.series.messages.select_related("session", "sender__profile").order_by(
            "-created_at", "-pk"
        )

    def get_breadcrumbs(self):
        return series_trail(self.series, (HISTORY, None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(series=self.series, **kwargs)
        for message in context["sent_messages"]:
            message.recipients = messaging.recipients_description(message.group, message.session)
            message.sender_label = sender_label(message.sender)
        return context


class MessageDetailView(OrganiserPageMixin, DetailView):
    """One message and each recipient's mail; the outbox rows come with the recipients
    (no query per recipient), 200 to a page."""

    template_name = "sessions_app/organiser/message_detail.html"
    context_object_name = "sent_message"
    per_page = 200

    def get_queryset(self):
        return ParticipantMessage.objects.select_related("series", "session", "sender__profile")

    def get_breadcrumbs(self):
        series = self.object.series
        return series_trail(
            series,
            (HISTORY, reverse("sessions:organiser_mail_history", args=[series.pk])),
            (content_label(self.object.subject), None),
        )

    def get_context_data(self, **kwargs):
        message = self.object
        deliveries = message.deliveries.select_related("registration", "outgoing").order_by(
            Lower("registration__name"), "pk"
        )
        page = Paginator(deliveries, self.per_page).get_page(self.request.GET.get("pagina"))
        for delivery in page:
            delivery.state = messaging.delivery_state(delivery.outgoing)
        return super().get_context_data(
            page=page,
            totals=messaging.delivery_totals(message),
            recipients=messaging.recipients_description(message.group, message.session),
            sender_label=sender_label(message.sender),
            **kwargs,
        )
