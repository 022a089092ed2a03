"""Optional speech-to-text: recordings without a transcript are transcribed before scoring.

Off unless configured. ``AUTOKPI_STT_MODEL`` points at a local faster-whisper
(CTranslate2) model directory, or ``AUTOKPI_STT_COMMAND`` at a command line such as
whisper.cpp's ``whisper-cli`` that writes whisper.cpp JSON; nothing is ever downloaded.
Recordings are WAV files in ``<inbox>/pbx/recordings/`` named by the call's id; the
transcripts are written as JSON lines into ``<inbox>/pbx/transcripts/speech-to-text/``,
the same format the PBX's own transcripts have, so the transcripts source and the
scorer take them unchanged.
"""
