"""The benchmark seeder (``bench/seed.py``) at its ``tiny`` scale, on SQLite and PostgreSQL."""

import io

import pytest
from django.db import connection
from django.db.models import Count, F, Q

from bench.seed import (
    BENCH_CASE_COMMENTS,
    BENCH_CASE_SLUG,
    BENCH_MEMBER_SLUG,
    BENCH_PASSWORD,
    RARE_WORD,
    SCALES,
    SESSIONS_PER_SERIES,
    SeedRefused,
    seed,
)
from cocreatie.core import search
from cocreatie.core.markdown import render_markdown
from cocreatie.core.models import SearchDocument
from community.models import Case, Comment, Organisation, Profile, User
from roadmap.demo import load as load_roadmap
from sessions_app.demo import load as load_sessions
from sessions_app.models import Registration, Seat, Session, SessionSeries

COUNTED = {
    "members": User,
    "organisations": Organisation,
    "cases": Case,
    "comments": Comment,
    "series": SessionSeries,
    "sessions": Session,
    "registrations": Registration,
    "seats": Seat,
}


def table_counts():
    return {key: model.objects.count() for key, model in COUNTED.items()}


@pytest.mark.django_db(transaction=True)
def test_tiny_seed_fills_the_database_as_the_benchmark_expects(client):
    load_roadmap()
    load_sessions()
    before = table_counts()
    documents_before = SearchDocument.objects.count()
    out = io.StringIO()

    counts = seed("tiny", stdout=out)

    tiny = SCALES["tiny"]
    expected = {
        "members": tiny.members,
        "organisations": tiny.organisations,
        "cases": tiny.cases,
        "comments": tiny.comments,
        "series": tiny.series,
        "sessions": tiny.series * SESSIONS_PER_SERIES,
        "registrations": tiny.registrations,
        "seats": tiny.registrations,
    }
    assert {key: counts[key] for key in expected} == expected
    after = table_counts()
    assert {key: after[key] - before[key] for key in expected} == expected

    # Progress lines per table, and the login of the bench member at the end.
    output = out.getvalue()
    for label in ("members (users)", "cases", "comments", "registrations", "seats"):
        assert f"\n{label} " in output
    assert BENCH_PASSWORD in output

    # Members: verified primary address, listed profile; unique slugs everywhere.
    assert Profile.objects.listed().count() == tiny.members
    assert User.objects.filter(emailaddress__verified=True, emailaddress__primary=True).count() == (
        tiny.members
    )
    for model in (Profile, Organisation, Case, SessionSeries):
        slugs = list(model.objects.values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs)), model

    # The case with exactly 200 visible comments.
    bench_case = Case.objects.published().get(slug=BENCH_CASE_SLUG)
    assert bench_case.comments.count() == BENCH_CASE_COMMENTS
    assert bench_case.comments.visible().count() == BENCH_CASE_COMMENTS

    # The bench member: listed, in an organisation, with published cases, can log in.
    member = Profile.objects.listed().select_related("user").get(slug=BENCH_MEMBER_SLUG)
    assert member.organisation is not None
    assert Case.objects.published().filter(author=member.user).count() >= 5
    assert member.user.email in output
    assert client.login(email=member.user.email, password=BENCH_PASSWORD)

    # Cases: mostly published, with phases and challenges; comments only on published ones.
    published = Case.objects.published()
    assert published.count() >= 0.85 * tiny.cases
    assert not Case.objects.annotate(n=Count("phases")).filter(Q(n=0) | Q(n__gt=2)).exists()
    assert not Case.objects.annotate(n=Count("challenges")).filter(Q(n=0) | Q(n__gt=3)).exists()
    assert not Comment.objects.exclude(case__status=Case.Status.PUBLISHED).exists()

    # Sessions: four per series, past and future; one seat per registration, in a
    # session of its own series, and never more confirmed seats than places.
    new_series = SessionSeries.objects.exclude(slug__startswith="co-creatie-in-het-publieke")
    assert all(series.sessions.count() == SESSIONS_PER_SERIES for series in new_series)
    assert Seat.objects.filter(registration__series=F("session__series")).count() == after["seats"]
    generated = Registration.objects.filter(series__in=new_series)
    assert generated.count() == tiny.registrations
    assert not generated.annotate(n=Count("seats")).exclude(n=1).exists()
    for session in Session.objects.with_seat_counts().exclude(capacity=None):
        assert session.confirmed_count <= session.capacity

    # Search: a row per published case, the same one ``index_update`` would write.
    assert SearchDocument.objects.count() - documents_before == published.count()
    for case in published.order_by("?")[:5]:
        document = SearchDocument.objects.get(object_id=case.pk, kind=Case.kind_label)
        assert (document.title, document.summary, document.url, document.updated_at) == (
            case.title,
            case.summary,
            case.get_absolute_url(),
            case.updated_at,
        )
        assert document.body == case.search_text()
        for name in Case.markdown_fields:
            assert getattr(case, f"{name}_html") == render_markdown(getattr(case, name))
        if connection.vendor == "postgresql":
            vector = SearchDocument.objects.values_list("search_vector", flat=True)
            seeded = vector.get(pk=document.pk)
            assert seeded
            search.index_update(case)
            assert vector.get(pk=document.pk) == seeded

    rare = list(search.search(RARE_WORD))
    assert len(rare) == 3
    assert {document.kind for document in rare} == {Case.kind_label}
    assert search.search("bewoners").filter(kind=Case.kind_label).count() > published.count() / 2

    # Once is enough: a second run refuses, and full scale needs PostgreSQL.
    with pytest.raises(SeedRefused, match="already holds bench data"):
        seed("tiny", stdout=io.StringIO())
    if connection.vendor != "postgresql":
        with pytest.raises(SeedRefused, match="PostgreSQL only"):
            seed("full", stdout=io.StringIO(), force=True)
