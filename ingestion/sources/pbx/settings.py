"""Where the PBX exports lie in the inbox."""

ASTERISK_FOLDER = "pbx/asterisk"
TRANSCRIPTS_FOLDER = "pbx/transcripts"
TRANSCRIPT_SUFFIXES = (".jsonl", ".ndjson", ".json")
