"""Personal data out of transcript text: card and phone numbers become placeholders."""

from __future__ import annotations

import re

# 13–19 digits in groups (cards), then 7+ digits with the usual phone punctuation.
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_PHONE = re.compile(r"(?<![\d\w])\+?\d[\d ()\-]{5,}\d(?!\d)")


def redact(text: str) -> str:
    """Replace card numbers with [card] and phone numbers with [phone]."""
    text = _CARD.sub("[card]", text)
    return _PHONE.sub(lambda m: "[phone]" if sum(c.isdigit() for c in m.group()) >= 7 else m.group(), text)
