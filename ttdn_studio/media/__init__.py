"""Media analysis and timing from the voice.

Owns what is read from a clip's video (audio extracted once and cached,
speech activity from a VAD, loudness, waveform peaks, shot changes) and the
aligners that re-time a clip's cues to its narration. Never imports Textual
or click; the CLI and the desk call :func:`ttdn_studio.media.align.align_clip`.
"""

from ttdn_studio.media.analysis import ClipAnalysis

__all__ = ["ClipAnalysis"]
