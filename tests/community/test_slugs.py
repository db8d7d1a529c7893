import pytest

from community import services
from tests.community.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_case_addresses_are_short_whole_words_and_never_collide():
    author = VerifiedUserFactory()
    title = "Evalueren met een lerende bijeenkomst in plaats van een vragenlijst achteraf"

    first = services.case_create(author=author, title=title, summary="s", body="b")
    second = services.case_create(author=author, title=title, summary="s", body="b")

    assert first.slug == "evalueren-met-een-lerende-bijeenkomst-in-plaats-van-een"
    assert second.slug == f"{first.slug}-2"
