"""The window's recording format: G.711 μ-law WAV, 8 kHz mono, written as it is heard.

Why this and not a compressed codec: Qt's recorder (QMediaRecorder) writes nothing to disk until
it stops, so a crash would lose the whole meeting. Here every tenth of a second goes straight to
the file with ``os.write`` (in the kernel's hands, so a SIGKILL loses nothing written), and
while recording the header says "length unknown" (0xFFFFFFFF), which players read as "to the end
of the file"; ``finish`` writes the real lengths at the end, or after a crash. μ-law halves
16-bit audio to 8000 bytes a second: 28.8 MB an hour, telephone speech quality, encoded by a
table lookup (no codec library, next to no CPU).
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
from pathlib import Path

RATE = 8000  # samples (and bytes) a second
HEADER = 58  # RIFF + fmt (18) + fact + data headers
_UNKNOWN = 0xFFFFFFFF
_BIAS, _CLIP = 0x84, 32635


def _ulaw(sample: int) -> int:
    sign = 0x80 if sample < 0 else 0
    magnitude = min(abs(sample), _CLIP) + _BIAS
    exponent = max(0, magnitude.bit_length() - 8)
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return ~(sign | (exponent << 4) | mantissa) & 0xFF


# Indexed by a 16-bit sample read as unsigned (two's complement), so encoding is one lookup each.
_TABLE = bytes(_ulaw(u - 65536 if u >= 32768 else u) for u in range(65536))


def encode(pcm16: bytes) -> bytes:
    """Signed 16-bit little-endian mono samples as μ-law bytes."""
    samples = array("H")
    samples.frombytes(pcm16[: len(pcm16) // 2 * 2])
    if sys.byteorder != "little":
        samples.byteswap()
    return bytes(map(_TABLE.__getitem__, samples))


def header(data_bytes: int = _UNKNOWN) -> bytes:
    """A μ-law WAV header; without a length, one that says "to the end of the file"."""
    riff = _UNKNOWN if data_bytes == _UNKNOWN else HEADER - 8 + data_bytes
    samples = 0 if data_bytes == _UNKNOWN else data_bytes
    return (b"RIFF" + struct.pack("<I", riff) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHHH", 18, 7, 1, RATE, RATE, 1, 8, 0)
            + b"fact" + struct.pack("<II", 4, samples)
            + b"data" + struct.pack("<I", data_bytes))


class Writer:
    """Appends heard audio to a μ-law WAV file, each piece on disk (in the kernel) as it comes."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(self._fd, header())
        self.data_bytes = 0

    def write_pcm16(self, pcm16: bytes) -> None:
        """Append 16-bit samples (8 kHz mono)."""
        data = encode(pcm16)
        os.write(self._fd, data)
        self.data_bytes += len(data)

    @property
    def duration_ms(self) -> int:
        """How much has been written, in milliseconds."""
        return self.data_bytes * 1000 // RATE

    def close(self) -> None:
        """Write the real lengths into the header and close the file."""
        if self._fd < 0:
            return
        os.pwrite(self._fd, header(self.data_bytes), 0)
        os.fsync(self._fd)
        os.close(self._fd)
        self._fd = -1


def finish(path: str | Path) -> int | None:
    """Give a μ-law WAV cut off by a crash its real lengths; returns its length in ms (None: not one of ours)."""
    path = Path(path)
    try:
        with open(path, "r+b") as f:
            head = f.read(HEADER)
            if len(head) < HEADER or head[:4] != b"RIFF" or head[38:42] != b"fact" or head[50:54] != b"data":
                return None
            data_bytes = os.fstat(f.fileno()).st_size - HEADER
            if struct.unpack("<I", head[54:58])[0] != data_bytes:
                f.seek(0)
                f.write(header(data_bytes))
            return data_bytes * 1000 // RATE
    except OSError:
        return None
