"""ID3v2 chapters (``CHAP`` frames and their ``CTOC`` table of contents) in an MP3.

Pocket Casts and other apps prefer chapters inside the file to feed chapters.  Each chapter
is a ``CHAP`` frame from its start to the next chapter's start (the last to the end of the
audio) with its title (``TIT2``) and link (``WXXX``); the ``CTOC`` lists the chapters shown,
so hidden markers (``toc = false``) are in the file but not in its table of contents.  Tags
already in the file (title, artist, ...) are kept; earlier chapters are replaced.
"""

import io

from mutagen.id3 import CHAP, CTOC, ID3, TIT2, WXXX, CTOCFlags, ID3NoHeaderError

from ..safe_text import clean_text

TOC_ID = "toc"
NO_OFFSET = 0xFFFFFFFF  # the frame gives times, not byte offsets


def chapter_id(index):
    return f"chp{index}"


def chapter_frames(chapters, duration):
    """The ``CHAP`` frames and the ``CTOC`` for ``chapters`` in audio ``duration`` seconds."""
    ends = [c.start for c in chapters[1:]] + [duration]
    frames = []
    for index, (chapter, end) in enumerate(zip(chapters, ends, strict=True)):
        sub_frames = [TIT2(encoding=3, text=[clean_text(chapter.title)])]
        if chapter.url:
            sub_frames.append(WXXX(encoding=3, desc="", url=chapter.url))
        frames.append(
            CHAP(
                element_id=chapter_id(index),
                start_time=round(chapter.start * 1000),
                end_time=max(round(end * 1000), round(chapter.start * 1000) + 1),
                start_offset=NO_OFFSET,
                end_offset=NO_OFFSET,
                sub_frames=sub_frames,
            )
        )
    toc = CTOC(
        element_id=TOC_ID,
        flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
        child_element_ids=[chapter_id(i) for i, c in enumerate(chapters) if c.toc],
        sub_frames=[TIT2(encoding=3, text=["Chapters"])],
    )
    return [toc, *frames]


def with_chapters(mp3, chapters, duration):
    """``mp3`` (bytes) with its ID3 chapters set to ``chapters``; the audio is unchanged."""
    data = io.BytesIO(mp3)
    try:
        tags = ID3(data)
    except ID3NoHeaderError:
        tags = ID3()
    tags.delall("CHAP")
    tags.delall("CTOC")
    for frame in chapter_frames(chapters, duration):
        tags.add(frame)
    data.seek(0)
    tags.save(data, v2_version=4)
    return data.getvalue()
