"""The team of a trajectory: who is in it, inviting, roles, removing, handing over
ownership; and the page of an invitation link, which also makes an account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from cocreatie.core import ratelimit
from cocreatie.core.views import BreadcrumbsMixin
from planner import services
from planner.forms import InvitationForm, NewAccountForm, RoleForm
from planner.models import INVITATION_DAYS, Membership
from planner.permissions import OWN, READ, TrajectoryMixin
from planner.views import TrajectoryPageMixin, trajectory_trail

TEAM = gettext_lazy("Team")


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class TeamView(TrajectoryPageMixin, TemplateView):
    """The team with their roles, the open invitations, and (for the owner) the
    invitation form and sharing for support."""

    template_name = "planner/team.html"
    page_label = TEAM

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trajectory = self.trajectory
        context["team"] = Membership.objects.filter(trajectory=trajectory).select_related(
            "user__profile__organisation"
        )
        if self.access.is_owner:
            context["invitations"] = trajectory.invitations.open().select_related(
                "invited_by__profile"
            )
            context.setdefault("form", InvitationForm())
            context["role_form"] = RoleForm()
        context["invitation_days"] = INVITATION_DAYS
        return context


class InviteView(TeamView):
    """The owner invites someone by e-mail (the form is on the team page)."""

    needed = OWN
    invite_limit = 30  # invitations per owner per day

    def get(self, request, *args, **kwargs):
        return redirect("planner:team", pk=self.trajectory.pk)

    def post(self, request, pk):
        form = InvitationForm(request.POST)
        if form.is_valid():
            if not ratelimit.hit(request, "planner-invite", limit=self.invite_limit,
                                 period=24 * 60 * 60):  # fmt: skip
                form.add_error(
                    None,
                    _("Je hebt vandaag al veel mensen uitgenodigd. Probeer het morgen weer."),
                )
                return self.render_to_response(self.get_context_data(form=form), status=429)
            try:
                services.invitation_create(
                    trajectory=self.trajectory,
                    owner=request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("email", message)
            else:
                messages.success(
                    request,
                    _(
                        "%(email)s krijgt een uitnodiging per mail. De link werkt %(days)s dagen "
                        "en één keer."
                    )
                    % {"email": form.cleaned_data["email"], "days": INVITATION_DAYS},  # fmt: skip
                )
                return redirect("planner:team", pk=pk)
        return self.render_to_response(self.get_context_data(form=form))


class InvitationRevokeView(TrajectoryMixin, View):
    needed = OWN

    def post(self, request, pk, invitation_pk):
        invitation = get_object_or_404(self.trajectory.invitations, pk=invitation_pk)
        try:
            services.invitation_revoke(invitation=invitation, owner=request.user)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request,
                _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email},
            )
        return redirect("planner:team", pk=pk)


class MembershipMixin(TrajectoryPageMixin):
    @cached_property
    def membership(self) -> Membership:
        return get_object_or_404(
            Membership.objects.filter(trajectory=self.trajectory).select_related("user__profile"),
            pk=self.kwargs["membership_pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, **kwargs)


class RoleView(MembershipMixin, View):
    """The owner makes a team member editor or reader (a POST from the team page)."""

    needed = OWN

    def post(self, request, pk, membership_pk):
        form = RoleForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("role", []):
                messages.error(request, error)
            return redirect("planner:team", pk=pk)
        try:
            membership = services.membership_set_role(
                membership=self.membership, owner=request.user, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request,
                _("%(name)s is nu %(role)s.")
                % {
                    "name": self.membership.user.profile.display_name,
                    "role": membership.get_role_display().lower(),
                },
            )
        return redirect("planner:team", pk=pk)


class MemberRemoveView(MembershipMixin, TemplateView):
    """Confirm, then remove someone (the owner) or leave the team (anyone but the
    owner)."""

    needed = READ
    template_name = "planner/member_remove.html"
    page_label = gettext_lazy("Uit het team")

    def get(self, request, *args, **kwargs):
        self._check()
        return super().get(request, *args, **kwargs)

    def _check(self):
        leaving = self.membership.user_id == self.request.user.pk
        if not leaving and not self.access.is_owner:
            raise PermissionDenied
        return leaving

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            leaving=self.membership.user_id == self.request.user.pk, **kwargs
        )

    def post(self, request, pk, membership_pk):
        leaving = self._check()
        try:
            services.membership_remove(membership=self.membership, actor=request.user)
        except ValidationError as error:
            _error_messages(request, error)
            return redirect("planner:team", pk=pk)
        if leaving:
            messages.success(
                request,
                _("Je bent uit het team van %(title)s gegaan.") % {"title": self.trajectory.title},
            )
            return redirect("planner:list")
        messages.success(
            request,
            _("%(name)s is uit het team gehaald.")
            % {"name": self.membership.user.profile.display_name},
        )
        return redirect("planner:team", pk=pk)


class OwnershipTransferView(MembershipMixin, TemplateView):
    """Confirm, then hand the trajectory to another team member; the owner stays on as
    editor."""

    needed = OWN
    template_name = "planner/transfer.html"
    page_label = gettext_lazy("Eigenaar maken")

    def post(self, request, pk, membership_pk):
        try:
            services.ownership_transfer(
                trajectory=self.trajectory, owner=request.user, membership=self.membership
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request,
                _("%(name)s is nu de eigenaar. Jij bent bewerker.")
                % {"name": self.membership.user.profile.display_name},
            )
        return redirect("planner:team", pk=pk)


@method_decorator(never_cache, name="dispatch")
class InvitationView(BreadcrumbsMixin, FormView):
    """The page of an invitation link. Logged in with the invited address: accept. Not
    logged in: log in (an account with that address exists) or make an account here.
    A link that is used, expired, revoked or for another address says so."""

    template_name = "planner/invitation.html"
    form_class = NewAccountForm
    breadcrumb_label = gettext_lazy("Uitnodiging")

    @cached_property
    def invitation(self):
        return services.invitation_by_token(self.kwargs["token"])

    @cached_property
    def refusal(self) -> str:
        return services.invitation_refusal(self.invitation, self.request.user)

    @cached_property
    def has_account(self) -> bool:
        return self.invitation is not None and services.account_exists(self.invitation.email)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        login_url = reverse("account_login")
        context.update(
            invitation=self.invitation,
            refusal=self.refusal,
            has_account=self.has_account,
            login_url=f"{login_url}?next={self.request.path}",
        )
        if self.invitation is not None:
            context["inviter"] = getattr(
                getattr(self.invitation.invited_by, "profile", None), "display_name", ""
            )
        return context

    def get(self, request, *args, **kwargs):
        status = 404 if self.invitation is None else 200
        return self.render_to_response(self.get_context_data(), status=status)

    def post(self, request, *args, **kwargs):
        if self.invitation is None:
            return self.get(request, *args, **kwargs)
        if self.refusal:
            return self.render_to_response(self.get_context_data(), status=400)
        if request.user.is_authenticated:
            return self.accept(request)
        if self.has_account:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        return super().post(request, *args, **kwargs)

    def accept(self, request):
        try:
            services.invitation_accept(invitation=self.invitation, user=request.user)
        except ValidationError as error:
            _error_messages(request, error)
            return redirect(request.path)
        return self.joined(self.invitation)

    def joined(self, invitation):
        messages.success(
            self.request,
            _("Welkom in het team van %(title)s.") % {"title": invitation.trajectory.title},
        )
        return redirect(invitation.trajectory)

    def form_valid(self, form):
        if not ratelimit.hit(self.request, "planner-invitation-account", limit=10,
                             period=60 * 60):  # fmt: skip
            form.add_error(None, _("Te veel pogingen. Probeer het over een uur opnieuw."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        try:
            user = services.invitation_accept_new_account(
                invitation=self.invitation,
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("password1", message)
            return self.form_invalid(form)
        login(self.request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        return self.joined(self.invitation)


def team_trail(trajectory, *items):
    return trajectory_trail(trajectory, (TEAM, reverse("planner:team", args=[trajectory.pk])),
                            *items)  # fmt: skip
