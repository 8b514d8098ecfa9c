"""The contract of the MidOffice: event envelope, payload models, registry and codec.

This package imports nothing else from the repository; every other package may import it.
"""
