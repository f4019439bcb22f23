"""The Models screen (Alt+Shift+T): the translation models installed, and managing them.

It lists each Argos package (from → to, name, version), each damaged package
folder with the reason, and the configured multilingual CTranslate2 model; a
line under the list says which language pairs the desk can translate (direct or
through English). A package file (``.argosmodel``) is installed from a path field
that completes as it is typed (the import dialog's :class:`PathInput`), in a
worker; a package or damaged folder is removed after a question. Installing and
removing are ``translate.packages``'s (checked archive, model proven before it
replaces anything); this screen only shows and asks. Downloading from the online
index is the command line's (``ttdn models install --from-index``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from ttdn_studio.errors import ModelError
from ttdn_studio.translate.argos import BrokenPackage, InstalledPackage
from ttdn_studio.tui import keys
from ttdn_studio.tui.format import clip_text
from ttdn_studio.tui.jobs import run_job
from ttdn_studio.tui.messages import WorkDone, WorkFailed
from ttdn_studio.tui.widgets.path_input import PathInput

PACKAGE_EXTENSIONS = (".argosmodel",)
SHOWN_LANGUAGES = 6  # languages of the multilingual model named in its row


@dataclass
class Multilingual:
    """The configured multilingual model, or why it cannot be used."""

    path: str = ""
    style: str = ""
    languages: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class ModelsOverview:
    """What the screen shows: installed and damaged packages, the multilingual model, pairs."""

    folder: Path
    packages: list[InstalledPackage]
    broken: list[BrokenPackage]
    multilingual: Multilingual | None
    direct: list[tuple[str, str]]
    pivot: list[tuple[str, str]]  # through English


def read_overview() -> ModelsOverview:
    """Read the models folder (in a worker: it imports argostranslate)."""
    from ttdn_studio.translate.argos import ArgosEngine, packages_dir, route, scan_packages
    from ttdn_studio.translate.multilingual import configured_setup

    try:
        good, broken = scan_packages()
        engine = ArgosEngine()
    except OSError as exc:  # the models folder itself cannot be read
        raise ModelError(f"cannot read the models folder: {exc}") from exc
    pairs = engine.available_pairs()
    direct = [p for p in pairs if len(route(engine.packages, *p) or []) == 1]
    multi: Multilingual | None
    try:
        setup = configured_setup()
    except ModelError as exc:  # a damaged multilingual setup must not hide the packages
        multi = Multilingual(error=exc.in_desk())
    else:
        multi = (
            Multilingual(str(setup.path), setup.style, sorted(setup.languages)) if setup else None
        )
    pivot = [p for p in pairs if p not in direct]
    return ModelsOverview(packages_dir(), good, broken, multi, direct, pivot)


def pairs_line(overview: ModelsOverview) -> str:
    """Which pairs the desk can translate, in one line."""

    def arrow(pair: tuple[str, str]) -> str:
        return f"{pair[0]}→{pair[1]}"

    parts = [arrow(p) for p in overview.direct]
    parts += [f"{arrow(p)} (through en)" for p in overview.pivot]
    multi = overview.multilingual
    if multi is not None and not multi.error and multi.languages:
        parts.append(f"any two of {', '.join(multi.languages)} (multilingual model)")
    if not parts:
        return "The desk cannot translate yet: install a package file below."
    return "The desk translates: " + " · ".join(parts)


def lost_pairs(overview: ModelsOverview, pkg: InstalledPackage) -> list[str]:
    """The pairs the desk would no longer translate without ``pkg`` (none that the
    multilingual model translates too)."""
    from ttdn_studio.translate.argos import route

    rest = [p for p in overview.packages if p.path != pkg.path]
    multi = overview.multilingual
    also = set(multi.languages) if multi is not None and not multi.error else set()
    pairs = overview.direct + overview.pivot
    return [f"{a}→{b}" for a, b in pairs if route(rest, a, b) is None and not {a, b} <= also]


def install_file(path: Path) -> InstalledPackage:
    """Install a package file (in a worker); every failure is a :class:`ModelError`."""
    from ttdn_studio.translate.packages import install_package

    try:
        return install_package(path)
    except OSError as exc:  # the packages folder itself (full disk, no permission)
        raise ModelError(f"cannot install: {exc}", file=path) from exc


def remove_entry(entry: InstalledPackage | BrokenPackage) -> InstalledPackage | BrokenPackage:
    """Remove a package or damaged folder (in a worker); returns what was removed."""
    from ttdn_studio.translate.packages import remove_package

    try:
        remove_package(entry)
    except OSError as exc:
        raise ModelError(f"cannot remove: {exc}", file=entry.path) from exc
    return entry


Entry = InstalledPackage | BrokenPackage | Multilingual


class ModelsScreen(Screen[None]):
    """Installed translation models; install a package file, remove a package."""

    BINDINGS = keys.MODELS
    KEYS_TITLE = "Translation models"
    DEFAULT_CSS = """
    ModelsScreen #m-table { height: 1fr; }
    ModelsScreen #m-pairs { height: auto; padding: 0 1; }
    ModelsScreen #m-state { height: auto; padding: 0 1; color: $warning; }
    ModelsScreen PathInput { margin: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.overview: ModelsOverview | None = None
        self.entries: list[Entry] = []
        self.installing: str | None = None  # the file being installed
        self.path = PathInput(
            PACKAGE_EXTENSIONS, placeholder="/path/to/translate-vi_en.argosmodel", input_id="m-path"
        )
        self.select_after: Path | None = None  # the row to choose once the list is read again

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Translation models", id="m-title", classes="screen-title", markup=False)
        yield DataTable(id="m-table", cursor_type="row", zebra_stripes=True)
        yield Static("Reading the models…", id="m-pairs", markup=False)
        yield Static(
            "Install a package file (.argosmodel): type its path; Right arrow completes, "
            "Enter or Ctrl+S installs.",
            classes="hint",
            markup=False,
        )
        yield self.path
        yield Static("", id="m-state", markup=False)
        yield Static(
            "On a machine with a network, `ttdn models install --from-index FROM TO` downloads "
            "a package from the Argos index; `ttdn models add-ct2 FOLDER` sets a multilingual "
            "model.",
            classes="hint",
            markup=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Models"
        table = self.query_one("#m-table", DataTable)
        for name in ("kind", "languages", "name", "version", "state"):
            table.add_column(name, key=name)
        table.focus()
        self.action_refresh()

    # ------------------------------------------------------------------ the list
    def action_refresh(self) -> None:
        run_job(self, "models-read", lambda job: read_overview())

    def fill(self, overview: ModelsOverview) -> None:
        self.overview = overview
        self.query_one("#m-title", Static).update(f"Translation models in {overview.folder}")
        self.query_one("#m-pairs", Static).update(pairs_line(overview))
        table = self.query_one("#m-table", DataTable)
        keep = table.cursor_row if table.row_count else 0
        table.clear()
        self.entries = []
        width = max(16, self.app.size.width - 60)
        for pkg in overview.packages:
            cells = ["Argos", f"{pkg.src} → {pkg.tgt}", pkg.name, pkg.version, "installed"]
            self.add_row(pkg, cells, width)
        for damaged in overview.broken:
            cells = ["Argos", "—", damaged.name, "—", f"damaged: {damaged.reason}"]
            self.add_row(damaged, cells, width)
        multi = overview.multilingual
        if multi is not None:
            langs = ", ".join(multi.languages[:SHOWN_LANGUAGES])
            if len(multi.languages) > SHOWN_LANGUAGES:
                langs += f" … ({len(multi.languages)})"
            state = f"damaged: {multi.error}" if multi.error else f"configured ({multi.style})"
            cells = ["multilingual", langs or "—", multi.path or "—", "—", state]
            self.add_row(multi, cells, width)
        if self.select_after is not None:
            chosen = [getattr(e, "path", None) for e in self.entries]
            keep = chosen.index(self.select_after) if self.select_after in chosen else keep
            self.select_after = None
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def add_row(self, entry: Entry, cells: list[str], width: int) -> None:
        table = self.query_one("#m-table", DataTable)
        table.add_row(*[Text(clip_text(c, width)) for c in cells])
        self.entries.append(entry)

    def selected(self) -> Entry | None:
        table = self.query_one("#m-table", DataTable)
        if not table.row_count or not self.entries:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    # ------------------------------------------------------------------ install
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_install()

    def action_install(self) -> None:
        if self.installing is not None:
            return
        if not self.path.value:
            self.path.input.focus()
            self.notify("Type the path of a package file (.argosmodel) first", timeout=5)
            return
        path = Path(self.path.value).expanduser()
        self.installing = path.name
        self.path.input.disabled = True
        self.query_one("#m-state", Static).update(
            f"Installing {path.name}… (checking the archive, unpacking it, loading the model "
            "and translating a line with it)"
        )
        run_job(self, "models-install", lambda job: install_file(path), toast=False)

    def install_ended(self) -> None:
        self.installing = None
        self.path.input.disabled = False
        self.query_one("#m-state", Static).update("")

    # ------------------------------------------------------------------ remove
    def action_remove(self) -> None:
        from ttdn_studio.tui.dialogs import ConfirmDialog

        entry = self.selected()
        if entry is None or self.overview is None:
            self.notify("Nothing to remove: no package is installed", timeout=5)
            return
        if isinstance(entry, Multilingual):
            self.notify(
                "The multilingual model is a folder set by path (`ttdn models add-ct2 FOLDER` "
                "or TTDN_CT2_MODEL); it is not removed here",
                timeout=8,
            )
            return
        if isinstance(entry, InstalledPackage):
            lost = lost_pairs(self.overview, entry)
            title = f"Remove the {entry.src}→{entry.tgt} package?"
            body = f"{entry.name} (version {entry.version}) is deleted from {entry.path.parent}."
            if lost:
                body += f" The desk will no longer translate {', '.join(lost)}."
        else:
            title = f"Remove the damaged folder {entry.name}?"
            body = f"It cannot be used ({entry.reason}); {entry.path} is deleted."

        def answer(yes: bool | None) -> None:
            if yes:
                run_job(self, "models-remove", lambda job: remove_entry(entry))

        self.app.push_screen(ConfirmDialog(title, body, yes="Remove"), answer)

    # ------------------------------------------------------------------ results
    def on_work_done(self, message: WorkDone) -> None:
        message.stop()
        if message.group == "models-read":
            self.fill(message.result)
            return
        result = message.result
        if message.group == "models-install":
            self.install_ended()
            self.path.input.value = ""
            self.select_after = result.path
            self.notify(f"Installed {result.src}→{result.tgt} ({result.name})", timeout=5)
        elif message.group == "models-remove":
            what = (
                f"the {result.src}→{result.tgt} package ({result.name})"
                if isinstance(result, InstalledPackage)
                else f"the damaged folder {result.name}"
            )
            self.notify(f"Removed {what}", timeout=5)
        self.action_refresh()

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        if message.group == "models-install":
            self.install_ended()
            self.path.input.focus()
            text = f"{message.message}\nNothing was installed or changed."
        else:
            text = message.message
        self.notify(text, title=message.title, severity="error", timeout=10)
        if message.group == "models-remove":
            self.action_refresh()

    def action_back(self) -> None:
        if self.installing is not None:
            self.notify(f"Still installing {self.installing}: a moment more", timeout=4)
            return
        self.dismiss(None)
