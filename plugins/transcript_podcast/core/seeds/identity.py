"""Stable identities across a whole podcast: unique slugs, and one episode per stem."""

from collections import defaultdict


def unique_slugs(candidates):
    """Give every episode its own slug without moving any earlier episode's URL.

    ``candidates`` is a list of ``(key, slug, air_date, stem)``.  Episodes sharing a slug are
    ordered by air date then stem: the first keeps the slug, later ones get ``-2``, ``-3`` so
    publishing a new episode with an old title never changes an existing page's address.
    Returns ``{key: slug}``.
    """
    taken, result = set(), {}
    for key, slug, _, _ in sorted(candidates, key=lambda c: (c[2], c[3])):
        final, counter = slug, 2
        while final in taken:
            final, counter = f"{slug}-{counter}", counter + 1
        taken.add(final)
        result[key] = final
    return result


def duplicate_stems(episodes):
    """Stems claimed by more than one seed file (the stem is the episode's identity)."""
    paths = defaultdict(list)
    for episode in episodes:
        paths[episode.stem].append(episode.source_path)
    return {stem: sorted(found) for stem, found in paths.items() if len(found) > 1}
