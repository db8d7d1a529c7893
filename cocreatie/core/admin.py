"""The action log in the administration (read only), and admin actions that ask for a
reason or a number first and then call a service."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cocreatie.core.models import ActionLog, Follow, Notification


def service_action(*, name: str, description: str, apply, form_class=None):
    """An admin action that calls a service once per selected object.

    ``apply(request, obj, **cleaned_data)`` does the work; a ``ValidationError`` or
    ``PermissionDenied`` it raises is shown for that object and the others go on. With
    ``form_class`` the action first shows a page with that form (a reason, a message,
    a number) and runs only once the form is valid.
    """

    def action(modeladmin, request, queryset):
        data = {}
        if form_class is not None:
            form = form_class(request.POST if "apply" in request.POST else None)
            if not form.is_valid():
                return TemplateResponse(
                    request,
                    "admin/service_action_form.html",
                    {
                        **modeladmin.admin_site.each_context(request),
                        "title": description,
                        "opts": modeladmin.model._meta,
                        "form": form,
                        "objects": queryset,
                        "action_name": name,
                        "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
                        "select_across": request.POST.get("select_across", "0"),
                    },
                )
            data = form.cleaned_data
        done = 0
        for obj in queryset:
            try:
                apply(request, obj, **data)
            except (ValidationError, PermissionDenied) as error:
                reasons = getattr(error, "messages", None) or [_("Dat mag je niet.")]
                modeladmin.message_user(request, f"{obj}: {' '.join(reasons)}", messages.ERROR)
            else:
                done += 1
        if done:
            modeladmin.message_user(
                request,
                _("%(action)s: %(count)s × gelukt.") % {"action": description, "count": done},
                messages.SUCCESS,
            )
        return None

    action.__name__ = name
    return admin.action(description=description)(action)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record to look things up in: the log, and what members do and are told. Only
    the rules that made it change it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionLog)
class ActionLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "verb_label", "target_label"]
    list_filter = ["verb"]
    search_fields = ["target_label", "message"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "content_type", "object_id"]
    list_filter = ["content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["user__email"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "kind", "title", "read_at", "mailed_at"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["user__email", "title"]
    date_hierarchy = "created_at"
