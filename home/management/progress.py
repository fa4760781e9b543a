"""Progress output shared by the portal's management commands."""

from django.core.management.base import OutputWrapper


class TqdmStream:
    """Lets tqdm draw on a command's stdout or stderr: OutputWrapper ends every write with a
    newline, which would turn each redraw of the bar into a new line."""

    def __init__(self, wrapper: OutputWrapper) -> None:
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")

    def flush(self) -> None:
        self.wrapper.flush()
