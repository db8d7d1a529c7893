from functools import partial

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from taggit.managers import TaggableManager

from cocreatie.core.admin import service_action
from cocreatie.core.editor import FormattedTextAdminMixin
from cocreatie.core.tags import TagNamesField
from community import services
from community.forms import ReasonForm, UserChangeForm, UserCreationForm
from community.models import Case, ContactRequest, Organisation, Profile, User
from community.services import organisation_merge, profile_refresh_verification


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            gettext_lazy("Persoonlijke gegevens"),
            {"fields": ["first_name", "last_name", "language"]},
        ),
        (
            gettext_lazy("Rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (gettext_lazy("Belangrijke data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "email_domains"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "created_by"]
    actions = ["merge_into_first"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for profile in obj.profiles.select_related("organisation"):
            profile_refresh_verification(profile=profile)

    @admin.action(description=gettext_lazy("Samenvoegen in de oudste geselecteerde organisatie"))
    def merge_into_first(self, request, queryset):
        organisations = list(queryset.order_by("created_at", "pk"))
        if len(organisations) < 2:
            self.message_user(request, _("Kies minstens twee organisaties."), messages.WARNING)
            return
        target, *sources = organisations
        for source in sources:
            organisation_merge(source=source, target=target, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d organisatie samengevoegd in %(name)s.",
                "%(count)d organisaties samengevoegd in %(name)s.",
                len(sources),
            )
            % {"count": len(sources), "name": target.name},
        )


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "organisation", "is_verified_member", "is_listed"]
    list_filter = ["is_verified_member", "is_listed", "organisation__kind"]
    search_fields = ["display_name", "user__email", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["user", "is_verified_member", "suspended_at", "created_at"]


@admin.register(Case)
class CaseAdmin(FormattedTextAdminMixin, admin.ModelAdmin):
    """Visibility, featuring and publication carry rules (mail, log, search): they are
    read only here and change through the actions, which call the services."""

    list_display = ["title", "status", "is_featured", "is_hidden", "published_at"]
    list_filter = ["status", "is_featured", "is_hidden", "phases", "organisation__kind"]
    search_fields = ["title", "summary", "body"]
    list_select_related = ["organisation"]
    readonly_fields = [
        "author",
        "status",
        "moderator_message",
        "is_featured",
        "is_hidden",
        "hidden_reason",
        "review_requested_at",
        "submitted_at",
        "published_at",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["phases", "challenges"]
    formfield_overrides = {TaggableManager: {"form_class": TagNamesField}}
    actions = [
        service_action(
            name="hide",
            description=gettext_lazy("Verbergen (met reden aan de auteur)"),
            form_class=ReasonForm,
            apply=lambda request, case, reason: services.content_hide(
                item=case, moderator=request.user, reason=reason
            ),
        ),
        service_action(
            name="restore",
            description=gettext_lazy("Terugzetten"),
            form_class=partial(ReasonForm, required=False),
            apply=lambda request, case, reason: services.content_restore(
                item=case, moderator=request.user, reason=reason
            ),
        ),
        *(
            service_action(
                name=name,
                description=description,
                apply=lambda request, case, featured=featured: services.case_feature(
                    case=case, moderator=request.user, featured=featured
                ),
            )
            for name, description, featured in [
                ("feature", gettext_lazy("Uitlichten op de homepagina"), True),
                ("unfeature", gettext_lazy("Niet meer uitlichten"), False),
            ]
        ),
    ]


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "organisation", "subject", "is_handled"]
    list_filter = ["subject", "is_handled"]
    list_editable = ["is_handled"]
    search_fields = ["name", "email", "organisation", "message"]
    readonly_fields = ["name", "email", "organisation", "subject", "message", "created_at"]
