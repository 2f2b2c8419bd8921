import pytest

from dateline.ingest.decode import DecodeError, decode_bytes
from dateline.models import RejectReason

SENTENCE = "Kuleba told “local media” the café’s owner — at best — was wrong."


def test_utf8_is_read_as_is():
    assert decode_bytes(SENTENCE.encode("utf-8")) == (SENTENCE, "utf-8")


def test_cp1252_is_detected_instead_of_crashing():
    text, encoding = decode_bytes((SENTENCE * 3).encode("cp1252"))
    assert text == SENTENCE * 3
    assert encoding == "cp1252"


def test_other_legacy_encodings_are_not_forced_into_cp1252():
    polish = "Zażółć gęślą jaźń. Prezydent powiedział, że rozmowy będą kontynuowane."
    assert decode_bytes(polish.encode("cp1250")) == (polish, "cp1250")
    russian = "Президент заявил, что переговоры продолжатся на следующей неделе."
    assert decode_bytes(russian.encode("cp1251"))[0] == russian


def test_utf16_with_bom():
    text, encoding = decode_bytes("\ufeff".encode("utf-16-le") + SENTENCE.encode("utf-16-le"))
    assert text == SENTENCE
    assert encoding == "utf-16"


def test_binary_bytes_are_rejected_with_a_reason():
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert err.value.reason is RejectReason.BINARY


def test_stray_nul_bytes_in_text_are_dropped_and_logged_not_the_article(caplog):
    data = SENTENCE.encode("utf-8")
    cut = data.index(b" the ")
    text, encoding = decode_bytes(data[:cut] + b"\x00\x00" + data[cut:])
    assert (text, encoding) == (SENTENCE, "utf-8")
    assert "dropped 2 stray NUL bytes" in caplog.text


def test_text_that_is_half_nul_bytes_is_still_binary():
    with pytest.raises(DecodeError) as err:
        decode_bytes(SENTENCE.encode("utf-16-le"))  # no byte-order mark to say what it is
    assert err.value.reason is RejectReason.BINARY


def test_utf8_with_a_stray_byte_keeps_its_text_instead_of_turning_to_mojibake():
    data = (SENTENCE * 3).encode("utf-8")
    cut = data.index(b" was ")
    text, encoding = decode_bytes(data[:cut] + b"\xe2\x80" + data[cut:])  # a dash cut short
    assert encoding == "utf-8"
    assert text.replace("\ufffd", "") == SENTENCE * 3 and text.count("\ufffd") == 1


def test_bytes_mostly_invalid_as_utf8_are_still_rejected():
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"Budget talks \xff\xfe\xfa stalled. " + b"\x80\x81" * 50)
    assert err.value.reason is RejectReason.UNDECODABLE
