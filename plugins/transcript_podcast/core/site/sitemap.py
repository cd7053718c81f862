"""sitemap.xml for search engines: every episode and page, with dates from the episodes only.

``lastmod`` comes from air dates (the index takes the newest), never from the clock or file
times, so two builds of the same commit write the same sitemap.
"""

from xml.sax.saxutils import escape

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
OPEN = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def sitemap_xml(entries):
    """``entries``: ``(absolute URL, date or None)``; returns the sitemap as bytes."""
    lines = [HEAD, OPEN]
    for url, lastmod in sorted(entries, key=lambda entry: entry[0]):
        stamp = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(url)}</loc>{stamp}</url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")
