"""One render job made ready: source facts, frame size, styles and the ``.ass`` text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ttdn_studio.fonts import FontSpec
from ttdn_studio.models import Clip, CueRow, Project, Status
from ttdn_studio.models.domain import status_at_least
from ttdn_studio.naming import file_stem, path_in
from ttdn_studio.render.assfile import SubtitleEvent, build_ass
from ttdn_studio.render.presets import Preset
from ttdn_studio.render.probe import SourceInfo
from ttdn_studio.render.queue import fingerprint, source_stamp
from ttdn_studio.render.styles import LangStyle, project_overrides, style_for


def output_name(clip: str, langs: list[str], preset: Preset) -> str:
    """``<clip stem>.<lang+lang>.<preset>.<container>`` (``mp4``, ``mxf``), the clip part made
    safe by :func:`file_stem`.

    Pass the clip's stem from :func:`ttdn_studio.naming.unique_stems` so two
    clips never share a file (a stem is left as it is by :func:`file_stem`).
    """
    return f"{file_stem(clip)}.{'+'.join(langs)}.{preset.name}.{preset.container}"


@dataclass
class Selection:
    """The events of one clip in some languages, and how many cues were left out."""

    events: list[SubtitleEvent]
    left_out: dict[str, int] = field(default_factory=dict)  # lang -> cues below the status


def select_events(
    rows: list[CueRow], langs: list[str], project: Project, min_status: Status
) -> Selection:
    """Cues to burn: the source text always, translations at or above ``min_status``."""
    events: list[SubtitleEvent] = []
    left_out = dict.fromkeys(langs, 0)
    for row in rows:
        texts: dict[str, str] = {}
        for lang in langs:
            text = row.text(lang, project.source_lang).strip()
            ok = lang == project.source_lang or status_at_least(row.status(lang), min_status)
            if text and ok:
                texts[lang] = text
            elif lang != project.source_lang:
                left_out[lang] += 1
        if texts:
            events.append(SubtitleEvent(row.cue.start_ms, row.cue.end_ms, texts, row.cue.align))
    return Selection(events, {k: v for k, v in left_out.items() if v})


@dataclass
class PreparedJob:
    key: str
    clip: Clip
    langs: list[str]
    preset: Preset
    source: SourceInfo | None
    size: tuple[int, int]
    styles: dict[str, LangStyle]
    ass_text: str
    selection: Selection
    output: Path
    log_path: Path

    @property
    def fonts(self) -> tuple[FontSpec, ...]:
        return tuple(dict.fromkeys(s.font for s in self.styles.values()))

    @property
    def fingerprint(self) -> str:
        stamp = source_stamp(self.source.path) if self.source else None
        return fingerprint(
            self.ass_text, self.preset.describe(), stamp, [f.filename for f in self.fonts]
        )


def prepare(
    clip: Clip,
    langs: list[str],
    preset: Preset,
    source: SourceInfo | None,
    selection: Selection,
    project: Project,
    out_dir: Path,
    *,
    stem: str | None = None,
) -> PreparedJob:
    size = preset.size_for(source.size if source else None)
    styles = {
        lang: style_for(
            lang,
            *size,
            preset.safe,
            text_scale=preset.text_scale,
            overrides=project_overrides(project.settings, lang),
        )
        for lang in langs
    }
    ass_text = build_ass(selection.events, langs, styles, *size, watermark=preset.watermark)
    output = path_in(out_dir, output_name(stem or clip.name, langs, preset))
    return PreparedJob(
        key=output.stem,
        clip=clip,
        langs=langs,
        preset=preset,
        source=source,
        size=size,
        styles=styles,
        ass_text=ass_text,
        selection=selection,
        output=output,
        log_path=output.with_suffix(".log"),
    )
