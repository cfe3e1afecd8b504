"""Fathom's local agent: owns the relationship data, serves it on loopback only."""

__version__ = "0.1.0"
API_VERSION = 1
DEFAULT_PORT = 47821
