"""The desk's key bindings as data: for the screens, the help screen, the palette and docs/keys.md.

Every documented binding is declared here, in one list per screen or part; the
screens and widgets take their ``BINDINGS`` from these lists. Only keys a real
terminal delivers are used: Alt+punctuation arrives as the bare character and
Ctrl+I as Tab, so neither appears here (tests/tui/test_real_terminal.py sends
every key through tmux). This module imports
no screen, so the docs and the help are built from data alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class KeyRow:
    id: str
    key: str
    action: str
    description: str
    tooltip: str


def _nudge(key: str, action: str, label: str, bid: str, tip: str) -> Binding:
    return Binding(key, action, label, show=False, priority=True, id=bid, tooltip=tip)


APP: list[BindingType] = [
    Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Every key of this screen"),
    Binding(
        "f12",
        "toggle_theme",
        "Theme",
        show=False,
        id="app.theme",
        tooltip="Switch between the dark and the light theme (remembered)",
    ),
    Binding(
        "ctrl+q",
        "quit",
        "Quit",
        id="app.quit",
        priority=True,
        tooltip="Quit; everything typed is already saved",
    ),
]

NAVIGATION: list[BindingType] = [
    Binding(
        "ctrl+down,alt+down",
        "step(1)",
        "Next cue",
        show=False,
        priority=True,
        id="episode.next_cue",
        tooltip="Save and go to the next cue",
    ),
    Binding(
        "ctrl+up,alt+up",
        "step(-1)",
        "Previous cue",
        show=False,
        priority=True,
        id="episode.prev_cue",
        tooltip="Save and go to the previous cue",
    ),
    Binding(
        "escape",
        "focus_grid",
        "Grid",
        show=False,
        id="episode.focus_grid",
        tooltip="Leave the editor (saves) and go back to the cue list",
    ),
    Binding(
        "ctrl+t",
        "switch_lang",
        "Language",
        priority=True,
        id="episode.switch_lang",
        tooltip="Edit the next target language (English / Khmer)",
    ),
    Binding(
        "alt+c",
        "toggle_columns",
        "Columns",
        show=False,
        priority=True,  # the editor would type the letter (a terminal sends it)
        id="episode.columns",
        tooltip="Show every target language column, or only the one being edited",
    ),
    Binding(
        "f4",
        "cycle_filter",
        "Filter",
        id="episode.filter",
        tooltip="Cycle filters: all, untranslated, needs review, QC errors, term check failed, "
        "timing to check, source changed (outdated), open notes",
    ),
    Binding(
        "f3,ctrl+f",
        "search",
        "Search",
        id="episode.search",
        tooltip="Search source and target text (case and accents ignored: nam can = Năm Căn)",
    ),
    Binding(
        "ctrl+g",
        "jump",
        "Go to",
        show=False,
        id="episode.jump",
        tooltip="Go to a cue number (12) or a time (1:05 or 00:01:05.200)",
    ),
    Binding(
        "ctrl+pagedown",
        "step_clip(1)",
        "Next clip",
        show=False,
        priority=True,  # the grid and the editor would take it as "scroll right/left"
        id="episode.next_clip",
        tooltip="Open the next clip of the project",
    ),
    Binding(
        "ctrl+pageup",
        "step_clip(-1)",
        "Previous clip",
        show=False,
        priority=True,  # the grid and the editor would take it as "scroll right/left"
        id="episode.prev_clip",
        tooltip="Open the previous clip of the project",
    ),
]

WORKFLOW: list[BindingType] = [
    Binding(
        "ctrl+z",
        "undo",
        "Undo",
        priority=True,
        id="episode.undo",
        tooltip="Undo the latest saved change (history survives restarts)",
    ),
    Binding(
        "ctrl+y",
        "redo",
        "Redo",
        show=False,
        priority=True,
        id="episode.redo",
        tooltip="Redo the change just undone",
    ),
    Binding(
        "f2",
        "accept_memory",
        "Use TM",
        show=False,
        id="episode.accept_tm",
        tooltip="Put the best translation-memory suggestion into the editor",
    ),
    Binding(
        "shift+f2",
        "concordance",
        "Search TM",
        show=False,
        priority=True,
        id="episode.concordance",
        tooltip="Search the translation memory for words (Cà Mau): stored pairs that contain "
        "them; Enter puts the chosen translation in at the cursor",
    ),
    Binding(
        "f5",
        "machine_translate",
        "MT",
        id="episode.mt",
        tooltip="Machine draft for this cue, the marked cues or every empty cue",
    ),
    Binding(
        "f7",
        "set_status('reviewed')",
        "Reviewed",
        show=False,
        priority=True,
        id="episode.reviewed",
        tooltip="Mark the cue (or marked cues) reviewed",
    ),
    Binding(
        "f8",
        "set_status('approved')",
        "Approve",
        priority=True,
        id="episode.approve",
        tooltip="Approve the cue (or marked cues); approved text feeds the memory",
    ),
    Binding(
        "shift+f8",
        "set_status('draft')",
        "Back to draft",
        show=False,
        id="episode.draft",
        tooltip="Send the cue (or marked cues) back to draft",
    ),
]

TIMING: list[BindingType] = [
    _nudge(
        "alt+left",
        "nudge('start', -1, 'ms')",
        "Start −100 ms",
        "timing.start_earlier",
        "Move the cue's start 100 ms earlier",
    ),
    _nudge(
        "alt+right",
        "nudge('start', 1, 'ms')",
        "Start +100 ms",
        "timing.start_later",
        "Move the cue's start 100 ms later",
    ),
    _nudge(
        "alt+shift+left",
        "nudge('end', -1, 'ms')",
        "End −100 ms",
        "timing.end_earlier",
        "Move the cue's end 100 ms earlier",
    ),
    _nudge(
        "alt+shift+right",
        "nudge('end', 1, 'ms')",
        "End +100 ms",
        "timing.end_later",
        "Move the cue's end 100 ms later",
    ),
    _nudge(
        "alt+j",
        "nudge('start', -1, 'frame')",
        "Start −1 frame",
        "timing.start_frame_earlier",
        "Move the cue's start one frame earlier",
    ),
    _nudge(
        "alt+l",
        "nudge('start', 1, 'frame')",
        "Start +1 frame",
        "timing.start_frame_later",
        "Move the cue's start one frame later",
    ),
    _nudge(
        "alt+u",
        "nudge('end', -1, 'frame')",
        "End −1 frame",
        "timing.end_frame_earlier",
        "Move the cue's end one frame earlier",
    ),
    _nudge(
        "alt+o",
        "nudge('end', 1, 'frame')",
        "End +1 frame",
        "timing.end_frame_later",
        "Move the cue's end one frame later",
    ),
    _nudge(
        "alt+p",
        "snap('start')",
        "Start to previous end",
        "timing.snap_start",
        "Start the cue where the previous cue ends",
    ),
    _nudge(
        "alt+n",
        "snap('end')",
        "End to next start",
        "timing.snap_end",
        "End the cue where the next cue starts",
    ),
    _nudge("alt+s", "split", "Split", "timing.split", "Split the cue at the editor's cursor"),
    _nudge("alt+m", "merge", "Merge with next", "timing.merge", "Join the cue with the next one"),
    _nudge(
        "alt+h",
        "shift_range",
        "Shift cues",
        "timing.shift",
        "Move the marked cues (or this cue) by some milliseconds",
    ),
]

VOICE: list[BindingType] = [
    Binding(
        "alt+w",
        "analyse_clip",
        "Analyse voice",
        show=False,
        priority=True,  # the editor would type the letter (a terminal sends it)
        id="voice.analyse",
        tooltip="Read the clip's voice, waveform and shot changes for the strip (in the background)",
    ),
    Binding(
        "alt+y",
        "play_cue",
        "Listen",
        show=False,
        priority=True,
        id="voice.play",
        tooltip="Play the cue from a second before it; the playhead moves on the strip",
    ),
    Binding(
        "alt+k",
        "stop_playing",
        "Stop",
        show=False,
        priority=True,
        id="voice.stop",
        tooltip="Stop playing (the playhead stays where it stopped)",
    ),
    _nudge(
        "alt+x",
        "spot('start')",
        "Start at playhead",
        "voice.set_start",
        "Start the cue at the playhead (to the frame)",
    ),
    _nudge(
        "alt+d",
        "spot('end')",
        "End at playhead",
        "voice.set_end",
        "End the cue at the playhead (to the frame)",
    ),
    _nudge(
        "alt+t",
        "align_cues(False)",
        "Align cue",
        "voice.align_cue",
        "Time this cue to the voice (undoable)",
    ),
    _nudge(
        "alt+q",
        "align_cues(True)",
        "Align from here",
        "voice.align_onward",
        "Time this cue and every later cue of the clip to the voice (undoable)",
    ),
]

TOOLS: list[BindingType] = [
    Binding(
        "f6",
        "open_qc",
        "QC",
        priority=True,
        id="episode.qc",
        tooltip="Quality checks of the project: findings by check, jump, safe fixes",
    ),
    Binding(
        "ctrl+r",
        "open_render",
        "Render",
        show=False,
        id="episode.render",
        tooltip="Burn subtitles into clips: choose clips, languages, layout, preset",
    ),
    Binding(
        "f9",
        "open_glossary",
        "Glossary",
        show=False,
        id="episode.glossary",
        tooltip="Browse, search, add and edit glossary terms",
    ),
    Binding(
        "alt+shift+t",
        "open_models",
        "Models",
        show=False,
        priority=True,
        id="episode.models",
        tooltip="Translation models: what is installed and what the desk can translate; "
        "install a package file or remove one",
    ),
    Binding(
        "ctrl+o",
        "open_projects",
        "Projects",
        show=False,
        id="episode.projects",
        tooltip="The projects folder: open, create, import",
    ),
    Binding(
        "alt+v",
        "preview",
        "Preview",
        show=False,
        priority=True,  # the editor would type the letter (a terminal sends it)
        id="episode.preview",
        tooltip="Render a preview frame of this cue with its subtitles",
    ),
    Binding(
        "alt+i",
        "import_file",
        "Import",
        show=False,
        priority=True,  # the editor would type the letter (a terminal sends it)
        id="episode.import",
        tooltip="Import a subtitle or script file: into this clip or a new one, in any of "
        "the project's languages, with its video",
    ),
    Binding(
        "alt+shift+v",
        "attach_video",
        "Attach video",
        show=False,
        priority=True,
        id="episode.attach_video",
        tooltip="Attach or replace this clip's video (checked with ffprobe; undoable)",
    ),
]

EDITING: list[BindingType] = [
    Binding(
        "enter",
        "edit",
        "Edit",
        id="episode.edit",
        tooltip="Edit the selected cue's translation",
    ),
    Binding(
        "alt+a",
        "toggle_assist",
        "Assist panel",
        show=False,
        priority=True,  # the editor would type the letter (a terminal sends it)
        id="episode.assist",
        tooltip="Show or hide the glossary / memory / checks panel",
    ),
    Binding(
        "alt+e",
        "edit_source",
        "Edit source",
        show=False,
        priority=True,
        id="episode.edit_source",
        tooltip="Correct this cue's Vietnamese source; its translations are marked outdated",
    ),
    Binding(
        "alt+g",
        "insert_suggestion",
        "Insert term",
        show=False,
        priority=True,
        id="episode.insert_suggestion",
        tooltip="Insert a glossary term or a memory suggestion at the cursor (choose one)",
    ),
    Binding(
        "alt+r",
        "replace",
        "Replace",
        show=False,
        priority=True,
        id="episode.replace",
        tooltip="Find and replace in the language being edited, with a preview; one undo",
    ),
    Binding(
        "alt+shift+s",
        "spelling_suggest",
        "Spelling",
        show=False,
        priority=True,
        id="episode.spelling_suggest",
        tooltip="Suggestions for the underlined word at the cursor: choose one to replace it "
        "(never automatic)",
    ),
    Binding(
        "alt+shift+d",
        "spelling_add",
        "Add word",
        show=False,
        priority=True,
        id="episode.spelling_add",
        tooltip="Add the word at the cursor to the project's word list (as `ttdn spell add`); "
        "Ctrl+Z takes it back",
    ),
    Binding(
        "alt+z",
        "toggle_wide",
        "Wide view",
        show=False,
        priority=True,
        id="episode.wide",
        tooltip="Full source and translations side by side (stacked when narrow), "
        "or the cue grid again",
    ),
]

CUE_LIST: list[BindingType] = [
    Binding("space", "toggle_mark", "Mark", id="grid.mark", tooltip="Mark or unmark this cue"),
    Binding(
        "shift+down",
        "extend_mark(1)",
        "Mark down",
        show=False,
        id="grid.mark_down",
        tooltip="Mark this cue and move down",
    ),
    Binding(
        "shift+up",
        "extend_mark(-1)",
        "Mark up",
        show=False,
        id="grid.mark_up",
        tooltip="Mark this cue and move up",
    ),
]

QC: list[BindingType] = [
    Binding(
        "escape",
        "back",
        "Back",
        id="qc.back",
        tooltip="Back to the episode (keeps the QC badges)",
    ),
    Binding(
        "enter",
        "jump",
        "Go to cue",
        id="qc.jump",
        tooltip="Open the episode at this finding's cue",
    ),
    Binding("r", "rerun", "Run again", id="qc.rerun", tooltip="Run every check again"),
    Binding(
        "x",
        "fix",
        "Safe fixes",
        id="qc.fix",
        tooltip="Apply the safe automatic fixes (asks first; undoable)",
    ),
]

RENDER: list[BindingType] = [
    Binding(
        "escape",
        "back",
        "Back",
        id="render.back",
        tooltip="Back to the episode (renders go on)",
    ),
    Binding(
        "ctrl+s",
        "start",
        "Queue render",
        id="render.start",
        tooltip="Queue the chosen clips × layouts with the chosen preset",
    ),
    Binding("ctrl+x", "cancel", "Cancel", id="render.cancel", tooltip="Stop the running renders"),
]

GLOSSARY: list[BindingType] = [
    Binding("escape", "back", "Back", id="glossary.back", tooltip="Back to the episode"),
    Binding("ctrl+n", "add", "Add term", id="glossary.add", tooltip="Add a term to the glossary"),
    Binding("ctrl+e", "edit", "Edit term", id="glossary.edit", tooltip="Edit the selected term"),
    Binding("ctrl+f", "focus_search", "Search", id="glossary.search", tooltip="Search the terms"),
]

PROJECTS: list[BindingType] = [
    Binding(
        "enter",
        "open",
        "Open",
        id="projects.open",
        tooltip="Open the project on the episode screen",
    ),
    Binding(
        "ctrl+n",
        "new",
        "New project",
        id="projects.new",
        tooltip="Create a project in the projects folder",
    ),
    Binding(
        "alt+i",
        "import_file",
        "Import file",
        id="projects.import",
        tooltip="Import a subtitle or script file into the selected project",
    ),
    Binding(
        "f5",
        "refresh",
        "Refresh",
        id="projects.refresh",
        tooltip="Read the projects folder again",
    ),
    Binding(
        "ctrl+t",
        "station",
        "Station",
        id="projects.station",
        tooltip="Edit the station profile the yearly report is issued with",
    ),
    Binding(
        "alt+shift+a",
        "people",
        "People",
        id="projects.people",
        tooltip="People of the selected project: set roles, assign clips and languages",
    ),
    Binding(
        "alt+shift+m",
        "toggle_mine",
        "Mine",
        id="projects.mine",
        tooltip="Show only the projects with clips assigned to me (again: every project)",
    ),
    Binding(
        "alt+shift+t",
        "models",
        "Models",
        show=False,  # the footer is full at 120 columns; F1, the palette and errors name it
        id="projects.models",
        tooltip="Translation models: what is installed and what the desk can translate; "
        "install a package file or remove one",
    ),
    Binding("escape", "back", "Back", id="projects.back", tooltip="Back to the open project"),
]

MODELS: list[BindingType] = [
    Binding(
        "ctrl+s",
        "install",
        "Install",
        id="models.install",
        tooltip="Install the package file typed in the path field (Enter there does too); "
        "a bad file changes nothing",
    ),
    Binding(
        "delete",
        "remove",
        "Remove",
        id="models.remove",
        tooltip="Remove the chosen package or damaged folder (asks first)",
    ),
    Binding("f5", "refresh", "Refresh", id="models.refresh", tooltip="Read the models again"),
    Binding("escape", "back", "Back", id="models.back", tooltip="Back to the screen before"),
]

SOURCE_EDIT: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", id="source.save", tooltip="Save the corrected source"),
    Binding("escape", "cancel", "Cancel", id="source.cancel", tooltip="Close without saving"),
]

AIR: list[BindingType] = [
    Binding(
        "alt+shift+g",
        "open_gate",
        "Gate",
        show=False,
        priority=True,
        id="episode.gate",
        tooltip="The pre-air gate of this clip: open findings, sign-offs, clear for air",
    ),
    Binding(
        "alt+shift+a",
        "people",
        "People",
        show=False,
        priority=True,
        id="episode.people",
        tooltip="People of the project: set roles, assign this clip and language to someone",
    ),
]

GATE: list[BindingType] = [
    Binding("escape", "back", "Back", id="gate.back", tooltip="Back to the episode"),
    Binding("enter", "jump", "Go to cue", id="gate.jump", tooltip="Open the finding's cue"),
    Binding(
        "s",
        "sign_off",
        "Sign off",
        id="gate.sign_off",
        tooltip="Accept the cue's open findings with a reason (chief editors)",
    ),
    Binding(
        "c",
        "clear",
        "Clear for air",
        id="gate.clear",
        tooltip="Clear the clip for air in a language once nothing is open (chief editors)",
    ),
    Binding(
        "q",
        "toggle_qc_gate",
        "QC errors gate",
        id="gate.qc_errors",
        tooltip="Whether any QC error also keeps a clip off air, on or off (chief editors)",
    ),
    Binding("r", "refresh", "Check again", id="gate.refresh", tooltip="Read the gate again"),
]

SIGN_OFF: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", id="signoff.cancel", tooltip="Close without signing off"),
]

PEOPLE: list[BindingType] = [
    Binding("escape", "close", "Close", id="people.close", tooltip="Close the people dialog"),
]

REPLACE: list[BindingType] = [
    Binding("ctrl+s", "apply", "Replace all", id="replace.apply", tooltip="Replace every match"),
    Binding("escape", "cancel", "Cancel", id="replace.cancel", tooltip="Close without replacing"),
]

FILE_DIALOG: list[BindingType] = [
    Binding(
        "ctrl+s",
        "submit",
        "Go",
        id="files.submit",
        tooltip="Attach the video / import the file (an error shows in the dialog)",
    ),
    Binding("escape", "cancel", "Cancel", id="files.cancel", tooltip="Close; nothing changes"),
]

PREVIEW: list[BindingType] = [
    Binding(
        "tab,right",
        "layout_step(1)",
        "Next layout",
        id="preview.next_layout",
        tooltip="Render the frame in the next layout: each language alone, one over "
        "another (km over en, vi over en); a layout's number (1, 2 …) goes straight to it",
    ),
    Binding(
        "shift+tab,left",
        "layout_step(-1)",
        "Previous layout",
        id="preview.prev_layout",
        tooltip="Render the frame in the previous layout",
    ),
    Binding(
        "escape,enter,q",
        "close",
        "Close",
        id="preview.close",
        tooltip="Close the preview (the PNGs stay saved)",
    ),
]

EDITORIAL: list[BindingType] = [
    Binding(
        "alt+shift+n",
        "open_notes",
        "Notes",
        show=False,
        priority=True,
        id="episode.notes",
        tooltip="Notes on this cue (✉ in the list): read, add, resolve",
    ),
    Binding(
        "alt+shift+h",
        "open_history",
        "History",
        show=False,
        priority=True,
        id="episode.history",
        tooltip="Who changed this cue and when: machine draft, edits, approval",
    ),
    Binding(
        "alt+shift+r",
        "open_review",
        "Review",
        show=False,
        priority=True,
        id="episode.review",
        tooltip="Cues changed since their last approval (or a date), old and new; approve there",
    ),
]

NOTES: list[BindingType] = [
    Binding(
        "ctrl+r",
        "resolve",
        "Resolve",
        priority=True,
        id="notes.resolve",
        tooltip="Mark the chosen note resolved (by you)",
    ),
    Binding("escape", "close", "Close", id="notes.close", tooltip="Back to the episode"),
]

HISTORY: list[BindingType] = [
    Binding("escape", "close", "Close", id="history.close", tooltip="Back to the episode"),
]

REVIEW: list[BindingType] = [
    Binding(
        "f8",
        "approve",
        "Approve",
        priority=True,
        id="review.approve",
        tooltip="Approve the chosen cue as it is now (asks over QC errors)",
    ),
    Binding(
        "f10",
        "approve_all",
        "Approve all",
        priority=True,
        id="review.approve_all",
        tooltip="Approve every listed cue (asks first)",
    ),
    Binding(
        "e",
        "export_sheet",
        "Review sheet",
        id="review.export_sheet",
        tooltip="Write the listed cues (source, before, now, open notes) as a review sheet, "
        "CSV or DOCX, into the project's exports folder; the path shows in the title line",
    ),
    Binding(
        "escape",
        "back",
        "Back",
        id="review.back",
        tooltip="Back to the episode, at the cue last chosen",
    ),
]

EPISODE: list[BindingType] = [
    *NAVIGATION,
    *WORKFLOW,
    *TIMING,
    *VOICE,
    *TOOLS,
    *EDITING,
    *EDITORIAL,
    *AIR,
]
"""The episode screen's keys: they work whichever of its parts has the focus."""


_KEY_NAMES = {
    "ctrl": "Ctrl",
    "alt": "Alt",
    "shift": "Shift",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "left": "Left",
    "right": "Right",
    "up": "Up",
    "down": "Down",
    "home": "Home",
    "end": "End",
    "question_mark": "?",
    "comma": ",",
    "full_stop": ".",
}


def human_key(key: str) -> str:
    """A key as people write it: ``alt+shift+left`` → ``Alt+Shift+Left``, ``f1`` → ``F1``."""
    parts = key.strip().split("+")
    out = []
    for part in parts:
        if part in _KEY_NAMES:
            out.append(_KEY_NAMES[part])
        elif part[:1] == "f" and part[1:].isdigit():
            out.append(part.upper())
        elif len(part) == 1:
            out.append(part.upper() if len(parts) > 1 else part)
        else:
            out.append(part.replace("_", " ").capitalize())
    return "+".join(out)


def human_keys(keys: str) -> str:
    """Several keys (``f3,ctrl+f``) as people write them (``F3 / Ctrl+F``)."""
    return " / ".join(human_key(k) for k in keys.split(","))


def _bindings_of(cls: type[Any]) -> list[BindingType]:
    seen: dict[str, BindingType] = {}
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("ttdn_studio"):
            continue  # Textual's own keys (tab, copy…) are not the desk's to document
        for b in klass.__dict__.get("BINDINGS", []):
            if isinstance(b, Binding):
                seen[b.id or b.action] = b
    return list(seen.values())


def rows_of(bindings: list[BindingType], keymap: dict[str, str] | None = None) -> list[KeyRow]:
    """One row per binding, with remapped keys applied."""
    keymap = keymap or {}
    return [
        KeyRow(b.id or "", keymap.get(b.id or "", b.key), b.action, b.description, b.tooltip)
        for b in bindings
        if isinstance(b, Binding)
    ]


def screen_bindings(cls: type[Any], keymap: dict[str, str] | None = None) -> list[KeyRow]:
    """Every binding declared on ``cls`` (and its bases), with remapped keys applied."""
    return rows_of(_bindings_of(cls), keymap)


SECTIONS: list[tuple[str, list[BindingType]]] = [
    ("Everywhere", APP),
    ("Episode", EPISODE),
    ("Cue list", CUE_LIST),
    ("Source editor", SOURCE_EDIT),
    ("Find and replace", REPLACE),
    ("Attach video, import", FILE_DIALOG),
    ("Preview", PREVIEW),
    ("Notes on a cue", NOTES),
    ("History of a cue", HISTORY),
    ("Review what changed", REVIEW),
    ("Quality checks", QC),
    ("Render", RENDER),
    ("Gate", GATE),
    ("Sign-off", SIGN_OFF),
    ("People", PEOPLE),
    ("Glossary", GLOSSARY),
    ("Projects", PROJECTS),
    ("Translation models", MODELS),
]
"""(title, bindings) for every screen of the desk, in the order a newcomer meets them."""


@lru_cache(maxsize=1)
def _default_keys() -> dict[str | None, str]:
    """Binding id → its keys as declared (before any remapping)."""
    return {b.id: b.key for _, bindings in SECTIONS for b in bindings if isinstance(b, Binding)}


def in_users_keys(text: str, keymap: dict[str, str]) -> str:
    """``text`` with each remapped key named as the user has it: a message written with the
    default keys ("the Models screen: Alt+Shift+T") names the key that works at this desk.

    Only names with a modifier or a function key are replaced (a plain letter or Enter in
    a message is ordinary text), and only whole names ("F1" not inside "F10")."""
    if not keymap:
        return text
    for bid, keys in keymap.items():
        default = _default_keys().get(bid)
        if default is None or default == keys:
            continue
        for key in default.split(","):
            old = human_key(key)
            if "+" in old or re.fullmatch(r"F\d+", old):
                text = re.sub(rf"(?<![\w+]){re.escape(old)}(?![\w+])", human_keys(keys), text)
    return text


def desk_sections() -> list[tuple[str, list[KeyRow]]]:
    """(title, rows) for every screen of the desk, in the order a newcomer meets them."""
    return [(title, rows_of(bindings)) for title, bindings in SECTIONS]


def markdown_table() -> str:
    """docs/keys.md: every key, per screen (generated; do not edit by hand)."""
    lines = [
        "# Keys of the desk",
        "",
        "Generated from the bindings (`python -m ttdn_studio.tui.keys`). Any key can be",
        "remapped in `config.toml` under `[keys]` with the binding id and the keys' names",
        'of the last column, e.g. `"episode.approve" = "f8,ctrl+a"`.',
        "",
    ]
    for title, rows in desk_sections():
        lines += [
            f"## {title}",
            "",
            "| key | what it does | binding id | name in config.toml |",
            "|---|---|---|---|",
        ]
        for row in rows:
            what = row.tooltip or row.description
            keys = " / ".join(f"`{human_key(k)}`" for k in row.key.split(","))
            names = ",".join(k.strip() for k in row.key.split(","))
            lines.append(f"| {keys} | {what} | `{row.id}` | `{names}` |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table(), end="")
