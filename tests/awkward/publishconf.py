"""Settings for publishing: absolute URLs (from the SITEURL environment variable)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit("publishconf.py: set SITEURL to the site's address, e.g. SITEURL=https://...")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
TIMELINE_UID_DOMAIN = "railway.example.org"
