"""Start-up and reading: settings checked, the reader added, identities settled, bad seeds
refused (strict) or named (development)."""

import logging
from pathlib import Path

from ..core.errors import TranscriptError
from ..core.feed.enclosures import local_audio_file, where_named
from ..core.model import TranscriptLink
from ..core.seeds.identity import duplicate_guids, duplicate_stems, unique_slugs
from ..core.seeds.referenced import artwork_file, audio_facts
from ..core.settings import SettingsError, with_defaults
from ..core.transcripts.formats import FORMATS
from . import guid_lock, seed_folders
from .articles import episode_articles, failed_seeds, refuse, start_record
from .reader import TranscriptReader
from .stop import stop

logger = logging.getLogger(__name__)


def check_settings(pelican):
    try:
        with_defaults(pelican.settings)
    except SettingsError as exc:
        stop(str(exc))


def add_reader(readers):
    for extension in TranscriptReader.file_extensions:
        readers.reader_classes[extension] = TranscriptReader


def settle_identities(generator):
    """Refuse seeds that claim another's identity, check the GUID lock, make every slug unique
    (published ones kept), give each episode its build record with its URL and transcript
    links, and stop a strict build that has any bad seed or broken promise."""
    settings = generator.settings
    locked, unreadable = guid_lock.read_locked(settings)
    seed_folders.leave_out_other_articles(generator)
    named_files = seed_folders.files_named_by_sidecars(generator)
    refuse_duplicate_stems(generator)
    files = seed_folders.seed_folder_files(settings)
    seed_folders.refuse_misnamed_companions(generator, files)
    refuse_shared_guids(generator, locked)
    artwork = refuse_unusable_files(generator)
    problems = guid_lock.lock_problems(generator, locked, unreadable)

    articles = episode_articles(generator)
    published = {stem: entry.slug for stem, entry in locked.items() if entry.slug}
    slugs = unique_slugs(
        [
            (id(a), a.metadata["slug"], a.metadata["episode"].air_date, a.metadata["episode"].stem)
            for a in articles
        ],
        published,
    )
    for article in articles:
        wanted, final = article.metadata["slug"], slugs[id(article)]
        if final != wanted and article.metadata["episode"].stem not in published:
            logger.warning(
                "%s: another episode has the slug %s; publishing this one as %s",
                article.metadata["episode"].source_path,
                wanted,
                final,
            )
        article.slug = final
        record = start_record(article)
        record.url = article.url  # computed by Pelican on every access: read it once
        record.transcripts = transcript_links(record.url)
        record.artwork = artwork_url(record, artwork.get(id(article)))
    seed_folders.name_unused_files(generator, files, named_files)
    stop_on_bad_input(generator, problems)
    guid_lock.note_published(generator, locked)


def refuse_shared_guids(generator, locked):
    """Leave out every episode whose GUID another one has (a published one keeps it)."""
    owners = {entry.guid: stem for stem, entry in locked.items()}
    shared = duplicate_guids([a.metadata["episode"] for a in episode_articles(generator)], owners)
    for article in episode_articles(generator):
        path = article.metadata["episode"].source_path
        if path in shared:
            refuse(generator, article, TranscriptError(path, None, shared[path]))


def refuse_duplicate_stems(generator):
    """Leave out every episode whose stem another seed file also claims, read or not
    (``x.txt`` beside a bad ``x.vtt`` is one stem too)."""
    episodes = [a.metadata["episode"] for a in episode_articles(generator)]
    claims = [(episode.stem, episode.source_path) for episode in episodes]
    claims += [(Path(path).stem, path) for path in failed_seeds(generator)]
    duplicates = duplicate_stems(claims)
    for article in episode_articles(generator):
        paths = duplicates.get(article.metadata["episode"].stem)
        if paths:
            own = article.metadata["episode"].source_path
            others = ", ".join(p for p in paths if p != own)
            refuse(
                generator,
                article,
                TranscriptError(
                    own,
                    None,
                    f"the file name {article.metadata['episode'].stem} is used by {others} too: "
                    "an episode's file name is its identity",
                ),
            )


def refuse_unusable_files(generator):
    """Leave out every episode whose audio or artwork file is outside the project, missing or
    not what it claims to be, named where the sidecar (or the seed) names it.  Returns the
    suffix each episode's local artwork is published with, ``{id(article): suffix}``."""
    root, suffixes = generator.settings["PATH"], {}
    for article in episode_articles(generator):
        episode = article.metadata["episode"]
        try:
            audio = local_audio_file(episode, root)
            if audio is not None:
                audio_facts(audio, episode.audio.path, where_named(episode))
            if episode.image is not None and episode.image.path is not None:
                suffixes[id(article)] = artwork_file(episode.image, root)[1]
        except TranscriptError as error:
            refuse(generator, article, error)
    return suffixes


def artwork_url(record, suffix):
    """Where the episode's own artwork is: its URL, or beside its page as ``<slug><suffix>``."""
    image = record.episode.image
    if image is None:
        return None
    if image.url is not None:
        return image.url
    folder = record.url.rstrip("/")
    return f"{folder}/{folder.rsplit('/', 1)[-1]}{suffix}"


def transcript_links(url):
    """Where each transcript format of the episode at ``url`` is published (site-relative)."""
    return tuple(
        TranscriptLink(f.label, f"{url}{f.filename}", f.mime_type, f.timed) for f in FORMATS
    )


def stop_on_bad_input(generator, problems=()):
    """Strict: stop naming every bad seed and broken lock promise.  Development: name the
    skipped seeds (lock problems were warned about)."""
    failed = failed_seeds(generator)
    if generator.settings["PODCAST_STRICT"] and (failed or problems):
        parts = [f"{len(failed)} bad transcript(s): {', '.join(failed)}"] if failed else []
        if problems:
            parts.append(f"{len(problems)} published GUID(s) would change")
        stop(f"{'; '.join(parts)}; nothing was published")
    for path in failed:
        logger.warning("%s was skipped; every other episode is published", path)
