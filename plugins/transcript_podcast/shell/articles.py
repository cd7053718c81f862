"""Which Pelican contents are episodes, and the :class:`EpisodeBuild` each one carries.

The reader puts the :class:`~..core.model.Episode` in an article's metadata (Pelican caches
it with the article); every build then gives each episode article one fresh
:class:`~..core.model.EpisodeBuild`, ``article.episode_build``, that the stages fill in.
"""

from ..core.model import EpisodeBuild


def is_episode(content):
    """True for articles read from a seed transcript (pages and other articles are not)."""
    return "episode" in content.metadata


def episode_articles(generator):
    return [a for a in generator.articles if is_episode(a)]


def start_record(article):
    """A new build record for ``article``, from the episode its reader produced."""
    article.episode_build = EpisodeBuild(article.metadata["episode"])
    return article.episode_build
