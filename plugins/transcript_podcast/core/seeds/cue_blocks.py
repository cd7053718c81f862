"""What the WebVTT and SRT readers share: blocks of lines between blank lines, clock times."""


def blocks(lines):
    """``(first line number, [lines])`` for each run of non-blank lines (1-based numbers).

    Whitespace-only lines count as blank: editors leave spaces that no one sees.
    """
    block, start = [], None
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def clock_ms(match, first):
    """Milliseconds of the time in groups ``first``..``first + 3`` (hours, which may be
    missing, minutes, seconds, milliseconds); None when minutes or seconds pass 59."""
    hours, minutes, seconds, millis = match.group(first, first + 1, first + 2, first + 3)
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)
