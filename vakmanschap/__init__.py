"""Vakmanschap: software for a regional fund for lifelong development."""

__version__ = "0.1.0"
