"""`python -m signing.cms [DOCUMENT] SIGNATURE --trusted FILE`: see signing/cms/cli.py."""

import sys

from .cli import main

sys.exit(main())
