"""The pieces of ``scripts/bench``: a synthetic heavy user, the measurements, and the report.

Figures are information, never assertions: the benchmark exits 0 when a target is missed and non-zero only
when the benchmark itself broke.
"""
