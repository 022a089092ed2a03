"""Speech-to-text as a Dagster asset between the inbox and the PBX load (optional).

Off unless AUTOKPI_STT_MODEL or AUTOKPI_STT_COMMAND is set (call_quality/speech_to_text).
A recording that fails, or an engine that is misconfigured, is reported and does not
stop the calls from loading: the scorer simply has fewer transcripts.
"""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from call_quality.speech_to_text.backends import SpeechToTextError, backend_from_env
from call_quality.speech_to_text.transcribe import transcribe_recordings
from orchestration.resources import AutokpiSettings

SPEECH_TO_TEXT_KEY = AssetKey(["pbx", "speech_to_text"])


@asset(
    key=SPEECH_TO_TEXT_KEY,
    deps=[AssetKey(["inbox", "pbx"])],
    group_name="ingestion",
    kinds={"python"},
    description="Transcripts for the recordings in <inbox>/pbx/recordings/ that have none "
    "(a local faster-whisper model or a whisper.cpp command; off unless configured).",
)
def speech_to_text(context: AssetExecutionContext, settings: AutokpiSettings) -> MaterializeResult:
    try:
        backend = backend_from_env()
    except SpeechToTextError as error:
        context.log.error(f"speech-to-text is misconfigured, recordings not transcribed: {error}")
        return MaterializeResult(metadata={"status": "misconfigured", "error": str(error)})
    if backend is None:
        return MaterializeResult(metadata={"status": "off (set AUTOKPI_STT_MODEL or AUTOKPI_STT_COMMAND)"})
    report = transcribe_recordings(settings.inbox(), backend, context.log.info)
    for failure in report.failed:
        context.log.warning(f"not transcribed: {failure}")
    return MaterializeResult(
        metadata={
            "status": "on",
            "transcribed": len(report.transcribed),
            "already_transcribed": report.skipped,
            "failed": report.failed,
        }
    )
