"""Benchmarks of the MidOffice; ``python -m bench`` (``make bench``) runs them.

Each benchmark runs with one command, prints its figures and compares them with a raw
baseline measured in the same run. Results go to ``docs/BENCHMARKS.md``.
"""
