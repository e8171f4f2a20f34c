"""Signing what the sandboxed child reports (docs/grading.md, layer 3).

HMAC-SHA256 over (kind, nonce, sequence, payload), with a key the grading process draws per
child and sends through the fork server's pipe. In the child the key lives only in the driver's
frame; student code can neither read it (frames, gc and memory are closed by the audit hook) nor
reach the C function that computes the MAC through anything it can patch. Two kinds share the
scheme: observation files (`seal`/`unseal`) and the lines of the progress channel
(`line`/`read_line`), domain-separated so that one can never pass for the other.
"""
from __future__ import annotations

import hmac
import json
import struct
from _hashlib import hmac_digest as _hmac_digest  # C, so no Python-level patch reaches it

FILE_MAGIC = b"AGOBS1"
_HEAD = struct.Struct(">Q32s")  # sequence, MAC
MAX_LINE = 1 << 20


class BadSignature(Exception):
    pass


def _mac(key: bytes, kind: bytes, nonce: bytes, seq: int, payload: bytes) -> bytes:
    return _hmac_digest(key, kind + b"\0" + nonce + struct.pack(">Q", seq) + payload, "sha256")


def seal(key: bytes, nonce: bytes, seq: int, payload: bytes) -> bytes:
    """An observation file's bytes: magic, sequence, MAC, payload."""
    return FILE_MAGIC + _HEAD.pack(seq, _mac(key, b"obs", nonce, seq, payload)) + payload


def unseal(key: bytes, nonce: bytes, seq: int, data: bytes) -> bytes:
    """The payload of observation `seq`, or BadSignature."""
    n = len(FILE_MAGIC)
    if len(data) < n + _HEAD.size or data[:n] != FILE_MAGIC:
        raise BadSignature("not an observation file")
    got_seq, mac = _HEAD.unpack_from(data, n)
    payload = data[n + _HEAD.size:]
    if got_seq != seq:
        raise BadSignature(f"observation {got_seq} found where {seq} was expected")
    if not hmac.compare_digest(mac, _mac(key, b"obs", nonce, seq, payload)):
        raise BadSignature("the signature does not match (the file was written or changed by someone else)")
    return payload


def line(key: bytes, nonce: bytes, seq: int, message: dict) -> bytes:
    """One message of the progress channel. It starts with a newline too, so that stray bytes
    written to the channel by student code end up on a line of their own, not in ours."""
    body = json.dumps(message, separators=(",", ":")).encode()
    mac = _mac(key, b"msg", nonce, seq, body).hex().encode()
    return b"\n" + mac + b" " + str(seq).encode() + b" " + body + b"\n"


def read_line(key: bytes, nonce: bytes, raw: bytes) -> tuple[int, dict] | None:
    """(sequence, message) of a genuine line; None for anything else."""
    parts = raw.strip().split(b" ", 2)
    if len(parts) != 3 or len(raw) > MAX_LINE:
        return None
    mac, seq, body = parts
    try:
        n = int(seq)
        expected = _mac(key, b"msg", nonce, n, body).hex().encode()
        if not hmac.compare_digest(mac, expected):
            return None
        message = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return (n, message) if isinstance(message, dict) else None
