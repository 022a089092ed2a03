"""PBX extensions, read the one way both engines read them.

The raw checks (Python) and the models (SQL, dbt_project/macros/extensions.sql) must
agree on what an extension is, or a directory written ``101,5101`` gives false "unknown
extension" warnings. tests/unit/test_extension_rules.py runs the same cases through both.
"""

from __future__ import annotations

import re

# SIP/101-0000abcd, PJSIP/101-00000001, Local/101@from-queue-0000;1, SIP/101;2 → 101; a
# trunk's name (SIP/trunk-…) or a number with a + is not an extension
# what an extension is, in a channel name and in the directory alike: digits
EXTENSION = r"\d+"
CHANNEL_EXTENSION = re.compile(rf"^[^/]+/({EXTENSION})(?:[-@;]|$)")
# an employee's extensions as HR lists them: "101;5101", "101, 5101"
DIRECTORY_SEPARATORS = re.compile(r"[;,]")


def channel_extension(channel: str | None) -> str | None:
    match = CHANNEL_EXTENSION.match(channel or "")
    return match.group(1) if match else None


def is_extension(text: str) -> bool:
    """Whether ``text`` could be read as an extension from a call's channel."""
    return re.fullmatch(EXTENSION, text) is not None


def directory_extensions(text: str | None) -> list[str]:
    return [part.strip() for part in DIRECTORY_SEPARATORS.split(str(text or "")) if part.strip()]
