class WordConverter:
    """A URL part that is one of a few fixed words; subclasses set ``regex``."""

    regex = ""

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class TokenConverter(WordConverter):
    """A secret token as ``secrets.token_urlsafe`` makes it: nothing else reaches the
    view (no NUL bytes or other characters the database would refuse)."""

    regex = "[A-Za-z0-9_-]{16,86}"
