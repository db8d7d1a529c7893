"""The whole life of a member's case, over HTTP as the browser would send it: sign up,
confirm, write, submit, changes asked, resubmit, published, a colleague comments and a
comment is reported, then the member takes their data and leaves."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from community.models import Case, Comment, Report, User
from tests.community.data_download import my_data
from tests.community.factories import PASSWORD, ModeratorFactory, VerifiedUserFactory
from tests.roadmap.factories import ChallengeFactory, PhaseFactory

pytestmark = pytest.mark.django_db(transaction=False)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_member_shares_a_case_from_sign_up_to_leaving(client, django_capture_on_commit_callbacks):
    phase, challenge = PhaseFactory(), ChallengeFactory()
    moderator = ModeratorFactory()
    colleague = VerifiedUserFactory()
    post = client.post

    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    # Sign up and confirm the address from the mail.
    run(reverse("account_signup"), {"email": "ilse@gemeente.example",
        "password1": "drie koffie twee thee", "password2": "drie koffie twee thee"})  # fmt: skip
    confirm = link_in(mail.outbox.pop())
    run(confirm)
    member = User.objects.get(email="ilse@gemeente.example")

    # Write a draft, preview it, submit it.
    run(reverse("community:case_create"), {
        "title": "Buurtgesprekken over de nieuwe speeltuin",
        "summary": "Bewoners ontwierpen samen met de gemeente een speeltuin.",
        "body": "We begonnen met **drie avonden** in het buurthuis.",
        "what_worked": "Koffie en kaarten op tafel.",
        "do_differently": "Eerder jongeren uitnodigen.",
        "phases": [phase.pk], "challenges": [challenge.pk], "tags": "spelen, wijk",
    })  # fmt: skip
    case = Case.objects.get()
    assert (case.status, case.author) == ("draft", member)
    preview = client.get(case.get_absolute_url()).content.decode()
    assert "<strong>drie avonden</strong>" in preview
    client.logout()
    assert client.get(case.get_absolute_url()).status_code == 404  # drafts are private
    client.force_login(member)
    run(reverse("community:case_submit", args=[case.slug]))
    (to_moderators,) = mail.outbox
    assert to_moderators.to == [moderator.email]
    mail.outbox.clear()

    # The moderator asks for changes; the member reads why, edits and resubmits.
    client.force_login(moderator)
    question = "Noem ook hoeveel bewoners meededen."
    run(reverse("community:moderation_case_decision", args=[case.slug]),
        {"decision": "request_changes", "message": question})  # fmt: skip
    (decision,) = mail.outbox
    assert decision.to == [member.email]
    assert "Noem ook hoeveel bewoners meededen." in decision.body
    mail.outbox.clear()
    client.force_login(member)
    assert (
        "Noem ook hoeveel bewoners meededen."
        in client.get(case.get_absolute_url()).content.decode()
    )
    edit = client.get(reverse("community:case_update", args=[case.slug])).context["form"]
    data = {name: value for name, value in edit.initial.items() if value is not None}
    data.update(body="Ruim veertig bewoners kwamen naar drie avonden.", phases=[phase.pk],
                challenges=[challenge.pk], tags="spelen, wijk", organisation="")  # fmt: skip
    run(reverse("community:case_update", args=[case.slug]), data)
    run(reverse("community:case_submit", args=[case.slug]))
    mail.outbox.clear()

    # Published; everyone can read it and it links to the challenge it met.
    client.force_login(moderator)
    run(reverse("community:moderation_case_decision", args=[case.slug]),
        {"decision": "publish", "message": "Mooi verhaal, dank je wel!"})  # fmt: skip
    mail.outbox.clear()
    client.logout()
    public = client.get(case.get_absolute_url()).content.decode()
    assert "Ruim veertig bewoners" in public
    assert challenge.get_absolute_url() in public

    # A colleague comments; the author hears of it. The author reports a comment.
    client.force_login(colleague)
    run(reverse("community:comment_create", args=[case.slug]),
        {"body": "Hoe kregen jullie de jongeren later alsnog mee?"})  # fmt: skip
    (notification,) = mail.outbox
    assert notification.to == [member.email]
    comment = Comment.objects.get()
    client.force_login(member)
    run(reverse("community:report", args=["reactie", comment.pk]),
        {"reason": "other", "text": "Test van de meldknop."})  # fmt: skip
    assert Report.objects.filter(comment=comment, reporter=member).exists()

    # The member downloads their data and leaves; the case stays, without their name.
    export = my_data(client)
    assert export["cases"][0]["title"] == "Buurtgesprekken over de nieuwe speeltuin"
    run(reverse("community:my_data"), {"confirm": "VERWIJDEREN"})
    assert not User.objects.filter(email="ilse@gemeente.example").exists()
    client.logout()
    public = client.get(Case.objects.get().get_absolute_url()).content.decode()
    assert "voormalig lid" in public
    assert "ilse@gemeente.example" not in public
    assert (
        client.post(
            reverse("account_login"), {"login": "ilse@gemeente.example", "password": PASSWORD}
        ).status_code
        == 200
    )
