"""Every path the program uses, in one place.

User data (translation memory, installed models, user glossary, config) lives in
the platform's standard folders, each overridable by an environment variable
(read in :mod:`ttdn_studio.settings`) so tests run isolated from a person's own data:

* ``TTDN_DATA_DIR``: translation memory, user glossary, MT models.
* ``TTDN_CONFIG_DIR``: ``config.toml`` (key bindings, theme).
* ``TTDN_PROJECTS_DIR``: the projects folder (default: ``projects/`` of the
  source checkout when run from one, else the user's documents folder).
"""

from __future__ import annotations

from pathlib import Path

from ttdn_studio.errors import GlossaryError, TtdnError
from ttdn_studio.settings import current

APP_NAME = "ttdn-studio"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DEMO_SLUG = "ca-mau-dat-va-nguoi-demo"


def data_dir() -> Path:
    import platformdirs  # here, not at start-up: ``ttdn CMD --help`` reads package data only

    path = current().data_dir or Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    import platformdirs

    path = current().config_dir or Path(platformdirs.user_config_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_file() -> Path:
    return config_dir() / "config.toml"


def projects_dir() -> Path:
    env = current().projects_dir
    if env is not None:
        return env
    if (REPO_DIR / "projects").is_dir():
        return REPO_DIR / "projects"
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "TTDN Studio"


def package_data(*parts: str) -> Path:
    """A folder of data shipped inside the package (``ttdn_studio/data/...``).

    The top-level ``glossary/`` folder and the demo's sources in ``projects/`` of
    the source tree are links to these, so a checkout and an installed wheel read
    the same files.
    """
    from importlib import resources  # on first use: it costs a few ms of every start

    found = resources.files("ttdn_studio").joinpath("data", *parts)
    if not isinstance(found, Path):  # e.g. imported from a zip: not supported
        raise TtdnError(f"the package data {'/'.join(parts)} is not a folder on disk")
    return found


def bundled_glossary_dir() -> Path:
    """The curated default glossary shipped with the package."""
    return package_data("glossary")


def bundled_glossary_files() -> list[Path]:
    """The curated glossary's files; a missing or empty curated glossary is an error.

    Cheap enough for every start: it reads the files' lines, not their entries.
    """
    folder = bundled_glossary_dir()
    files = sorted(folder.glob("*.tsv"))
    has_entries = any(
        sum(1 for line in f.read_bytes().splitlines() if line.strip()) > 1 for f in files
    )
    if not has_entries:
        raise GlossaryError(
            "the curated glossary is missing or empty: this installation is incomplete "
            "(reinstall TTĐN Studio)",
            file=folder,
        )
    return files


def user_glossary_file() -> Path:
    return data_dir() / "glossary.tsv"


def tm_file() -> Path:
    return data_dir() / "tm.sqlite"


def models_dir() -> Path:
    path = data_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_source_dir() -> Path:
    """The committed sources of the bundled demo project (``project.json``, ``cues.toml``)."""
    return package_data("demo")


def fonts_cache_dir() -> Path:
    path = data_dir() / "fonts"
    path.mkdir(parents=True, exist_ok=True)
    return path
