from django.urls import path

from planner import (
    challenge_views,
    export_views,
    meeting_views,
    stakeholder_views,
    team_views,
    views,
)

app_name = "planner"

TRAJECTORY = "trajecten/<int:pk>/"

urlpatterns = [
    path("mijn-trajecten/", views.TrajectoryListView.as_view(), name="list"),
    path("mijn-trajecten/nieuw/", views.TrajectoryCreateView.as_view(), name="create"),
    path(TRAJECTORY, views.TrajectoryDetailView.as_view(), name="detail"),
    path(f"{TRAJECTORY}bewerken/", views.TrajectoryUpdateView.as_view(), name="update"),
    path(f"{TRAJECTORY}verwijderen/", views.TrajectoryDeleteView.as_view(), name="delete"),
    path(f"{TRAJECTORY}fase/", views.PhaseSetView.as_view(), name="phase_set"),
    path(f"{TRAJECTORY}fasen/<slug:slug>/", views.PhaseChecklistView.as_view(), name="phase"),
    path(
        f"{TRAJECTORY}fasen/<slug:slug>/vragen/<int:question_pk>/",
        views.AnswerView.as_view(),
        name="answer",
    ),
    path(f"{TRAJECTORY}activiteit/", views.ActivityView.as_view(), name="activity"),
    path(f"{TRAJECTORY}ondersteuning/", views.SupportView.as_view(), name="support"),
    # The team and its invitations (planner.team_views).
    path(f"{TRAJECTORY}team/", team_views.TeamView.as_view(), name="team"),
    path(f"{TRAJECTORY}team/uitnodigen/", team_views.InviteView.as_view(), name="invite"),
    path(
        f"{TRAJECTORY}team/uitnodigingen/<int:invitation_pk>/intrekken/",
        team_views.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path(
        f"{TRAJECTORY}team/<int:membership_pk>/rol/",
        team_views.RoleView.as_view(),
        name="member_role",
    ),
    path(
        f"{TRAJECTORY}team/<int:membership_pk>/verwijderen/",
        team_views.MemberRemoveView.as_view(),
        name="member_remove",
    ),
    path(
        f"{TRAJECTORY}team/<int:membership_pk>/eigenaar/",
        team_views.OwnershipTransferView.as_view(),
        name="transfer",
    ),
    path("uitnodiging/<str:token>/", team_views.InvitationView.as_view(), name="invitation"),
    # The stakeholder map (planner.stakeholder_views).
    path(
        f"{TRAJECTORY}belanghebbenden/",
        stakeholder_views.StakeholderMapView.as_view(),
        name="stakeholders",
    ),
    path(
        f"{TRAJECTORY}belanghebbenden/nieuw/",
        stakeholder_views.StakeholderCreateView.as_view(),
        name="stakeholder_create",
    ),
    path(
        f"{TRAJECTORY}belanghebbenden/<int:stakeholder_pk>/",
        stakeholder_views.StakeholderUpdateView.as_view(),
        name="stakeholder_update",
    ),
    path(
        f"{TRAJECTORY}belanghebbenden/<int:stakeholder_pk>/verwijderen/",
        stakeholder_views.StakeholderDeleteView.as_view(),
        name="stakeholder_delete",
    ),
    path(
        f"{TRAJECTORY}belanghebbenden.csv",
        stakeholder_views.StakeholderCsvView.as_view(),
        name="stakeholders_csv",
    ),
    # Meetings and co-evaluation (planner.meeting_views).
    path(f"{TRAJECTORY}bijeenkomsten/", meeting_views.MeetingListView.as_view(), name="meetings"),
    path(
        f"{TRAJECTORY}bijeenkomsten/nieuw/",
        meeting_views.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path(
        f"{TRAJECTORY}bijeenkomsten/<int:meeting_pk>/",
        meeting_views.MeetingDetailView.as_view(),
        name="meeting_detail",
    ),
    path(
        f"{TRAJECTORY}bijeenkomsten/<int:meeting_pk>/bewerken/",
        meeting_views.MeetingUpdateView.as_view(),
        name="meeting_update",
    ),
    path(
        f"{TRAJECTORY}bijeenkomsten/<int:meeting_pk>/verwijderen/",
        meeting_views.MeetingDeleteView.as_view(),
        name="meeting_delete",
    ),
    path(
        f"{TRAJECTORY}bijeenkomsten/<int:meeting_pk>/cijfers/",
        meeting_views.ScoresOpenView.as_view(),
        name="meeting_scores",
    ),
    path("cijfer/<str:token>/", meeting_views.ScoreView.as_view(), name="score"),
    # Challenges met, publishing as a case, exports (planner.challenge_views, export_views).
    path(f"{TRAJECTORY}uitdagingen/", challenge_views.ChallengesView.as_view(), name="challenges"),
    path(f"{TRAJECTORY}publiceren/", challenge_views.PublishView.as_view(), name="publish"),
    path(f"{TRAJECTORY}traject.pdf", export_views.PdfView.as_view(), name="pdf"),
    path(f"{TRAJECTORY}traject.json", export_views.JsonView.as_view(), name="json"),
]
