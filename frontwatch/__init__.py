"""frontwatch: from conflict reporting to a verified, mapped record of events."""

__version__ = "0.1.0"
