"""Following and notifications: the follow button's POST, "Mijn volglijst", the
notifications in the site and the member's choice of how each kind reaches them."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView

from cocreatie.core import following
from cocreatie.core import notifications as core_notifications
from cocreatie.core.models import Notification
from cocreatie.core.views import BreadcrumbsMixin
from community import notifications, services
from community.notification_forms import NotificationSettingsForm
from community.templatetags.following import followed_url
from community.views import community_trail, form_error_message, safe_next

FOLLOW, UNFOLLOW = "volgen", "ontvolgen"


class FollowView(LoginRequiredMixin, View):
    """Follow or unfollow one thing (``action``), then back to the page the button was
    on. Only what may be followed (a published challenge, a listed member) exists here."""

    http_method_names = ["post"]

    def post(self, request, key, pk):
        obj = following.target(key, pk)
        if obj is None:
            raise Http404("Nothing to follow here.")
        name = notifications.follow_name(obj)
        action = request.POST.get("action")
        if action == FOLLOW:
            try:
                notifications.follow_create(user=request.user, obj=obj)
            except ValidationError as error:
                form_error_message(request, error)
            else:
                messages.success(request, _("Je volgt nu %(name)s.") % {"name": name})
        elif action == UNFOLLOW:
            notifications.follow_delete(user=request.user, obj=obj)
            messages.success(request, _("Je volgt %(name)s niet meer.") % {"name": name})
        else:
            messages.error(request, _("Kies of je dit wilt volgen of niet meer wilt volgen."))
        return redirect(safe_next(request, followed_url(obj) or reverse("community:follow_list")))


class FollowListView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    """What the member follows, per kind, each with "Niet meer volgen". One query for
    the follows and one per kind followed (``following.follow_list``)."""

    template_name = "community/follow_list.html"

    def get_breadcrumbs(self):
        return community_trail((_("Mijn volglijst"), None))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            groups=following.follow_list(self.request.user),
            followables=following.followables(),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class NotificationListView(LoginRequiredMixin, BreadcrumbsMixin, ListView):
    """The member's notifications, newest first, 25 a page; the unread ones say "Nieuw"
    and count as read once this page has shown them."""

    template_name = "community/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 25

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user).order_by("-created_at", "-pk")

    def get_breadcrumbs(self):
        return community_trail((_("Meldingen"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = list(context["object_list"])  # "Nieuw" stays on this page's copies
        core_notifications.mark_read(self.request.user, shown)
        context.update(object_list=shown, notifications=shown)
        return context


class NotificationSettingsView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """Per kind of notification: at once by mail, in the weekly digest, or only here."""

    template_name = "community/notification_settings.html"
    form_class = NotificationSettingsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs(self):
        return community_trail(
            (_("Meldingen"), reverse("community:notification_list")), (_("Voorkeuren"), None)
        )

    def form_valid(self, form):
        deliveries = dict(form.cleaned_data)
        services.member_language_update(user=self.request.user, language=deliveries.pop("language"))
        core_notifications.preferences_update(user=self.request.user, deliveries=deliveries)
        messages.success(self.request, _("Je voorkeuren zijn bewaard."))
        return redirect("community:notification_settings")
