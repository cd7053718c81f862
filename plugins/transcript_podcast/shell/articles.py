"""Which Pelican contents are episodes, the :class:`EpisodeBuild` each one carries, and the
seeds refused on the way.

The reader puts the :class:`~..core.model.Episode` in an article's metadata (Pelican caches
it with the article); every build then gives each episode article one fresh
:class:`~..core.model.EpisodeBuild`, ``article.episode_build``, that the stages fill in.
"""

import logging
from pathlib import Path

from ..core.model import EpisodeBuild
from ..core.seeds.files import SEED_SUFFIXES
from .reader import is_seed

logger = logging.getLogger(__name__)


def is_episode(content):
    """True for articles read from a seed transcript (pages and other articles are not)."""
    return "episode" in content.metadata


def episode_articles(generator):
    return [a for a in generator.articles if is_episode(a)]


def start_record(article):
    """A new build record for ``article``, from the episode its reader produced."""
    article.episode_build = EpisodeBuild(article.metadata["episode"])
    return article.episode_build


def refuse(generator, article, error):
    """Log ``error`` and leave ``article``'s episode out, counted with the seeds that failed
    to read (so a strict build stops naming it, and a development build names it skipped)."""
    logger.error("%s", error)
    generator.articles.remove(article)
    generator._add_failed_source_path(article.relative_source_path)


def failed_seeds(generator):
    """Seed files that gave no episode: unreadable, or refused (their errors are logged)."""
    return sorted(
        path
        for path, content in generator.context["generated_content"].items()
        if content is None
        and Path(path).suffix.lower() in SEED_SUFFIXES
        and is_seed(Path(generator.path, path), generator.settings)
    )
