"""Exactly one beat: a scheduler that only schedules while it holds a Redis lock.

Start as many beat processes as you like (a deploy overlap, a mistake): one
holds the lock and schedules; the others stand by and take over within
LOCK_TTL_S if it dies.
"""

from __future__ import annotations

import uuid

import redis
from celery.beat import PersistentScheduler

LOCK_KEY = "propertyhub:beat-lock"
LOCK_TTL_S = 30
STANDBY_CHECK_S = 5.0
# Extend the lock only if it is still ours.
_EXTEND = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class BeatLock:
    def __init__(self, redis_url: str, key: str = LOCK_KEY, ttl_s: int = LOCK_TTL_S) -> None:
        self.client = redis.Redis.from_url(redis_url)
        self.key, self.ttl_ms = key, ttl_s * 1000
        self.token = uuid.uuid4().hex
        self._extend = self.client.register_script(_EXTEND)

    def hold(self) -> bool:
        """Take the lock, or keep it if ours; False while another beat has it."""
        if self._extend(keys=[self.key], args=[self.token, self.ttl_ms]):
            return True
        return bool(self.client.set(self.key, self.token, nx=True, px=self.ttl_ms))

    def release(self) -> None:
        if self.client.get(self.key) == self.token.encode():
            self.client.delete(self.key)


class LockedScheduler(PersistentScheduler):
    def setup_schedule(self) -> None:
        super().setup_schedule()
        self.beat_lock = BeatLock(self.app.conf.broker_url)

    def tick(self, *args, **kwargs) -> float:
        if not self.beat_lock.hold():
            return STANDBY_CHECK_S
        # Come back before the lock can lapse.
        return min(super().tick(*args, **kwargs), LOCK_TTL_S / 3)

    def close(self) -> None:
        self.beat_lock.release()
        super().close()
