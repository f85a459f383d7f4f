"""Errors the officer or the operator can act on.

Every error the station shows carries a sentence saying what happened and what to do next; the
interfaces print ``str(error)`` as it is.
"""


class StationError(Exception):
    """Base for errors with a message fit for the officer or operator."""


class SettingsError(StationError):
    """The settings file or an override cannot be used."""


class StoreError(StationError):
    """The case store cannot do what was asked; nothing was written."""
