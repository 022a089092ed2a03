"""Where the PBX exports lie in the inbox (the layout is core.paths', shared with the
speech-to-text step that writes transcripts there)."""

from core.paths import (
    ASTERISK_FOLDER,
    ASTERISK_SUFFIXES,
    REUSED_CALL_RECORD_NAMES,
    TRANSCRIPT_SUFFIXES,
    TRANSCRIPTS_FOLDER,
    is_call_record_file,
    is_transcripts_file,
)

__all__ = [
    "ASTERISK_FOLDER",
    "ASTERISK_SUFFIXES",
    "REUSED_CALL_RECORD_NAMES",
    "TRANSCRIPTS_FOLDER",
    "TRANSCRIPT_SUFFIXES",
    "is_call_record_file",
    "is_transcripts_file",
]
