import factory
from django.utils import timezone

from community.models import User

PASSWORD = "een-lang-wachtwoord-voor-tests"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"lid{n}@example.org")
    first_name = "Sanne"
    last_name = factory.Sequence(lambda n: f"de Vries {n}")

    @classmethod
    def _create(cls, model_class, *args, password=PASSWORD, **kwargs):
        return model_class.objects.create_user(*args, password=password, **kwargs)


class AdminFactory(UserFactory):
    email = factory.Sequence(lambda n: f"beheerder{n}@example.org")
    is_staff = True
    is_superuser = True


class VerifiedUserFactory(UserFactory):
    """A member as they are after sign-up: verified e-mail address and a profile."""

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if not create:
            return
        from allauth.account.models import EmailAddress

        from community.services import profile_ensure

        EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        profile_ensure(user=obj)

    class Meta:
        skip_postgeneration_save = True


def join_group(user, group_setting: str, *, two_factor: bool) -> None:
    """Put ``user`` in the group named by ``settings.<group_setting>``, with TOTP set up
    unless ``two_factor`` is False."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name=getattr(settings, group_setting))[0])
    if two_factor:
        TOTP.activate(user, generate_totp_secret())


class ModeratorFactory(VerifiedUserFactory):
    email = factory.Sequence(lambda n: f"moderator{n}@example.org")
    is_staff = True

    @factory.post_generation
    def moderator(obj, create, extracted, **kwargs):
        # ModeratorFactory(moderator=False): no two-factor yet
        if create:
            join_group(obj, "MODERATORS_GROUP", two_factor=extracted is not False)


class OrganiserFactory(VerifiedUserFactory):
    """A member of the organisers group (not a moderator), with two-factor set up."""

    email = factory.Sequence(lambda n: f"organisator{n}@example.org")

    @factory.post_generation
    def organiser(obj, create, extracted, **kwargs):
        # OrganiserFactory(organiser=False): no two-factor yet
        if create:
            join_group(obj, "ORGANISERS_GROUP", two_factor=extracted is not False)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Organisation"

    name = factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"gemeente-voorbeeld-{n}")
    kind = "gemeente"


class CaseFactory(factory.django.DjangoModelFactory):
    """A case in any state; ``status="published"`` gives a published one."""

    class Meta:
        model = "community.Case"
        skip_postgeneration_save = True

    author = factory.SubFactory(VerifiedUserFactory)
    title = factory.Sequence(lambda n: f"Praktijkverhaal {n}")
    slug = factory.Sequence(lambda n: f"praktijkverhaal-{n}")
    summary = "Wat we samen met bewoners deden."
    body = "We begonnen met een gesprek."
    status = "published"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Comment"

    case = factory.SubFactory(CaseFactory)
    author = factory.SubFactory(VerifiedUserFactory)
    body = "Goed verhaal, dank voor het delen."


def moderation_world(*, author, member, case):
    """What the moderation pages need in a test world: a hidden case of ``author`` with
    the statement of reasons, an appeal against hiding one of their comments (both
    decided by a moderator of their own, so any other moderator may decide the appeal),
    and a comment of ``member`` held for review."""
    from django.utils import timezone

    from community.decisions import decision_record
    from community.models import Appeal, Decision

    hidden = CaseFactory(author=author, is_hidden=True, hidden_reason="Spam")
    decider = ModeratorFactory()
    hidden_comment = CommentFactory(case=case, author=author, is_hidden=True)
    return {
        "hidden": hidden,
        "decision": decision_record(
            kind=Decision.Kind.HIDDEN, member=author, item=hidden, moderator=decider
        ),
        "appeal": Appeal.objects.create(
            decision=decision_record(
                kind=Decision.Kind.HIDDEN, member=author, item=hidden_comment, moderator=decider
            ),
            text="Mijn reactie was niet beledigend bedoeld.",
        ),
        "held": CommentFactory(case=case, author=member, held_at=timezone.now()),
    }


def colleague_world(*, author, member):
    """What the pages of questions and notifications need: ``author`` accepts questions
    and got one from ``member``; ``member`` has a notification and follows the author."""
    from cocreatie.core import following, notifications
    from community.models import Question, QuestionBlock

    author.profile.accepts_questions = True
    author.profile.save()
    question = Question.objects.create(
        asker=member, recipient=author, message="Hoe kregen jullie de wijkraad mee?"
    )
    following.follow(user=member, obj=author.profile)
    return {
        "question": question,
        "block": QuestionBlock.objects.create(recipient=author, blocked=VerifiedUserFactory()),
        "unsubscribe_token": notifications.unsubscribe_token(author, "comment"),
    }


def photo_upload(name="foto.jpg", size=(400, 256)):
    """A JPEG made in memory; this small one is stored in one width (its own)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf_upload(name="plan.pdf", pages=2):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def stored_width(image) -> int:
    return int(next(iter(image.renditions)))


def media_world(*, case, draft, moderator):
    """Photos and documents in storage: on ``draft`` (its author's only), on the
    published ``case`` (public), and a photo of ``case`` that a moderator hid."""
    from community import documents, images

    def photo(item, alt):
        return images.image_add(case=item, author=item.author, upload=photo_upload(), alt_text=alt)

    hidden = photo(case, "Een foto die een moderator verborg.")
    images.image_hide(image=hidden, moderator=moderator, reason="Er staat een kind herkenbaar op.")
    return {
        "draft_image": photo(draft, "Bewoners schrijven ideeën op een groot vel papier."),
        "draft_document": documents.document_add(
            case=draft, author=draft.author, upload=pdf_upload(), title="Plan van aanpak"
        ),
        "image": photo(case, "Het plein voor het buurthuis, vol mensen."),
        "hidden_image": hidden,
        "document": documents.document_add(
            case=case, author=case.author, upload=pdf_upload(), title="Evaluatie"
        ),
    }
