"""The podcast feed: RSS with Apple's and the Podcast Index's tags, built with feedgen."""

# feedgen.util reads ``lxml.etree`` without importing it; importing it here first lets any
# module of this package be imported on its own.
import lxml.etree  # noqa: F401
