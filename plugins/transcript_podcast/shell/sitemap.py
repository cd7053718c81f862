"""sitemap.xml at the output root, dated by air dates only (never by file times)."""

from pathlib import Path

from ..core.site.sitemap import sitemap_xml
from .articles import is_episode


def write_sitemap(generators):
    """Receiver for ``all_generators_finalized``: the index, every episode and every page."""
    contents = [
        content
        for generator in generators
        for content in getattr(generator, "articles", []) + getattr(generator, "pages", [])
    ]
    settings = generators[0].settings
    site = settings["SITEURL"].rstrip("/")

    def air_date(content):
        return content.episode_build.episode.air_date if is_episode(content) else None

    episode_dates = [air_date(c) for c in contents if is_episode(c)]
    entries = [(f"{site}/", max(episode_dates, default=None))]
    entries += [(f"{site}/{content.url}", air_date(content)) for content in contents]
    output = Path(generators[0].output_path)
    output.mkdir(parents=True, exist_ok=True)
    (output / "sitemap.xml").write_bytes(sitemap_xml(entries))
