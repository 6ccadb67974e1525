"""Parts of bench/applications.py."""
