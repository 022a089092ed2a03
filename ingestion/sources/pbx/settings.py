"""Where the PBX exports lie in the inbox (the layout is core.paths', shared with the
speech-to-text step that writes transcripts there)."""

from core.paths import ASTERISK_FOLDER, ASTERISK_SUFFIXES, TRANSCRIPT_SUFFIXES, TRANSCRIPTS_FOLDER

__all__ = ["ASTERISK_FOLDER", "ASTERISK_SUFFIXES", "TRANSCRIPTS_FOLDER", "TRANSCRIPT_SUFFIXES"]
