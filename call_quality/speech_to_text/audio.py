"""WAV recordings split into one mono WAV per channel (stdlib only).

Asterisk's MixMonitor with the ``D`` option writes stereo: one side of the
conversation per channel. That is what tells the agent from the client; a mono
recording has one speaker only.
"""

from __future__ import annotations

import wave
from pathlib import Path


class AudioError(ValueError):
    """A recording that cannot be read as PCM WAV."""


def split_channels(path: Path, out_dir: Path) -> list[Path]:
    """One mono WAV per channel of ``path`` in ``out_dir``, in channel order."""
    try:
        with wave.open(str(path), "rb") as source:
            channels, width, rate = source.getnchannels(), source.getsampwidth(), source.getframerate()
            frames = source.readframes(source.getnframes())
    except (wave.Error, EOFError) as exc:
        raise AudioError(f"not a PCM WAV recording ({exc})") from None
    frame_size = channels * width
    out = []
    for channel in range(channels):
        mono = b"".join(
            frames[i + channel * width : i + (channel + 1) * width] for i in range(0, len(frames), frame_size)
        )
        target = out_dir / f"{path.stem}.ch{channel}.wav"
        with wave.open(str(target), "wb") as sink:
            sink.setnchannels(1)
            sink.setsampwidth(width)
            sink.setframerate(rate)
            sink.writeframes(mono)
        out.append(target)
    return out
