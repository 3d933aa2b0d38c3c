"""cassette: list, show and redact recorded HTTP cassettes."""

__version__ = "0.1.0"
