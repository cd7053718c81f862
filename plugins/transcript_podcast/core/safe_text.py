"""Text that every transcript format can carry, whatever a transcript line contains.

XML and HTML forbid most control characters, surrogates and noncharacters, and caption
parsers break lines at more characters than LF and CR. Rather than fail or drop the line,
line-break-like characters become a space and forbidden ones become U+FFFD (visibly
replaced), so the rest of the line is always published.
"""

import re

LINE_BREAK_LIKE = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef" + NONCHARACTERS + "]"
)
REPLACEMENT = "\ufffd"


def clean_text(text):
    """``text`` on one line, with nothing XML, HTML or a caption parser would refuse.

    Printable ASCII (most of any transcript) holds nothing to replace: it is only stripped,
    without the two regular-expression passes (the costliest step of writing the files).
    """
    if text.isascii() and text.isprintable():
        return text.strip()
    return FORBIDDEN.sub(REPLACEMENT, LINE_BREAK_LIKE.sub(" ", text)).strip()


def has_words(segment):
    """True when a segment has something to show (empty fragments are never shown)."""
    return bool(clean_text(segment.text))


# What a one-line value (a GUID, a URL, a name, a file name) may not contain: every control
# character (tab and line breaks included), line and paragraph separators, surrogates and
# noncharacters. XML cannot carry most of them, and the rest would split a line of the
# GUID lock or a feed attribute.
UNSAFE_IN_VALUE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef" + NONCHARACTERS + "]"
)
CHARACTER_NAMES = {
    "\t": "a tab",
    "\n": "a line break",
    "\r": "a carriage return",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}


def unsafe_character(value):
    """How to name the first character a one-line value may not hold, or None if it has none.

    One rule for every value that goes into the feed's XML or the GUID lock as it is written
    (sidecar strings, file names), rather than shown replaced like transcript text.
    """
    found = UNSAFE_IN_VALUE.search(value)
    if found is None:
        return None
    char = found[0]
    kind = CHARACTER_NAMES.get(char, "a control character" if ord(char) < 0xD800 else "")
    return f"{kind or 'a character XML cannot carry'} (U+{ord(char):04X})"
