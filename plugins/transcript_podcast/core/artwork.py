"""The pixel size of PNG and JPEG artwork, read from the file's own header.

Apple refuses cover art that is not square and 1400 to 3000 pixels a side, and
``podcast:image`` tells apps the width; both need the size, and a header says it without
decoding the image.
"""

import struct

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (C0 to CF, less C4 DHT, C8 JPG and CC DAC) carry the size.
JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
APPLE_COVER_PIXELS = (1400, 3000)


def image_size(data):
    """``(width, height)`` of PNG or JPEG bytes, or None when the header does not say."""
    if data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data.startswith(b"\xff\xd8"):
        return jpeg_size(data)
    return None


def jpeg_size(data):
    """Walk the JPEG's marker segments to the first frame header."""
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if marker in JPEG_FRAMES:
            if offset + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    return None


def apple_cover_problem(size):
    """Why Apple would refuse cover art of ``size`` pixels, or None."""
    width, height = size
    low, high = APPLE_COVER_PIXELS
    if width != height or not low <= width <= high:
        return f"is {width}×{height} px; Apple Podcasts needs a square of {low} to {high} px"
    return None
