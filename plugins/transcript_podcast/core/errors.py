"""The one error type of the plugin: every problem names a file and, where it has one, a line."""


class TranscriptError(ValueError):
    """A problem in a seed transcript or its sidecar, located as ``path:line: message``.

    Podcasters fix their files from this message alone, so it always names the file
    (relative to the project) and the 1-based line when there is one.  Where lines say
    little (a JSON transcript is often one long line) ``line`` is a locator instead, such
    as ``"segment 12"``, shown as ``path: segment 12: message``.
    """

    def __init__(self, path, line, message):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self):
        if self.line is None:
            return f"{self.path}: {self.message}"
        if isinstance(self.line, str):
            return f"{self.path}: {self.line}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"

    def __reduce__(self):
        return (type(self), (self.path, self.line, self.message))
