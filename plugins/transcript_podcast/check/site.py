"""Check a built site's podcast feed and transcript files before they are published.

Pure: reads files under an output folder and returns problems as text lines, one per problem,
each naming the file and the item or line (``feed.xml: item 3 (guid x): ...``,
``episodes/x/transcript.vtt:12: ...``).  A feed that passes here is safe to deploy.

Deliberately independent of the writers: the checker reads the built files with lxml and its
own parsers (:mod:`.feed_rules`, :mod:`.transcript_rules`) and never calls the code that wrote
them, so a writer's mistake cannot hide itself.  It shares only what no writer decides: the
specifications' facts (:mod:`..core.standards`: namespaces, MIME types, the podcast:guid
derivation, pinned by tests to the specifications' examples) and the http(s) URL rule
(:mod:`..core.locations`).
"""

from pathlib import Path

from lxml import etree

from .feed_rules import FeedCheck
from .transcript_rules import transcript_problems


def parse_feed(data):
    """The feed's root element, parsed without entities or network (``XMLSyntaxError``)."""
    return etree.fromstring(
        data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    )


def check_site(output, feed_path="feed.xml", site_url=None):
    """Every problem of the feed at ``output/feed_path`` and of the transcripts it points to."""
    output = Path(output)
    feed_file = output / feed_path
    if not feed_file.is_file():
        return [f"{feed_path}: no feed in {output}"]
    try:
        root = parse_feed(feed_file.read_bytes())
    except etree.XMLSyntaxError as exc:
        return [f"{feed_path}:{exc.lineno}: not well-formed XML: {exc.msg}"]
    feed = FeedCheck(output, feed_path, root, site_url)
    problems = feed.problems()
    for path, mime_type in feed.transcript_files:
        name = path.relative_to(output).as_posix()
        problems += [
            f"{name}:{line}: {message}" if line else f"{name}: {message}"
            for line, message in transcript_problems(path, mime_type)
        ]
    return problems
