"""Speech out: the agent's text as audio, for clients that ask for it.

Clients turn the buyer's speech into text themselves and may speak the agent's
text with the browser's own synthesis; a client that sends `audio: true` with
`call_start` also gets WAV audio with each `agent_speak`. The local provider is
espeak-ng (Debian's `espeak-ng`); without it, no audio is attached.
"""

from __future__ import annotations

import asyncio
import base64
import shutil
from functools import cache
from typing import Any, Protocol

MAX_CHARS = 2000


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
            "-p", str(pitch), "--", text[:MAX_CHARS],
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        audio, _ = await proc.communicate()
        return audio if proc.returncode == 0 and audio.startswith(b"RIFF") else None


@cache
def provider() -> SpeechProvider:
    binary = shutil.which("espeak-ng")
    return Espeak(binary) if binary else NoSpeech()


async def audio_payload(text: str, voice: dict[str, Any]) -> dict[str, str] | None:
    audio = await provider().synthesize(text, voice)
    if audio is None:
        return None
    return {"mime": "audio/wav", "data": base64.b64encode(audio).decode()}
