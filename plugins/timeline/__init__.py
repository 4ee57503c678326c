"""timeline: a Pelican plugin that turns one Markdown file per event into a sourced timeline.

``register`` only connects signals; the work is done by plain functions in the modules
beside this one.
"""

from pelican import signals


def get_generators(pelican_object):
    from .generator import TimelineGenerator

    return TimelineGenerator


def register():
    signals.get_generators.connect(get_generators)
