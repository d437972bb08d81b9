"""reflect: a reflective practice assistant for the tensions of cross-sector collaboration."""

__version__ = "0.1.0"
