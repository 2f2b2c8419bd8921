"""Bytes to text, never crashing on what real archives contain.

UTF-8 is tried first because nearly all news is UTF-8; byte-order marks decide UTF-16/32; anything else
goes to charset-normalizer, which tells cp1252/latin-1 from other legacy encodings far better than a
fixed fallback would, and says when bytes are not text at all.
"""

from __future__ import annotations

import codecs
import logging
from typing import Any

from charset_normalizer import from_bytes

from dateline.models import RejectReason

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# NUL bytes in text: up to eight, or this share of a longer input, in what is UTF-8 once they are
# gone, they are stray and dropped; more (UTF-16 without a byte-order mark is half NULs), or in
# bytes that are no UTF-8 (images, executables), and the input is binary.
_MAX_STRAY_NULS = 8
_MAX_STRAY_NUL_SHARE = 0.01

logger = logging.getLogger(__name__)


class DecodeError(ValueError):
    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError with a reject reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    RejectReason.UNDECODABLE,
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc}",
                ) from exc
    data = without_stray_nuls(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if _mostly_utf8(data):
            return data.decode("utf-8", errors="replace"), "utf-8"
        matches = from_bytes(data)
        best = matches.best()
        if best is None or best.encoding is None:
            raise DecodeError(
                RejectReason.UNDECODABLE,
                f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                "and no other text encoding fits",
            ) from utf8_error
        if _cp1252_fits_as_well(matches, best):
            return data.decode("cp1252"), "cp1252"
        return str(best), best.encoding


# UTF-8 text with a few bad bytes (a multi-byte character cut by a scraper, one stray byte) is still
# that text: its bad bytes become U+FFFD, as a browser shows them, rather than the whole article being
# misread as a legacy encoding (mojibake everywhere) or rejected. It is told from legacy text by its
# valid multi-byte characters (curly quotes, dashes, accents), which outnumber the bad bytes; legacy
# text has none.
_MAX_BAD_UTF8_SHARE = 0.01


def without_stray_nuls(data: bytes) -> bytes:
    """The bytes without the few NULs a scraper or an editor left in UTF-8 text (logged), or a
    DecodeError when the NULs say the input is binary."""
    if b"\x00" not in data:
        return data
    stray = data.count(b"\x00")
    cleaned = data.replace(b"\x00", b"")
    if stray > max(_MAX_STRAY_NULS, _MAX_STRAY_NUL_SHARE * len(data)) or not _is_utf8(cleaned):
        raise DecodeError(
            RejectReason.BINARY, "contains NUL bytes: a binary file, not text in any 8-bit encoding"
        )
    logger.warning("dropped %d stray NUL byte%s from otherwise textual input", stray, "s"[: stray > 1])
    return cleaned


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _mostly_utf8(data)
    return True


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for c in text if c > "\x7f" and c != "\ufffd")
    return bad <= _MAX_BAD_UTF8_SHARE * len(data) and multibyte > bad


def _cp1252_fits_as_well(matches: Any, best: Any) -> bool:
    """Break ties toward cp1252, the legacy encoding of most Western news (and what browsers read
    latin-1 as): on short English text charset-normalizer often ranks cp1250 first with an equal
    score, and that turns "crème" into "crčme"."""
    return any(
        "cp1252" in match.could_be_from_charset
        and match.chaos <= best.chaos
        and match.coherence >= best.coherence
        for match in matches
    )
