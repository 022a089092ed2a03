"""Personal data out of transcript text: card and phone numbers and e-mail addresses become
placeholders. Used twice: on every segment before a transcript is stored (ingestion), and on
each quote the scorer keeps as evidence."""

from __future__ import annotations

import re

# 13–19 digits in groups (cards), then 7+ digits with the usual phone punctuation.
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_PHONE = re.compile(r"(?<![\d\w])\+?\d[\d ()\-]{5,}\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.\w{2,}")
_MAY_HOLD = re.compile(r"[\d@]")
# the text values of a JSON line that no longer parses (a cut line): "text": "…" up to its
# closing quote or the end of the line
_JSON_TEXT_VALUE = re.compile(r'("text"\s*:\s*")((?:[^"\\]|\\.)*)')


def redact(text: str) -> str:
    """Replace card numbers with [card], phone numbers with [phone], e-mails with [email]."""
    if not _MAY_HOLD.search(text):
        return text  # no digit and no "@": nothing to replace (most quotes)
    text = _EMAIL.sub("[email]", text)
    text = _CARD.sub("[card]", text)
    return _PHONE.sub(lambda m: "[phone]" if sum(c.isdigit() for c in m.group()) >= 7 else m.group(), text)


def redact_json_text_values(line: str) -> str:
    """``redact`` inside the ``"text"`` values of a JSON line, parseable or not; the rest of
    the line (call ids, times) is left as it was, so a quarantined line stays recognisable."""
    return _JSON_TEXT_VALUE.sub(lambda m: m.group(1) + redact(m.group(2)), line)
