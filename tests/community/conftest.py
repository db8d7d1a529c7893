"""Fixtures of the community tests: each test's uploads in a storage folder of its own,
and an author with a draft and a published case (the tests of photos and documents)."""

import pytest

from tests.community.factories import CaseFactory, VerifiedUserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of these tests go to a folder of their own, looked at file by file."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


@pytest.fixture
def author():
    return VerifiedUserFactory()


@pytest.fixture
def draft(author):
    return CaseFactory(author=author, status="draft", published_at=None, slug="concept")


@pytest.fixture
def published(author):
    return CaseFactory(author=author, slug="gepubliceerd")
