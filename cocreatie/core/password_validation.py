"""Django's password rules with messages in plain Dutch (B1, "je").

Django 5.2 changed some of these messages and its Dutch translation has not caught up,
so they would show in English; the wording here is also plainer than the formal "Uw".
"""

from django.contrib.auth import password_validation as django_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(django_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord heeft minstens %(min_length)d teken.",
            "Je wachtwoord heeft minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        # Django fills in %(verbose_name)s (the name of the field it looks like).
        return _("Dit wachtwoord lijkt te veel op je %(verbose_name)s. Kies iets anders.")

    def get_help_text(self):
        return _("Je wachtwoord lijkt niet op je naam of e-mailadres.")


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies iets anders.")

    def get_help_text(self):
        return _("Je wachtwoord is geen veelgebruikt wachtwoord.")


class NumericPasswordValidator(django_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord bestaat alleen uit cijfers. Gebruik ook letters.")

    def get_help_text(self):
        return _("Je wachtwoord bestaat niet alleen uit cijfers.")
