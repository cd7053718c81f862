"""Every writer, on random segment lists, read back with real parsers (hypothesis)."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from transcript_podcast.core.model import Segment
from transcript_podcast.core.safe_text import clean_text
from transcript_podcast.core.seeds.layout import format_stamp
from transcript_podcast.core.transcripts.formats import FORMATS, make_transcript, render

from .transcript_parsers import html_rows, json_rows, srt_rows, text_rows, vtt_rows

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
NASTY = [
    "</script>",
    "-->",
    "a --> b",
    "&amp;",
    "&",
    "<v Bob>",
    "<b>bold</b>",
    "<!--",
    "]]>",
    '"quoted"',
    "\x00",
    "\x07",
    "\x1f",
    "\x7f",
    "\x9b",
    "\t",
    "\ud800",
    "\ufffe",
    "\U0010ffff",
    "\ufdd0",
    "WEBVTT",
    "NOTE",
    "1",
    "00:00:01,000 --> 00:00:02,000",
    *LINE_BREAKS,
]
words = st.text(st.characters(exclude_categories=()), max_size=12) | st.sampled_from(NASTY)
texts = st.lists(words, max_size=6).map(" ".join)
names = st.sampled_from(["Ana", "Bo <b>", "Cy & Di", "Ed -->", " Flo ", "\x01Gus"])


@st.composite
def segment_lists(draw):
    """Starts that repeat, jump by hours and sit past 10 hours; markup and controls in text."""
    start, segments = draw(st.integers(0, 40_000)), []
    for line in range(1, draw(st.integers(0, 25)) + 1):
        start += draw(st.sampled_from([0, 0, 0, 1, 2, 9, 3600, 36_000]))
        segments.append(Segment(start, draw(texts), line, draw(st.none() | names)))
    return segments


def expected_clean(text):
    """The oracle for safe text, from Unicode categories rather than the module's tables."""
    out = []
    for char in text:
        code = ord(char)
        if char in LINE_BREAKS:
            out.append(" ")
        elif (
            (char != "\t" and unicodedata.category(char) in ("Cc", "Cs"))
            or code & 0xFFFE == 0xFFFE
            or 0xFDD0 <= code <= 0xFDEF
        ):
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out).strip()


def expected_rows(segments):
    """(start second, speaker, text) of every segment with words, in order."""
    return [
        (s.start, expected_clean(s.speaker or "") or None, expected_clean(s.text))
        for s in segments
        if expected_clean(s.text)
    ]


def shown_speakers(rows):
    """Untimed formats name the speaker only when it changes."""
    shown, previous = [], None
    for _, speaker, _ in rows:
        shown.append(speaker if speaker != previous else None)
        previous = speaker
    return shown


def check_timed(rows, expected):
    """Count, order, texts and speakers match; cues are valid and follow the seed times."""
    assert [(speaker, text) for _, _, speaker, text in rows] == [(s, t) for _, s, t in expected]
    for index, (start, end, _, _) in enumerate(rows):
        second = expected[index][0]
        assert end > start
        assert second * 1000 <= start
        if index + 1 < len(rows):
            assert end <= rows[index + 1][0]
            later = [s for s, _, _ in expected[index + 1 :] if s > second]
            if later:
                assert end <= later[0] * 1000
        if index == 0 or expected[index - 1][0] != second:
            assert start == second * 1000


def render_all(segments, **timing):
    transcript = make_transcript(segments, "A <title> & more\x01", **timing)
    return {f.extension: render(f, transcript) for f in FORMATS}


@settings(deadline=None)
@given(segment_lists(), st.none() | st.floats(0, 200_000, allow_nan=False))
def test_every_writer_keeps_every_line_in_valid_cues(segments, duration):
    files = render_all(segments, duration=duration)
    expected = expected_rows(segments)
    speakers = [speaker for _, speaker, _ in expected]

    vtt = vtt_rows(files["vtt"])
    check_timed(vtt, expected)
    assert srt_rows(files["srt"], speakers) == vtt
    assert json_rows(files["json"]) == vtt

    untimed = [
        (format_stamp(s), shown, t)
        for (s, _, t), shown in zip(expected, shown_speakers(expected), strict=True)
    ]
    assert html_rows(files["html"]) == untimed
    assert text_rows(files["txt"], shown_speakers(expected)) == untimed


@given(texts)
def test_safe_text_replaces_only_what_formats_forbid(text):
    assert clean_text(text) == expected_clean(text)


def test_seed_like_text_is_unchanged_in_every_format():
    line = "Wait, five-million conversations... ...with cheese? A&B <3 --> 100%"
    files = render_all([Segment(3, line, 1, "Host")])
    assert vtt_rows(files["vtt"])[0][2:] == ("Host", line)
    assert "&lt;3 --&gt; 100%" in files["vtt"]
    assert json_rows(files["json"])[0][2:] == ("Host", line)
    assert srt_rows(files["srt"], ["Host"])[0][3] == line
    assert html_rows(files["html"]) == [("00:00:03", "Host", line)]
    assert text_rows(files["txt"], ["Host"]) == [("00:00:03", "Host", line)]


def test_script_end_tag_and_controls_cannot_break_the_html_page():
    files = render_all([Segment(0, "</script><script>alert(1)</script>\x0c\x02 rest", 1)])
    page = files["html"]
    assert "<script" not in page
    assert html_rows(page) == [("00:00:00", None, "</script><script>alert(1)</script> \ufffd rest")]
