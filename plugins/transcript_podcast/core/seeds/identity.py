"""Stable identities across a whole podcast: unique slugs, one episode per stem and per GUID."""

from collections import defaultdict


def unique_slugs(candidates, locked=None):
    """Give every episode its own slug without moving any published episode's URL.

    ``candidates`` is a list of ``(key, slug, air_date, stem)``; ``locked`` is ``{stem: slug}``
    of published episodes (the GUID lock).  A published episode keeps its locked slug
    whatever its title says now, and no other episode is given a locked slug, even when the
    episode that holds it is missing from this build.  The others sharing a slug are ordered
    by air date then stem: the first keeps it, later ones get ``-2``, ``-3``.
    Returns ``{key: slug}``.
    """
    locked = locked or {}
    taken = set(locked.values())
    result = {key: locked[stem] for key, _, _, stem in candidates if stem in locked}
    newcomers = [c for c in candidates if c[3] not in locked]
    for key, slug, _, _ in sorted(newcomers, key=lambda c: (c[2], c[3])):
        final, counter = slug, 2
        while final in taken:
            final, counter = f"{slug}-{counter}", counter + 1
        taken.add(final)
        result[key] = final
    return result


def duplicate_stems(claims):
    """Stems claimed by more than one seed file (the stem is the episode's identity).

    ``claims`` are ``(stem, path)`` pairs: ``seeds/x.txt`` and ``seeds/x.vtt`` are one
    stem, and so are two files of one name in two folders.
    """
    paths = defaultdict(list)
    for stem, path in claims:
        paths[stem].append(path)
    return {stem: sorted(found) for stem, found in paths.items() if len(found) > 1}


def duplicate_guids(episodes, locked_owners=None):
    """Episodes that would share a feed GUID, as ``{source_path: sentence}``.

    ``locked_owners`` is ``{guid: stem}`` of the GUID lock: a published episode keeps its GUID
    and only the others claiming it are named; otherwise every claimant is, each sentence
    naming the other files.
    """
    locked_owners = locked_owners or {}
    claims = defaultdict(list)
    for episode in episodes:
        claims[episode.guid].append(episode)
    found = {}
    for guid, claimants in claims.items():
        if len(claimants) < 2:
            continue
        owner = locked_owners.get(guid)
        for episode in claimants:
            if episode.stem == owner:
                continue
            others = sorted(e.source_path for e in claimants if e is not episode)
            found[episode.source_path] = (
                f"the GUID {guid!r} is also the GUID of {', '.join(others)}: every episode "
                "needs its own (set a different guid in the sidecar)"
            )
    return found
