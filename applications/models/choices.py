"""Kept for branches written before the status sets moved to applications/choices.py; import from there."""

from applications.choices import *  # noqa: F403
