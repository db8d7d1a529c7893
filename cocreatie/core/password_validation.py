"""Django's password rules with messages in plain Dutch (B1, "je").

Django 5.2 changed some of these messages and its Dutch translation has not caught up,
so they would show in English; the wording here is also plainer than the formal "Uw".
"""

from django.contrib.auth import password_validation as django_validation


class MinimumLengthValidator(django_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"Dit wachtwoord is te kort. Gebruik minstens {self.min_length} tekens."

    def get_help_text(self):
        return f"Je wachtwoord heeft minstens {self.min_length} tekens."


class UserAttributeSimilarityValidator(django_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "Dit wachtwoord lijkt te veel op je %(verbose_name)s. Kies iets anders."

    def get_help_text(self):
        return "Je wachtwoord lijkt niet op je naam of e-mailadres."


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    def get_error_message(self):
        return "Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies iets anders."

    def get_help_text(self):
        return "Je wachtwoord is geen veelgebruikt wachtwoord."


class NumericPasswordValidator(django_validation.NumericPasswordValidator):
    def get_error_message(self):
        return "Dit wachtwoord bestaat alleen uit cijfers. Gebruik ook letters."

    def get_help_text(self):
        return "Je wachtwoord bestaat niet alleen uit cijfers."
