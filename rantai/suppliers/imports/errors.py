"""The one exception of the import pipeline."""


class ImportFileError(Exception):
    """The whole file cannot be imported (type, encoding, missing columns, …).

    The message is already translated and names what to fix; nothing has been written.
    """
