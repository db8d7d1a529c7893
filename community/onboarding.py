"""The welcome page a new member sees once, right after confirming their address.

Two steps in one form: complete the profile (name, organisation, role: the fields and
rules of the profile form) and pick the challenges and phases to follow. Then three next
steps: read a colleague's case, share your own, join a session.

Who lands here: the account adapter sends every log-in of a member whose
``Profile.welcomed_at`` is empty to this page (the log-in that follows the confirmation
link included). ``welcomed_at`` is set the first time the page is shown, not only when
the form is sent: a member who skips it, or closes the tab, is not sent here again at
every log-in. The page stays open to come back to.
"""

from collections.abc import Iterable

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from cocreatie.core import following
from cocreatie.core.i18n import ShownText
from cocreatie.core.views import BreadcrumbsMixin
from community import services
from community.forms import ProfileForm
from community.models import Case, Organisation, Profile, User
from roadmap.forms import ShownTitleChoicesField
from roadmap.models import Challenge, Phase

# The query string of the page's second state: only the next steps.
NEXT_STEPS = "verder"


def next_steps_url() -> str:
    return f"{reverse('community:welcome')}?stap={NEXT_STEPS}"


def needs_welcome(user) -> bool:
    """Whether a log-in of ``user`` should land on the welcome page: a member who has a
    profile (every sign-up gets one) and has not seen the page yet."""
    return Profile.objects.filter(user=user, welcomed_at=None).exists()


# --- Writes ---------------------------------------------------------------------------------


@transaction.atomic
def member_welcome(*, user: User) -> Profile:
    """Record that ``user`` has seen the welcome page; the first moment stays."""
    profile = services.profile_ensure(user=user)
    if profile.welcomed_at is None:
        now = timezone.now()
        Profile.objects.filter(pk=profile.pk, welcomed_at=None).update(welcomed_at=now)
        profile.welcomed_at = now
    return profile


def _follows_set(*, user: User, offered: Iterable, chosen: Iterable, what: str) -> None:
    """Follow the ``chosen`` ones of ``offered`` and unfollow the other offered ones;
    follows of anything not offered (no longer published) are left as they are."""
    offered = list(offered)
    offered_ids = {obj.pk for obj in offered}
    chosen_ids = {obj.pk for obj in chosen}
    if not chosen_ids <= offered_ids:
        raise ValidationError(_("Je kunt alleen %(what)s uit de lijst volgen.") % {"what": what})
    followed = following.followed_ids(user, type(offered[0])) if offered else set()
    for obj in offered:
        if obj.pk in chosen_ids and obj.pk not in followed:
            following.follow(user=user, obj=obj)
        elif obj.pk not in chosen_ids and obj.pk in followed:
            following.unfollow(user=user, obj=obj)


@transaction.atomic
def onboarding_save(
    *,
    user: User,
    display_name: str,
    organisation: Organisation | None,
    role: str,
    new_organisation: str = "",
    new_organisation_kind: str = "",
    challenges: Iterable[Challenge] = (),
    phases: Iterable[Phase] = (),
) -> Profile:
    """The welcome form: the profile's name, organisation (an existing one, or a new one
    by name and kind, as on the profile page) and role; the published challenges and
    phases the member follows (those not chosen are unfollowed). Marks the page seen."""
    profile = member_welcome(user=user)
    if new_organisation.strip():
        organisation = services.organisation_create(
            name=new_organisation, kind=new_organisation_kind, actor=user
        )
    services.profile_update(
        profile=profile, display_name=display_name, organisation=organisation, role=role
    )
    _follows_set(
        user=user, offered=Challenge.objects.published(), chosen=challenges, what=_("uitdagingen")
    )
    _follows_set(user=user, offered=Phase.objects.published(), chosen=phases, what=_("fasen"))
    return profile


# --- The form -------------------------------------------------------------------------------


class ChallengeChoicesField(ShownTitleChoicesField):
    def label_from_instance(self, obj):
        title = super().label_from_instance(obj)
        return ShownText(f"{obj.number}. {title}", title.lang)


def _interest_errors(what) -> dict:
    """The error messages of a field of interests; ``what``: "uitdagingen" or "fasen"."""
    choose = lazy(lambda: _("Kies %(what)s uit de lijst.") % {"what": what}, str)()
    return {
        "invalid_choice": lazy(
            lambda: (
                _("Kies %(what)s uit de lijst: een van je keuzes bestaat niet (meer).")
                % {"what": what}
            ),
            str,
        )(),
        "invalid_pk_value": choose,
        "invalid_list": choose,
    }


class WelcomeForm(ProfileForm):
    """The profile form's name, organisation (with a new one) and role, plus the
    challenges and phases to follow. The profile's rules are the profile form's."""

    profile_fields = (
        "display_name", "organisation", "new_organisation", "new_organisation_kind", "role"
    )  # fmt: skip

    challenges = ChallengeChoicesField(
        label=gettext_lazy("Uitdagingen"),
        queryset=Challenge.objects.published(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Problemen die vaak voorkomen bij co-creatie. Kies er zoveel als je wilt."
        ),
        error_messages=_interest_errors(gettext_lazy("uitdagingen")),
    )
    phases = ShownTitleChoicesField(
        label=gettext_lazy("Fasen van co-creatie"),
        queryset=Phase.objects.published(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Van samen beginnen tot samen terugkijken. Kies de fasen waar je nu mee bezig bent."
        ),
        error_messages=_interest_errors(gettext_lazy("fasen")),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what colleagues see first; the rest stays on the profile page.
        for name in set(self.fields) - {*self.profile_fields, "challenges", "phases"}:
            del self.fields[name]
        role = self.fields["role"]
        role.help_text = _("Bijvoorbeeld: beleidsadviseur participatie.")
        role.error_messages["max_length"] = _(
            "Je functie is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."
        )
        self.fields["organisation"].error_messages["invalid_choice"] = _(
            "Kies je organisatie uit de lijst, of vul hieronder een nieuwe in."
        )
        self.fields["new_organisation"].error_messages["max_length"] = _(
            "De naam van je organisatie is te lang: maximaal %(limit_value)d tekens "
            "(nu %(show_value)d)."
        )
        if not self.is_bound:
            self.initial["challenges"] = sorted(following.followed_ids(user, Challenge))
            self.initial["phases"] = sorted(following.followed_ids(user, Phase))

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.profile_fields}


# --- The page -------------------------------------------------------------------------------


def case_to_read(user: User, *, challenge_ids, phase_ids) -> Case | None:
    """A recent published case by someone else, on one of the member's subjects if
    there is one."""
    cases = Case.objects.published().exclude(author=user).order_by("-published_at", "-pk")
    if challenge_ids or phase_ids:
        on_subject = cases.about(challenge_ids=challenge_ids, phase_ids=phase_ids)
        if case := on_subject.first():
            return case
    return cases.first()


@method_decorator(never_cache, name="dispatch")
class WelcomeView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """The welcome page: the two steps, or (``?stap=verder``, after sending or skipping)
    the three next steps. Showing it marks it seen (``member_welcome``)."""

    template_name = "community/welcome.html"
    form_class = WelcomeForm
    breadcrumb_label = gettext_lazy("Welkom")

    def get(self, request, *args, **kwargs):
        self.profile = member_welcome(user=request.user)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.profile = services.profile_ensure(user=request.user)
        return super().post(request, *args, **kwargs)

    @property
    def next_steps_only(self) -> bool:
        return self.request.method == "GET" and self.request.GET.get("stap") == NEXT_STEPS

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.profile, "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["name"] = context["form"].initial.get("display_name", "")
        context["next_steps_only"] = self.next_steps_only
        context["next_steps_url"] = next_steps_url()
        if self.next_steps_only:
            user = self.request.user
            context["case_to_read"] = case_to_read(
                user,
                challenge_ids=following.followed_ids(user, Challenge),
                phase_ids=following.followed_ids(user, Phase),
            )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            onboarding_save(
                user=self.request.user,
                challenges=data["challenges"],
                phases=data["phases"],
                **form.profile_data(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        topics = len(data["challenges"]) + len(data["phases"])
        saved = _("Je profiel is opgeslagen.")
        if topics:
            saved += " " + ngettext(
                "Je volgt nu %(count)d onderwerp.", "Je volgt nu %(count)d onderwerpen.", topics
            ) % {"count": topics}
        messages.success(self.request, saved)
        return redirect(next_steps_url())
