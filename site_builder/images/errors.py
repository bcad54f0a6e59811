"""The one error type of the image pipeline: a bilingual message that names the file."""

from __future__ import annotations


class ImageError(Exception):
    """A photo that cannot be used, explained for the people who added it.

    `message` is what staff read (through `t()`, naming the file, never a traceback);
    `code` is a stable word for programs and tests, e.g. ``"missing"`` or ``"too_large"``.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[ImageError], tuple[str, str]]:
        # Errors travel back from worker processes; the default pickling would drop `code`.
        return (ImageError, (self.message, self.code))
