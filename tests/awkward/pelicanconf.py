"""Settings of the awkward-inputs site (fiction, for the export tests)."""

AUTHOR = "Test editors"
SITENAME = "Über die Pässe: an awkward railway timeline"
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PLUGINS = ["pelican.plugins.timeline"]
TIMELINE_OUTPUT_FOLDER = ""
ARTICLE_PATHS = []
PAGE_PATHS = []
DIRECT_TEMPLATES = []
STATIC_PATHS = []
THEME_STATIC_PATHS = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LOAD_CONTENT_CACHE = False
TIMELINE_CACHE = False

TIMELINE_TYPES = {
    "opening": ("Opening", "Openings", "New paths, lines and tunnels."),
    "fares": ("Fares", "Fares", "Tariffs and refunds."),
    "weather": ("Weather", "Weather", "Heat, snow and avalanches."),
    "arrival": ("Arrival", "Arrivals", "Notable trains."),
}
