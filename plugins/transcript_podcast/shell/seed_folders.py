"""Nothing in the seed folders (``ARTICLE_PATHS``) is lost without a word.

A file there is a transcript (``.txt``, ``.vtt``, ``.srt``, ``.json``, in any case), its
sidecar (``<stem>.toml``), its audio (``<stem>.mp3``/``.m4a``), a file a sidecar names, or
the GUID lock.  Anything else is named:
a file another Pelican reader read (``README.md``, an ``.rst``) is left out as not an episode;
a sidecar or audio file whose name differs from its transcript's only in case (``x.TOML``)
refuses that episode, which would otherwise be published without it; any other file gets a
warning saying it is not published.
"""

import fnmatch
import logging
import os
from pathlib import Path

from ..core.errors import TranscriptError
from ..core.seeds.files import AUDIO_SUFFIXES, SEED_SUFFIXES
from .articles import episode_articles, is_episode, refuse

logger = logging.getLogger(__name__)

COMPANION_SUFFIXES = (".toml", *AUDIO_SUFFIXES)


def leave_out_other_articles(generator):
    """Articles another reader made from files in the seed folders: named, not published
    (the theme renders episodes only)."""
    for name in ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations"):  # fmt: skip
        contents = getattr(generator, name)
        for content in [c for c in contents if not is_episode(c)]:
            contents.remove(content)
            logger.warning(
                "%s is not a transcript (only %s files in %s are episodes): not published",
                content.relative_source_path,
                ", ".join(SEED_SUFFIXES),
                ", ".join(generator.settings["ARTICLE_PATHS"]),
            )


def seed_folder_files(settings):
    """Every file under ``ARTICLE_PATHS``, relative to the project, as Pelican walks them."""
    root, found = settings["PATH"], set()
    ignores = settings["IGNORE_FILES"]
    for folder in settings["ARTICLE_PATHS"]:
        for dirpath, dirs, files in os.walk(os.path.join(root, folder), followlinks=True):
            dirs[:] = [d for d in dirs if not any(fnmatch.fnmatch(d, i) for i in ignores)]
            for name in files:
                if not any(fnmatch.fnmatch(name, i) for i in ignores):
                    found.add(Path(os.path.relpath(os.path.join(dirpath, name), root)).as_posix())
    return found


def refuse_misnamed_companions(generator, files):
    """Refuse an episode whose sidecar or audio differs from ``<stem>.toml``/``.mp3``/``.m4a``
    only in the case of its name: on a case-sensitive disk it would be silently ignored."""
    by_folded_name = {}
    for name in files:
        by_folded_name.setdefault(name.casefold(), []).append(name)
    for article in episode_articles(generator):
        seed = Path(article.metadata["episode"].source_path)
        for suffix in COMPANION_SUFFIXES:
            wanted = seed.with_suffix(suffix).as_posix()
            misnamed = sorted(by_folded_name.get(wanted.casefold(), ()))
            if misnamed and wanted not in files:
                refuse(
                    generator,
                    article,
                    TranscriptError(
                        misnamed[0],
                        None,
                        f"a {'sidecar' if suffix == '.toml' else 'recording'} is read only "
                        f"when named {Path(wanted).name}: rename it",
                    ),
                )
                break


def files_named_by_sidecars(generator):
    """The audio and artwork files the episodes' sidecars name (taken before any episode is
    refused: a refused episode's files are named with its error, not as unused)."""
    named = set()
    for article in episode_articles(generator):
        episode = article.metadata["episode"]
        for source in (episode.audio, episode.image):
            if source is not None and source.path is not None:
                named.add(source.path)
    return named


def name_unused_files(generator, files, named_files):
    """Warn about every file in the seed folders (``files``) that the build does not use."""
    settings = generator.settings
    used = {settings["PODCAST_GUID_LOCK"]} if settings["PODCAST_GUID_LOCK"] else set()
    companions = set()  # casefolded: a misnamed one is refused with its episode already
    for path in generator.context["generated_content"]:
        used.add(path)
        if Path(path).suffix.lower() in SEED_SUFFIXES:
            companions |= {
                Path(path).with_suffix(s).as_posix().casefold() for s in COMPANION_SUFFIXES
            }
    used |= named_files
    for path in sorted(f for f in files - used if f.casefold() not in companions):
        logger.warning(
            "%s is not used: not a transcript (%s), nor the sidecar (.toml) or audio "
            "(.mp3, .m4a) of one, nor named by a sidecar; it is not published",
            path,
            ", ".join(SEED_SUFFIXES),
        )
