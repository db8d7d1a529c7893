"""Demo accounts, made only in demo mode (DEBUG on) by ``manage.py load_demo_content``."""

from dataclasses import dataclass

from django.db import transaction

from community.models import User

DEMO_PASSWORD = "samen-maken-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str


DEMO_ADMIN = DemoAccount("beheerder@example.org", "beheerder (alles, ook /beheer/)")


@transaction.atomic
def load_accounts() -> list[DemoAccount]:
    """Create the demo accounts that are missing; existing ones are left as they are."""
    user, created = User.objects.get_or_create(
        email=DEMO_ADMIN.email,
        defaults={"first_name": "Demo", "last_name": "Beheerder"},
    )
    if created:
        user.is_staff = user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
    return [DEMO_ADMIN]
