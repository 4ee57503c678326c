"""``python -m pelican.plugins.timeline``: the same as the ``pelican-timeline`` command."""

import sys

from .cli import main

sys.exit(main())
