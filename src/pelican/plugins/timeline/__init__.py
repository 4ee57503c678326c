"""pelican-timeline: a Pelican plugin that turns one Markdown file per event into a sourced
timeline site.

``register`` only connects signals; the work is done by plain functions in the modules
beside this one (see the module map in README.md).
"""

from pelican import signals

from .glue import add_generator, add_templates, adjust_settings, keeping_writer


def register():
    signals.initialized.connect(adjust_settings)
    signals.generator_init.connect(add_templates)
    signals.get_generators.connect(add_generator)
    signals.get_writer.connect(keeping_writer)
