"""Fathom's local agent: owns the relationship data, serves it on loopback only."""

__version__ = "0.1.0"
API_VERSION = 1
DEFAULT_PORT = 47821
# The ports the agent serves on, and the only ones the extension's options accept (extension/common/settings.js):
# below 1024 needs root, which the agent never has.
MIN_PORT = 1024
MAX_PORT = 65535
