"""Settings of the demo site (fiction, for the generator's tests)."""

AUTHOR = "Demo editors"
SITENAME = "Northern ferries: a demo timeline"
SITESUBTITLE = "An invented record of ferry links across a northern sea, for tests."
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "theme"  # overrides one template (page.html); the plugin brings the rest

PLUGINS = ["pelican.plugins.timeline"]
TIMELINE_OUTPUT_FOLDER = ""
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
DIRECT_TEMPLATES = []
STATIC_PATHS = []
THEME_STATIC_PATHS = []
PAGE_URL = PAGE_SAVE_AS = "pages/{slug}.html"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LOAD_CONTENT_CACHE = False

TIMELINE_TITLE = "Ferry links of the northern sea"
TIMELINE_INTRO = "An invented chronology of ferry routes, agreements and accidents, for tests."
TIMELINE_TYPES = {
    "sailing": ("Sailing", "Sailings", "First and notable crossings."),
    "agreement": ("Agreement", "Agreements", "Agreements on routes, tariffs and safety."),
    "accident": ("Accident", "Accidents", "Groundings, collisions and fires."),
    "opening": ("Opening", "Openings", "New ports, terminals and routes."),
    "statement": ("Statement", "Statements", "Public remarks by officials."),
}
TIMELINE_ROLES = {
    "operator": "operator",
    "host": "host",
    "builder": "builder",
    "signatory": "signatory",
    "observer": "observer",
}
