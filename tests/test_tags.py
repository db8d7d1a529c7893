"""Every tag has a page that can be reached: its slug is ASCII (``café`` → ``cafe``),
never empty and unique, the case form refuses a tag without letters or digits, and a
migration repaired the slugs stored before."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from community.models import Case
from roadmap.models import Phase
from tests.community.factories import CaseFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

ROUTABLE = r"[-a-zA-Z0-9_]+"


def repair_tag_slugs():
    migration = importlib.import_module("cocreatie.core.migrations.0005_routable_tag_slugs")
    migration.repair_tag_slugs(apps, None)


def tag_link(slug):
    return f'href="/tags/{slug}/"'


@pytest.mark.parametrize("name, slug", [("café", "cafe"), ("coöperatie", "cooperatie")])
def test_a_case_with_an_accented_tag_links_to_its_tag_page(client, name, slug):
    author = VerifiedUserFactory()
    client.force_login(author)

    # The author writes a draft; the preview shows the tag as a working link.
    response = client.post(
        reverse("community:case_create"),
        {
            "title": "Samen koken in de buurt",
            "summary": "Bewoners koken elke week samen.",
            "body": "We begonnen in het buurthuis.",
            "tags": f"{name}, wijk",
        },
        follow=True,
    )
    assert response.status_code == 200
    case = Case.objects.get()
    assert response.request["PATH_INFO"] == case.get_absolute_url()
    assert tag_link(slug) in response.content.decode()
    assert case.tags.get(name=name).slug == slug

    # Once published, every visitor sees the page, and the tag page lists the case.
    published = CaseFactory(title="Een gepubliceerd verhaal", tags=[name])
    client.logout()
    public = client.get(published.get_absolute_url())
    assert public.status_code == 200
    assert tag_link(slug) in public.content.decode()
    tag_page = client.get(f"/tags/{slug}/")
    assert tag_page.status_code == 200
    assert "Een gepubliceerd verhaal" in tag_page.content.decode()


@pytest.mark.parametrize("name", ["'", "--", "!!!"])
def test_the_case_form_refuses_a_tag_without_letters_or_digits(client, name):
    client.force_login(VerifiedUserFactory())

    response = client.post(
        reverse("community:case_create"),
        {
            "title": "Samen koken in de buurt",
            "summary": "Bewoners koken elke week samen.",
            "body": "We begonnen in het buurthuis.",
            "tags": f"wijk, {name}",
        },
    )

    assert response.status_code == 200
    assert not Case.objects.exists()
    assert not Tag.objects.exists()
    form = response.context["form"]
    assert form.errors["tags"] == [
        f"De tag ‘{name}’ heeft geen letters of cijfers. Laat hem weg of kies een ander woord."
    ]
    page = response.content.decode()
    assert "heeft geen letters of cijfers" in page
    # What the author typed stays in the form.
    assert 'value="Samen koken in de buurt"' in page
    assert "Bewoners koken elke week samen." in page
    assert "We begonnen in het buurthuis." in page


def test_the_case_form_refuses_a_tag_longer_than_the_table_holds(client):
    client.force_login(VerifiedUserFactory())
    name = "a" * 101

    response = client.post(
        reverse("community:case_create"),
        {"title": "Lang", "summary": "Kort.", "body": "Tekst.", "tags": name},
    )

    assert response.status_code == 200
    assert not Case.objects.exists()
    (error,) = response.context["form"].errors["tags"]
    assert "te lang" in error


def test_a_tag_in_another_script_gets_an_ascii_slug():
    case = CaseFactory(tags=["日本", "Ærø"])

    assert sorted(case.tags.values_list("slug", flat=True)) == ["aero", "tag"]


def test_tags_that_fold_to_the_same_slug_get_different_slugs(client):
    case = CaseFactory(title="Koffie in de wijk", tags=["cafe", "café"])

    slugs = {tag.name: tag.slug for tag in case.tags.all()}
    assert slugs["cafe"] == "cafe"
    assert slugs["café"] != "cafe"
    for slug in slugs.values():
        assert re.fullmatch(ROUTABLE, slug)
    page = client.get(case.get_absolute_url()).content.decode()
    for slug in slugs.values():
        assert tag_link(slug) in page
        assert "Koffie in de wijk" in client.get(f"/tags/{slug}/").content.decode()


def test_a_tag_saved_outside_the_form_still_gets_a_slug_that_routes():
    """The demo loader, the admin or the shell can still save a name without letters, or
    type a Unicode slug: the slug is made routable all the same."""
    first = Tag.objects.create(name="'")
    second = Tag.objects.create(name="--")
    typed = Tag.objects.create(name="Koffie", slug="café")

    assert (first.slug, second.slug, typed.slug) == ("tag", "tag_1", "cafe")
    assert Tag.objects.get(pk=typed.pk).slug == "cafe"


def test_the_migration_repairs_unicode_and_empty_slugs(client):
    case = CaseFactory(title="Koffie in de wijk", tags=["cafe", "café", "'", "wijk"])
    tags = {tag.name: tag for tag in case.tags.all()}
    Tag.objects.filter(pk=tags["café"].pk).update(slug="café")
    Tag.objects.filter(pk=tags["'"].pk).update(slug="")
    assignments = set(TaggedItem.objects.values_list("tag_id", "object_id"))

    repair_tag_slugs()

    repaired = {tag.name: tag.slug for tag in Tag.objects.all()}
    assert repaired["cafe"] == "cafe"  # a good slug stays
    assert repaired["wijk"] == "wijk"
    assert repaired["café"] == "cafe_1"
    assert repaired["'"] == "tag"
    assert len(set(repaired.values())) == len(repaired)
    assert set(repaired) == {"cafe", "café", "'", "wijk"}  # names stay
    assert set(TaggedItem.objects.values_list("tag_id", "object_id")) == assignments
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    for slug in repaired.values():
        assert tag_link(slug) in page.content.decode()
    assert "Koffie in de wijk" in client.get("/tags/cafe_1/").content.decode()


def test_the_tag_list_shows_a_tag_without_a_routable_slug_unlinked(client):
    case = CaseFactory(tags=["wijk", "café"])
    Tag.objects.filter(name="café").update(slug="")

    page = client.get(case.get_absolute_url())

    assert page.status_code == 200
    content = page.content.decode()
    assert tag_link("wijk") in content
    assert "café</span>" in content


def test_the_knowledge_admin_refuses_a_tag_without_letters_or_digits(admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    field = admin.site._registry[Phase].get_form(request)().fields["tags"]

    assert field.clean("wijk, jongeren") == ["jongeren", "wijk"]
    with pytest.raises(ValidationError, match="geen letters of cijfers"):
        field.clean("wijk, !!!")
