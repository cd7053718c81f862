"""The transcript on episode pages: readable paragraphs where every segment keeps its link."""

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from transcript_podcast.core.model import Segment
from transcript_podcast.core.safe_text import clean_text, has_words
from transcript_podcast.core.transcripts.formats import html_fragment, paragraphs


class Transcript(HTMLParser):
    """Paragraphs of (data-start, id, link href, text) as a reader's browser sees them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self._segment = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p":
            self.paragraphs.append([])
        elif tag == "span" and attrs.get("class") == "segment":
            self._segment = {"start": int(attrs["data-start"]), "id": attrs.get("id"), "text": ""}
            self.paragraphs[-1].append(self._segment)
        elif tag == "a" and self._segment is not None:
            self._segment["href"] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "span":
            self._segment = None

    def handle_data(self, data):
        if self._segment is not None:
            self._segment["text"] += data

    @property
    def segments(self):
        return [segment for paragraph in self.paragraphs for segment in paragraph]


def test_short_sentences_are_read_as_one_paragraph():
    segments = [
        Segment(0, "This is your"),
        Segment(1, "daily synthesizer."),
        Segment(2, "It's a lot."),
        Segment(4, "but first the news."),
    ]
    page = Transcript(html_fragment(segments))
    assert [[s["start"] for s in p] for p in page.paragraphs] == [[0, 1, 2, 4]]
    assert [s["text"] for s in page.segments] == [
        "00:00:00 This is your",
        "00:00:01 daily synthesizer.",
        "00:00:02 It's a lot.",
        "00:00:04 but first the news.",
    ]


def test_a_long_paragraph_ends_at_a_sentence_end_not_mid_sentence():
    long = "word " * 70  # 350 characters, about 27 seconds of speech
    segments = [Segment(0, long.strip()), Segment(27, "still the same"), Segment(28, "sentence.")]
    segments.append(Segment(29, "A new paragraph."))
    groups = paragraphs(segments)
    assert [[s.start for s, _ in g] for g in groups] == [[0, 27, 28], [29]]


def test_a_pause_or_a_new_speaker_starts_a_paragraph():
    segments = [
        Segment(0, "Hello there", speaker="Emma"),
        Segment(10, "after a long pause", speaker="Emma"),
        Segment(11, "and someone else", speaker="Synthesizer"),
    ]
    page = html_fragment(segments)
    assert [[s.start for s, _ in g] for g in paragraphs(segments)] == [[0], [10], [11]]
    assert '<b class="speaker">Synthesizer:</b> and someone else' in page


def test_anchors_are_unique_and_every_segment_links_to_its_second():
    segments = [Segment(5, "one"), Segment(5, "two"), Segment(6, ""), Segment(3725, "three")]
    page = Transcript(html_fragment(segments))
    assert [(s["start"], s["id"], s["href"]) for s in page.segments] == [
        (5, "t=00:00:05", "#t=00:00:05"),
        (5, None, "#t=00:00:05"),
        (3725, "t=01:02:05", "#t=01:02:05"),
    ]


def test_markup_in_speech_is_text():
    page = html_fragment([Segment(0, "<script>alert(1)</script> & more")])
    assert "<script>" not in page
    assert Transcript(page).segments[0]["text"] == "00:00:00 <script>alert(1)</script> & more"


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)


@given(st.lists(st.tuples(st.integers(0, 20), texts), max_size=40))
def test_no_spoken_segment_is_lost_or_reordered(pairs):
    segments, start = [], 0
    for step, text in pairs:
        start += step
        segments.append(Segment(start, text))
    page = Transcript(html_fragment(segments))
    spoken = [s for s in segments if has_words(s)]
    assert [(s["start"], s["text"].split(" ", 1)[1]) for s in page.segments] == [
        (s.start, clean_text(s.text)) for s in spoken
    ]
    assert all(page.paragraphs)
    ids = [s["id"] for s in page.segments if s["id"]]
    assert len(ids) == len(set(ids)) == len({s.start for s in spoken})
