from __future__ import annotations

import time

from workers.beat import BeatLock


def test_one_beat_holds_the_lock_and_another_takes_over(redis_url):
    first = BeatLock(redis_url, key="test-beat-lock", ttl_s=1)
    second = BeatLock(redis_url, key="test-beat-lock", ttl_s=1)
    first.client.delete("test-beat-lock")

    assert first.hold() is True
    assert second.hold() is False
    assert first.hold() is True  # renewing its own lock
    first.release()
    assert second.hold() is True
    assert first.hold() is False
    time.sleep(1.2)  # the holder died: its lock lapses
    assert first.hold() is True
