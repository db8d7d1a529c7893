class WordConverter:
    """A URL part that is one of a few fixed words; subclasses set ``regex``."""

    regex = ""

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
