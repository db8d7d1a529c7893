import datetime

import factory

from planner.models import Meeting, Membership, Role, Stakeholder, Trajectory
from tests.community.factories import ModeratorFactory, VerifiedUserFactory
from tests.roadmap.factories import GuidingQuestionFactory, PhaseFactory


class TrajectoryFactory(factory.django.DjangoModelFactory):
    """A trajectory with its owner (``owner=`` a user, or a new verified member)."""

    class Meta:
        model = Trajectory
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Samen de Wmo-aanvraag verbeteren {n}")
    organisation = "Gemeente Lindendal"
    service = "De aanvraag van hulp bij het huishouden"
    goal = "Een aanvraag die inwoners begrijpen, samen met hen ontworpen."
    starts_on = datetime.date(2026, 9, 1)
    phase = factory.SubFactory(PhaseFactory)

    @factory.post_generation
    def owner(obj, create, extracted, **kwargs):
        if create:
            Membership.objects.create(
                trajectory=obj, user=extracted or VerifiedUserFactory(), role=Role.OWNER
            )


def member_of(trajectory, role, user=None):
    user = user or VerifiedUserFactory()
    Membership.objects.create(trajectory=trajectory, user=user, role=role)
    return user


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    trajectory = factory.SubFactory(TrajectoryFactory)
    name = factory.Sequence(lambda n: f"Bewonersgroep {n}")
    kind = Stakeholder.Kind.RESIDENTS
    interest = 4
    influence = 2


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    trajectory = factory.SubFactory(TrajectoryFactory)
    kind = Meeting.Kind.MEETING
    held_on = datetime.date(2026, 10, 1)
    title = factory.Sequence(lambda n: f"Werksessie {n}")


def planner_world():
    """A trajectory in a phase with two guiding questions, and one person per role:
    owner, editor, reader, another member, a moderator (two-factor set up)."""
    phase = PhaseFactory(slug="co-initieren", title="Co-initiëren", short_title="Initiëren")
    GuidingQuestionFactory(phase=phase, question="Wie zijn de betrokkenen?")
    GuidingQuestionFactory(phase=phase, question="Wat is het probleem?")
    owner = VerifiedUserFactory()
    trajectory = TrajectoryFactory(owner=owner, phase=phase)
    return {
        "trajectory": trajectory,
        "phase": phase,
        "owner": owner,
        "editor": member_of(trajectory, Role.EDITOR),
        "reader": member_of(trajectory, Role.READER),
        "other_member": VerifiedUserFactory(),
        "moderator": ModeratorFactory(),
    }
