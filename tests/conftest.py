"""Shared pytest configuration: fixture plugins for the real broker and database."""

pytest_plugins = [
    "tests.fixtures.postgres",
    "tests.fixtures.tansu",
    "tests.integration.processor_support",  # fixture backend: the processor on both configurations
]
