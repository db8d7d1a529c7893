"""An authenticator app in a few lines (RFC 6238), so tests log in as a person would."""

import base64
import hashlib
import hmac
import struct
import time

# A code shown this close to the end of its period may expire before the server checks
# it (the site accepts no previous code): wait for the next one, as a person would.
FRESH_FOR = 3


def totp_code(secret: str, *, at: float | None = None, period: int = 30, digits: int = 6) -> str:
    if at is None:
        now = time.time()
        if period - now % period < FRESH_FOR:
            time.sleep(period - now % period + 0.05)
        at = time.time()
    counter = int(at) // period
    digest = hmac.new(
        base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"
