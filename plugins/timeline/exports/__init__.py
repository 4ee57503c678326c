"""Machine-readable exports of the timeline, each in its own module."""
