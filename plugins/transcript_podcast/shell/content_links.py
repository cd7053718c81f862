"""Symbolic links in content folders in a build: nothing outside the project is published.

Before anything is read, every content folder (``ARTICLE_PATHS``, ``PAGE_PATHS``,
``STATIC_PATHS``) and the theme's static folders are searched for links that lead outside
the project or loop back into a folder that contains them.  A production build stops naming
every such link.  So does any build for a loop, or a link in the theme (Pelican copies the
theme's folders whole, so no single file can be left out).  A development build leaves out
just the files that lead outside, naming each: seeds are refused by the reader, pages and
static files are dropped here before they are written or copied.
"""

import logging
import os

from ..core.content_links import bad_links
from ..core.locations import inside_project
from .stop import stop

logger = logging.getLogger(__name__)


def refuse_bad_links(pelican):
    settings = pelican.settings
    root = settings["PATH"]
    content = bad_links(
        root, [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"], *settings["STATIC_PATHS"]]
    )
    theme = bad_links(
        root,
        [os.path.join(settings["THEME"], path) for path in settings["THEME_STATIC_PATHS"]],
        allowed=[settings["THEME"]],
    )
    fatal = theme + [link for link in content if "loop" in link.problem]
    if settings["PODCAST_STRICT"]:
        fatal = theme + content
    for link in fatal:
        logger.error("%s", link)
    if fatal:
        stop(f"{len(fatal)} symbolic link(s) refused: {', '.join(link.path for link in fatal)}")


def outside(content, root):
    return inside_project(root, content.source_path) is None


def drop_outside_pages(generator):
    """Pages read through a link that leads outside the project are not written."""
    root = generator.settings["PATH"]
    for name in ("pages", "hidden_pages", "draft_pages",
                 "translations", "hidden_translations", "draft_translations"):  # fmt: skip
        contents = getattr(generator, name)
        for page in [p for p in contents if outside(p, root)]:
            contents.remove(page)
            logger.error(
                "%s leads outside the project (a symbolic link): not published",
                page.relative_source_path,
            )


def drop_outside_static_files(generator):
    """Static files whose real path is outside the project are not copied."""
    root = generator.settings["PATH"]
    for static in [s for s in generator.staticfiles if outside(s, root)]:
        generator.staticfiles.remove(static)
        logger.error(
            "%s leads outside the project (a symbolic link or '..'): not copied",
            static.relative_source_path,
        )
