"""Settings for the bundled site: Türkiye's defence diplomacy with Central Asia.

Everything about this topic lives here and in content/; the plugin (src/) is generic, and
theme/ holds only what this site changes of the plugin's templates.
"""

AUTHOR = "Timeline editors"
SITENAME = "Türkiye in Central Asia: a defence diplomacy timeline"
SITESUBTITLE = (
    "Visits, agreements, arms transfers and exercises between Türkiye and Kazakhstan, "
    "Kyrgyzstan, Uzbekistan and Turkmenistan, each claim with its source."
)
SITEURL = ""
RELATIVE_URLS = True  # links work from any folder and from file://

PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "theme"

# The timeline plugin (the pelican-timeline package) reads content/events itself and keeps
# Pelican from reading it as articles. This site has no blog, so the timeline is the home page.
PLUGINS = ["pelican.plugins.timeline"]
TIMELINE_OUTPUT_FOLDER = ""
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
THEME_STATIC_PATHS = []  # the theme only overrides a template; the plugin brings its files
DIRECT_TEMPLATES = []
PAGE_URL = PAGE_SAVE_AS = "pages/{slug}.html"

# No Pelican feeds for articles (there are none); no cache while developing.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LOAD_CONTENT_CACHE = False

FOOTER_TEXT = "An independent, sourced chronology. Corrections are welcome: see the About page."

TIMELINE_TITLE = "Türkiye's defence diplomacy with Central Asia"
TIMELINE_INTRO = (
    "A chronology of the defence and security ties between Türkiye and the Turkic "
    "republics of Central Asia, and of the Organisation of Turkic States, from the "
    "1990s on. Every entry cites its sources; where they disagree, an editorial note "
    "says so."
)
TIMELINE_LANGUAGE_NAMES = {"ky": "Kyrgyz"}  # ISO 639's name is the older "Kirghiz"
TIMELINE_TYPES = {
    "visit": ("Visit", "Visits", "Official visits and meetings of defence officials."),
    "agreement": (
        "Agreement",
        "Agreements",
        "Agreements, plans, memoranda and road maps signed or ratified.",
    ),
    "arms-transfer": (
        "Arms transfer",
        "Arms transfers",
        "Orders, sales and deliveries of military equipment.",
    ),
    "production": (
        "Production",
        "Production",
        "Joint or licensed production and defence-industry ventures.",
    ),
    "exercise": ("Exercise", "Exercises", "Joint military exercises and drills."),
    "training": ("Training", "Training", "Military education and training programmes."),
    "summit": ("Summit", "Summits", "Meetings of heads of state and of organisations."),
    "statement": ("Statement", "Statements", "Public statements and official remarks."),
    "display": (
        "Display",
        "Displays",
        "Parades and public showings of equipment in service.",
    ),
}

# The tags entries may use: readers filter by them, so one word per topic. The checker
# reports any other tag, and near-duplicates of these, with a suggestion.
TIMELINE_TAGS = [
    "afghanistan",
    "armoured vehicles",
    "border security",
    "caspian sea",
    "counter-terrorism",
    "cyprus",
    "defence industry",
    "drones",
    "exercises",
    "gendarmerie",
    "general staff",
    "joint production",
    "military aid",
    "military cooperation agreement",
    "military cooperation plan",
    "military education and training",
    "military-technical cooperation",
    "ministerial visits",
    "mountain and winter warfare",
    "naval vessels",
    "organisation of turkic states",
    "peacekeeping",
    "ratification",
    "road maps",
    "special forces",
    "state visits",
    "strategic partnership",
]
