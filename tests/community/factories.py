import factory

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
