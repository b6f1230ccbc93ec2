"""Speech out: the agent's text as audio, for clients that ask for it.

Clients turn the buyer's speech into text themselves and may speak the agent's
text with the browser's own synthesis; a client that sends `audio: true` with
`call_start` also gets WAV audio with each `agent_speak`. The local provider is
espeak-ng (Debian's `espeak-ng`); without it, no audio is attached.

Synthesis is a subprocess, so a process runs only a few at once (`TTS_CONCURRENCY`)
with a short queue (`TTS_QUEUE`); past that the turn goes out as text only, marked
`audio_skipped: "busy"`, rather than piling up processes.
"""

from __future__ import annotations

import asyncio
import base64
import shutil
from functools import cache
from typing import Any, Protocol

from propertyhub.calls.models import MAX_TURN_CHARS


class SpeechProvider(Protocol):
    name: str

    async def synthesize(self, text: str, voice: dict[str, Any]) -> bytes | None: ...


class NoSpeech:
    name = "none"

    async def synthesize(self, text: str, voice: dict[str, Any]) -> bytes | None:
        return None


class Espeak:
    name = "espeak-ng"

    def __init__(self, binary: str) -> None:
        self.binary = binary

    async def synthesize(self, text: str, voice: dict[str, Any]) -> bytes | None:
        language = str(voice.get("language", "en-US")).lower()
        words_per_minute = int(175 * float(voice.get("speed", 1.0)))
        pitch = max(0, min(99, int(50 + 4 * float(voice.get("pitch", 0)))))
        proc = await asyncio.create_subprocess_exec(
            self.binary, "--stdout", "-v", language, "-s", str(words_per_minute),
            "-p", str(pitch), "--", text[:MAX_TURN_CHARS],
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        audio, _ = await proc.communicate()
        return audio if proc.returncode == 0 and audio.startswith(b"RIFF") else None


@cache
def provider() -> SpeechProvider:
    binary = shutil.which("espeak-ng")
    return Espeak(binary) if binary else NoSpeech()


class SpeechPool:
    """At most `concurrency` syntheses at once and `queue` waiting; the rest are refused."""

    def __init__(self, concurrency: int = 2, queue: int = 8,
                 speaker: SpeechProvider | None = None) -> None:
        self.limit = concurrency + queue
        self._gate = asyncio.Semaphore(concurrency)
        self._inflight = 0
        self._speaker = speaker

    @property
    def speaker(self) -> SpeechProvider:
        return self._speaker or provider()

    async def payload(self, text: str, voice: dict[str, Any]) -> tuple[dict | None, str | None]:
        """(audio payload, None), or (None, why not): "busy" or "unavailable"."""
        if self._inflight >= self.limit:
            return None, "busy"
        self._inflight += 1
        try:
            async with self._gate:
                audio = await self.speaker.synthesize(text, voice)
        finally:
            self._inflight -= 1
        if audio is None:
            return None, "unavailable"
        return {"mime": "audio/wav", "data": base64.b64encode(audio).decode()}, None
