"""The ``fathom`` command line."""
