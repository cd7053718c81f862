"""feedgen extension for WebSub: one ``<atom:link rel="hub">`` per hub, beside ``rel="self"``.

feedgen's RSS writer turns only a ``rel="self"`` link into ``atom:link``.  A WebSub subscriber
(W3C WebSub, 4. Discovery) reads the hubs and the topic, the self link, from the channel; the
hubs then push the feed to apps within seconds of ``python -m transcript_podcast ping``.
"""

from feedgen.ext.base import BaseExtension
from lxml import etree

from ..locations import is_http_url
from ..standards import ATOM_NS

EXTENSION_NAME = "websub"


class WebSubExtension(BaseExtension):
    """The channel's hub links, written right after its ``atom:link rel="self"``."""

    def __init__(self):
        self._hubs = []

    def extend_ns(self):
        return {"atom": ATOM_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        self_link = channel.find(f"{{{ATOM_NS}}}link[@rel='self']")
        position = len(channel) if self_link is None else channel.index(self_link) + 1
        for offset, hub in enumerate(self._hubs):
            link = etree.Element(f"{{{ATOM_NS}}}link", href=hub, rel="hub")
            channel.insert(position + offset, link)
        return rss_feed

    def websub_hubs(self, hubs=None):
        """Set the hubs: absolute http(s) URLs, in the order they are written."""
        if hubs is not None:
            for hub in hubs:
                if not is_http_url(hub):
                    raise ValueError(f"a WebSub hub must be an absolute http(s) URL, not {hub!r}")
            self._hubs = list(hubs)
        return self._hubs
