"""Burned-in subtitles: styles, the generated ``.ass`` file, presets and ffmpeg.

Owns: per-language styles and safe-area layout (:mod:`.styles`,
:mod:`.assfile`), delivery presets (:mod:`.presets`), probing sources
(:mod:`.probe`), the ffmpeg graph and process (:mod:`.burn`,
:mod:`.ffmpeg_run`) and output fingerprints (:mod:`.queue`; the render queue's
rows are kept by :mod:`ttdn_studio.store.render_jobs`). Line widths
and Khmer line breaking come from :mod:`ttdn_studio.layout`, shared with QC, so
QC and the burn agree. Must not touch cue texts or statuses, and never imports the TUI or CLI;
the user-level operations are in :mod:`ttdn_studio.services.rendering`.
"""

from ttdn_studio.render.ffmpeg_run import RenderProgress
from ttdn_studio.render.presets import PRESETS, Preset, get_preset

__all__ = ["PRESETS", "Preset", "RenderProgress", "get_preset"]
