"""The Xing "Info" frame (with LAME's extension) that tells players an MP3's exact length.

lameenc returns the encoded frames only: LAME writes its tag frame when it can seek back to
the start of a file, and even then not at low bit rates (32 kbit/s at 22.05 kHz leaves a frame
too small to hold it).  Without it players estimate the duration from the bit rate and seek by
guesswork.  :func:`with_info_frame` puts the frame LAME would write in front of a constant
bit rate stream: the count of frames and bytes, a seek table, and the encoder delay and
padding, so gapless players also drop the encoder's silence and play exactly the samples
given.  The frame itself is a silent frame at the smallest bit rate that holds the tag, as
LAME does for VBR streams.
"""

import struct

SYNC = 0xFFE00000
BIT_RATES = {  # kbit/s by bitrate index: MPEG-1 layer III, MPEG-2/2.5 layer III
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
LAME_VERSION = b"LAME3.100"  # the encoder lameenc bundles
ENCODER_DELAY = 576  # LAME's own delay, as its tag records it; decoders add their 529 samples
TAG_BYTES = 120 + 36  # Xing part (with TOC and quality) + LAME extension
XING_ALL_FIELDS = 0x0F  # frames, bytes, TOC, quality
CBR_METHOD = 1


class NotAnMp3Error(ValueError):
    """The bytes are not a plain stream of MPEG layer III frames."""


class Frame:
    """One MPEG audio frame header, read from its four bytes."""

    def __init__(self, header):
        if header & SYNC != SYNC or (header >> 17) & 3 != 1:
            raise NotAnMp3Error(f"not an MPEG layer III frame header: {header:08x}")
        self.header = header
        self.version_bits = (header >> 19) & 3
        if self.version_bits not in SAMPLE_RATES:
            raise NotAnMp3Error(f"reserved MPEG version in frame header {header:08x}")
        self.mpeg1 = self.version_bits == 3
        self.bit_rate_index = (header >> 12) & 15
        self.sample_rate = SAMPLE_RATES[self.version_bits][(header >> 10) & 3]
        self.padding = (header >> 9) & 1
        self.channel_mode = (header >> 6) & 3  # 3 is mono
        self.protected = not (header >> 16) & 1

    @property
    def bit_rates(self):
        return BIT_RATES[1 if self.mpeg1 else 2]

    @property
    def samples(self):
        return 1152 if self.mpeg1 else 576

    @property
    def side_info_end(self):
        """Where the Xing tag starts: after the header, its CRC and the side information."""
        mono = self.channel_mode == 3
        side = (17 if mono else 32) if self.mpeg1 else (9 if mono else 17)
        return 4 + 2 * self.protected + side

    def length(self, bit_rate_index=None, padding=None):
        kbps = self.bit_rates[self.bit_rate_index if bit_rate_index is None else bit_rate_index]
        if kbps == 0:
            raise NotAnMp3Error("free-format MP3 frames are not supported")
        pad = self.padding if padding is None else padding
        return self.samples // 8 * kbps * 1000 // self.sample_rate + pad


def frame_offsets(mp3):
    """The offset of every frame in ``mp3`` (frames only, no ID3 tag) and its first header."""
    offsets, offset, first = [], 0, None
    while offset < len(mp3):
        if offset + 4 > len(mp3):
            raise NotAnMp3Error(f"{len(mp3) - offset} stray bytes after the last frame")
        frame = Frame(int.from_bytes(mp3[offset : offset + 4], "big"))
        if first is None:
            first = frame
        elif (frame.version_bits, frame.sample_rate, frame.channel_mode) != (
            first.version_bits,
            first.sample_rate,
            first.channel_mode,
        ):
            raise NotAnMp3Error(f"frame at byte {offset} changes the stream's format")
        offsets.append(offset)
        offset += frame.length()
    if first is None:
        raise NotAnMp3Error("no frames")
    return offsets, first


def crc16(data, crc=0):
    """CRC-16/ARC (polynomial 0x8005, reflected), which the LAME tag uses for its checksums."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def seek_table(offsets, total):
    """Xing's 100-entry table: where each percent of the audio starts, in 256ths of its bytes.

    Positions count from the first audio frame, after the Info frame, as LAME and ffmpeg do.
    """
    count = len(offsets)
    starts = (offsets[min(count - 1, percent * count // 100)] for percent in range(100))
    return bytes(min(255, start * 256 // total) for start in starts)


def tag_frame_header(first):
    """The first frame's header at the smallest bit rate whose frame holds the tag."""
    for index in range(1, 15):
        if first.length(index, padding=0) >= first.side_info_end + TAG_BYTES:
            header = first.header & ~(0xF << 12) & ~(1 << 9)  # new bit rate, no padding
            return Frame(header | index << 12)
    raise NotAnMp3Error("no bit rate makes a frame large enough for the Info tag")


def with_info_frame(mp3, samples):
    """``mp3`` (LAME's constant bit rate frames) with its Info frame.

    ``samples`` is how many samples per channel were encoded, at the stream's own sample rate
    (so LAME must not have resampled them).
    """
    offsets, first = frame_offsets(mp3)
    tag = tag_frame_header(first)
    size = tag.length()
    total = size + len(mp3)
    padding = len(offsets) * first.samples - ENCODER_DELAY - samples
    if not 0 <= padding < 4096:
        raise NotAnMp3Error(f"{samples} samples do not fit {len(offsets)} frames")
    kbps = first.bit_rates[first.bit_rate_index]
    source_rate = 0 if first.sample_rate <= 32000 else 1 if first.sample_rate == 44100 else 2
    stereo_mode = {3: 0, 0: 1, 2: 2, 1: 3}[first.channel_mode]  # mono, stereo, dual, joint
    xing = b"Info" + struct.pack(">III", XING_ALL_FIELDS, len(offsets), total)
    xing += seek_table(offsets, len(mp3)) + struct.pack(">I", 0)
    lame = (
        LAME_VERSION
        + bytes([CBR_METHOD, 0])  # tag revision 0 and method; lowpass unknown
        + bytes(4 + 2 + 2 + 1)  # peak, radio and audiophile gain, flags and ATH: not measured
        + bytes([min(kbps, 255)])
        + (ENCODER_DELAY << 12 | padding).to_bytes(3, "big")
        + bytes([source_rate << 6 | stereo_mode << 2, 0])  # misc, MP3 gain
        + bytes(2)  # preset and surround: none
        + struct.pack(">IH", total, crc16(mp3))
    )
    frame = bytearray(size)
    frame[:4] = tag.header.to_bytes(4, "big")
    start = tag.side_info_end
    frame[start : start + len(xing) + len(lame)] = xing + lame
    end = start + TAG_BYTES - 2  # the tag's own CRC covers the frame up to itself
    frame[end : end + 2] = crc16(frame[:end]).to_bytes(2, "big")
    return bytes(frame) + mp3
