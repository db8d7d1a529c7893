"""The authentication backends: Django's and allauth's, with the user read together with
the groups its roles depend on (``permissions.with_role_groups``), so that every
logged-in request finds out whether the member moderates or organises without a query of
its own."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from community.permissions import with_role_groups


class RoleGroupsMixin:
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = with_role_groups(user_model._default_manager.all()).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(RoleGroupsMixin, DjangoModelBackend):
    pass


class AuthenticationBackend(RoleGroupsMixin, AllauthBackend):
    pass
