from django.urls import path, register_converter

from cocreatie.core.converters import WordConverter
from community import (
    document_views,
    follow_views,
    media_views,
    onboarding,
    question_views,
    unsubscribe_views,
    views,
)


class ItemKindConverter(WordConverter):
    """What a report, review request or moderation step is about."""

    regex = "verhaal|reactie"


class ReportKindConverter(WordConverter):
    """What a member reports: a case, a comment, or a question they received (a
    question has no moderation steps of its own, so it is not an ItemKind)."""

    regex = "verhaal|reactie|vraag"


class VisibilityActionConverter(WordConverter):
    regex = "verbergen|terugzetten"


class ImageFormatConverter(WordConverter):
    """The file formats a photo is stored in (community.images.URL_FORMATS)."""

    regex = "webp|jpg"


register_converter(ItemKindConverter, "kind")
register_converter(ReportKindConverter, "reportkind")
register_converter(VisibilityActionConverter, "visibility")
register_converter(ImageFormatConverter, "imageformat")

app_name = "community"

urlpatterns = [
    path("huisregels/", views.HouseRulesView.as_view(), name="house_rules"),
    path("community/", views.CaseListView.as_view(), name="case_list"),
    path("community/verhalen/nieuw/", views.CaseCreateView.as_view(), name="case_create"),
    path("community/verhalen/<slug:slug>/", views.CaseDetailView.as_view(), name="case_detail"),
    path(
        "community/verhalen/<slug:slug>/bewerken/",
        views.CaseUpdateView.as_view(),
        name="case_update",
    ),
    path(
        "community/verhalen/<slug:slug>/indienen/",
        views.CaseSubmitView.as_view(),
        name="case_submit",
    ),
    # The photos of a case, and its page of photos and documents (community.media_views).
    path(
        "community/verhalen/<slug:slug>/bestanden/",
        media_views.CaseMediaView.as_view(),
        name="case_media",
    ),
    path(
        "community/verhalen/<slug:slug>/fotos/<int:pk>/<int:width>.<imageformat:fmt>",
        media_views.CaseImageView.as_view(),
        name="case_image",
    ),
    path(
        "community/verhalen/<slug:slug>/fotos/<int:pk>/wijzigen/",
        media_views.CaseImageUpdateView.as_view(),
        name="case_image_update",
    ),
    path(
        "community/verhalen/<slug:slug>/fotos/<int:pk>/verwijderen/",
        media_views.CaseImageDeleteView.as_view(),
        name="case_image_delete",
    ),
    # The documents of a case (community.document_views).
    path(
        "community/verhalen/<slug:slug>/documenten/nieuw/",
        document_views.DocumentAddView.as_view(),
        name="document_add",
    ),
    path(
        "community/verhalen/<slug:slug>/documenten/<int:pk>/wijzigen/",
        document_views.DocumentUpdateView.as_view(),
        name="document_update",
    ),
    path(
        "community/verhalen/<slug:slug>/documenten/<int:pk>/verwijderen/",
        document_views.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    path(
        "community/verhalen/<slug:slug>/documenten/<int:pk>/download/",
        document_views.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        "community/verhalen/<slug:slug>/reageren/",
        views.CommentCreateView.as_view(),
        name="comment_create",
    ),
    path(
        "community/reacties/<int:pk>/verwijderen/",
        views.CommentDeleteView.as_view(),
        name="comment_delete",
    ),
    path(
        "community/melden/<reportkind:kind>/<int:pk>/",
        views.ReportView.as_view(),
        name="report",
    ),
    path(
        "community/melden/<int:pk>/intrekken/",
        views.ReportWithdrawView.as_view(),
        name="report_withdraw",
    ),
    path(
        "community/bezwaar/<int:pk>/",
        views.AppealCreateView.as_view(),
        name="appeal_create",
    ),
    # Ask a colleague (community.questions).
    path(
        "community/leden/<slug:slug>/vraag/",
        question_views.QuestionCreateView.as_view(),
        name="question_create",
    ),
    path("community/vragen/", question_views.QuestionListView.as_view(), name="question_list"),
    path(
        "community/vragen/<int:pk>/",
        question_views.QuestionDetailView.as_view(),
        name="question_detail",
    ),
    path(
        "community/vragen/<int:pk>/blokkeren/",
        question_views.QuestionBlockView.as_view(),
        name="question_block",
    ),
    path(
        "community/vragen/blokkades/<int:pk>/opheffen/",
        question_views.QuestionUnblockView.as_view(),
        name="question_unblock",
    ),
    # Following and notifications (community.follow_views).
    path(
        "community/volgen/<slug:key>/<int:pk>/",
        follow_views.FollowView.as_view(),
        name="follow",
    ),
    path("community/volglijst/", follow_views.FollowListView.as_view(), name="follow_list"),
    path(
        "community/meldingen/",
        follow_views.NotificationListView.as_view(),
        name="notification_list",
    ),
    path(
        "community/meldingen/voorkeuren/",
        follow_views.NotificationSettingsView.as_view(),
        name="notification_settings",
    ),
    # The unsubscribe link in notification mails and the digest (no log-in needed).
    path(
        "community/afmelden/<str:token>/",
        unsubscribe_views.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path("community/mijn-verhalen/", views.MyCasesView.as_view(), name="my_cases"),
    path("community/welkom/", onboarding.WelcomeView.as_view(), name="welcome"),
    path("community/mijn-profiel/", views.ProfileUpdateView.as_view(), name="profile_update"),
    path("community/mijn-gegevens/", views.MyDataView.as_view(), name="my_data"),
    path(
        "community/mijn-gegevens/download/",
        views.MyDataDownloadView.as_view(),
        name="my_data_download",
    ),
    path("community/leden/<slug:slug>/", views.ProfileDetailView.as_view(), name="profile_detail"),
    path(
        "community/organisaties/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("moderatie/", views.ModerationDashboardView.as_view(), name="moderation"),
    path("moderatie/logboek/", views.ModerationLogView.as_view(), name="moderation_log"),
    path(
        "moderatie/logboek/export.csv",
        views.ModerationLogExportView.as_view(),
        name="moderation_log_export",
    ),
    path(
        "moderatie/verhalen/<slug:slug>/",
        views.ModerationCaseView.as_view(),
        name="moderation_case",
    ),
    path(
        "moderatie/verhalen/<slug:slug>/beslissen/",
        views.ModerationCaseDecisionView.as_view(),
        name="moderation_case_decision",
    ),
    path(
        "moderatie/verhalen/<slug:slug>/uitlichten/",
        views.ModerationFeatureView.as_view(),
        name="moderation_feature",
    ),
    path(
        "moderatie/<kind:kind>/<int:pk>/<visibility:action>/",
        views.ModerationVisibilityView.as_view(),
        name="moderation_visibility",
    ),
    path(
        "moderatie/fotos/<int:pk>/<visibility:action>/",
        media_views.ModerationImageView.as_view(),
        name="moderation_image",
    ),
    path(
        "moderatie/meldingen/<int:pk>/afhandelen/",
        views.ModerationReportResolveView.as_view(),
        name="moderation_report_resolve",
    ),
    path(
        "moderatie/leden/<slug:slug>/schorsen/",
        views.ModerationSuspendView.as_view(),
        name="moderation_suspend",
    ),
    path(
        "moderatie/leden/<slug:slug>/spam-verwijderen/",
        views.ModerationSpamRemoveView.as_view(),
        name="moderation_spam_remove",
    ),
    path(
        "moderatie/reacties/<int:pk>/goedkeuren/",
        views.ModerationCommentApproveView.as_view(),
        name="moderation_comment_approve",
    ),
    path(
        "moderatie/bezwaren/<int:pk>/",
        views.ModerationAppealView.as_view(),
        name="moderation_appeal",
    ),
]
