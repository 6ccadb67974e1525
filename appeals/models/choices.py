"""Kept for branches written before the status sets moved to appeals/choices.py; import from there."""

from appeals.choices import *  # noqa: F403
