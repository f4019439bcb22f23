"""``ttdn models``: list, install and remove offline translation models."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import emit_json, json_option, printable


@click.group("models")
def models() -> None:
    """Offline translation models: Argos packages and a multilingual CTranslate2 model.

    Models live in the TTĐN Studio data folder, apart from any other Argos
    Translate installation. Nothing is downloaded unless you ask with --from-index.
    """


def _package_dict(pkg: object) -> dict[str, object]:
    from ttdn_studio.translate.argos import BrokenPackage, InstalledPackage

    if isinstance(pkg, BrokenPackage):
        return {"engine": "argos", "name": pkg.name, "path": str(pkg.path), "reason": pkg.reason}
    assert isinstance(pkg, InstalledPackage)
    return {
        "engine": "argos",
        "name": pkg.name,
        "from": pkg.src,
        "to": pkg.tgt,
        "version": pkg.version,
        "path": str(pkg.path),
    }


@models.command("list")
@json_option
def list_models(as_json: bool) -> None:
    """Show installed models and the language pairs each engine can translate."""
    from ttdn_studio.errors import ModelError
    from ttdn_studio.translate import ENGINES
    from ttdn_studio.translate.argos import scan_packages
    from ttdn_studio.translate.multilingual import configured_setup

    good, damaged = scan_packages()
    packages = [_package_dict(p) for p in good]
    broken = [_package_dict(p) for p in damaged]
    multi: dict[str, object] | None = None
    try:
        setup = configured_setup()
    except ModelError as exc:  # a damaged multilingual setup must not hide the other models
        multi_error: str | None = str(exc)
    else:
        multi_error = None
        if setup:
            multi = {"path": str(setup.path), "style": setup.style, "languages": setup.languages}
    pairs: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for name, factory in ENGINES.items():
        try:
            pairs[name] = [f"{a}→{b}" for a, b in factory().available_pairs()]
        except ModelError as exc:
            pairs[name], errors[name] = [], str(exc)
    if as_json:
        emit_json(
            {
                "argos": packages,
                "broken": broken,
                "ct2_multilingual": multi,
                "ct2_multilingual_error": multi_error,
                "pairs": pairs,
                "errors": errors,
            }
        )
        return
    click.echo("Argos packages:" if packages else "Argos packages: none installed")
    for p in packages:
        click.echo(printable(f"  {p['from']}→{p['to']}  {p['name']} (version {p['version']})"))
    for p in broken:
        click.echo(
            printable(
                f"  broken: {p['name']}: {p['reason']}"
                f" (reinstall it, or: ttdn models remove {p['name']})"
            )
        )
    if multi_error:
        click.echo(printable(f"Multilingual CTranslate2 model: broken: {multi_error}"))
    elif multi:
        click.echo(printable(f"Multilingual CTranslate2 model: {multi['path']} ({multi['style']})"))
    else:
        click.echo("Multilingual CTranslate2 model: none configured")
    for name, items in pairs.items():
        if name in errors:
            click.echo(f"{name}: unavailable ({errors[name]})")
        else:
            click.echo(f"{name}: {', '.join(items) or 'no language pairs'}")


@models.command("install")
@click.argument("spec", nargs=-1, required=True, metavar="FILE.argosmodel... | FROM TO")
@click.option(
    "--from-index",
    is_flag=True,
    help="Download FROM→TO from the Argos package index (ARGOS_PACKAGE_INDEX) instead of a file.",
)
@json_option
def install(spec: tuple[str, ...], from_index: bool, as_json: bool) -> None:
    """Install Argos packages from FILE.argosmodel files, or FROM TO with --from-index.

    Each archive is checked first: a corrupt file, a missing metadata.json,
    entries that would land outside the package folder or an archive that would
    unpack beyond 4 GiB are refused. The package is then unpacked beside the
    installed ones, loaded and made to translate a line; only then does it
    replace the installed package for the same languages. With several files,
    one that is refused does not stop the others (exit 1 at the end).
    """
    from ttdn_studio.errors import TtdnError
    from ttdn_studio.translate.packages import install_from_index, install_package

    if from_index:
        if len(spec) != 2:
            raise click.UsageError("--from-index needs two language codes: FROM TO (e.g. vi en)")
        installed = [install_from_index(spec[0], spec[1])]
        failed: list[str] = []
    elif len(spec) == 1:
        installed, failed = [install_package(Path(spec[0]))], []
    else:
        installed, failed = [], []
        for name in spec:
            try:
                installed.append(install_package(Path(name)))
            except TtdnError as exc:  # one bad file does not stop the others
                click.secho(f"ttdn: not installed: {printable(str(exc))}", err=True, fg="red")
                failed.append(name)
    if as_json:
        emit_json(
            _package_dict(installed[0])
            if len(spec) == 1 or from_index
            else {"installed": [_package_dict(p) for p in installed], "failed": failed}
        )
    else:
        for pkg in installed:
            click.echo(printable(f"Installed {pkg.src}→{pkg.tgt} ({pkg.name})"))
    if failed:
        raise SystemExit(1)


@models.command("remove")
@click.argument("spec", nargs=-1, required=True, metavar="FROM TO | NAME")
@json_option
def remove(spec: tuple[str, ...], as_json: bool) -> None:
    """Remove an installed Argos package, named by its languages (vi en) or its folder name.

    A damaged package (shown as broken by ``ttdn models list``) is removed by its name.
    """
    from ttdn_studio.translate.packages import find_package, remove_package

    if len(spec) > 2:
        raise click.UsageError("give FROM TO or one package NAME")
    pkg = find_package(list(spec))
    remove_package(pkg)
    removed = _package_dict(pkg)
    if as_json:
        emit_json({"removed": removed})
    elif "from" in removed:
        click.echo(f"Removed {removed['from']}→{removed['to']} ({pkg.name})")
    else:
        click.echo(printable(f"Removed the broken package {pkg.name}"))


@models.command("add-ct2")
@click.argument("path", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--style",
    type=click.Choice(["nllb", "madlad"]),
    default=None,
    help="How the model marks languages (default: from the folder's ttdn-mt.json, else nllb).",
)
@json_option
def add_ct2(path: Path, style: str | None, as_json: bool) -> None:
    """Use the CTranslate2 multilingual model in folder PATH (NLLB or MADLAD style).

    The folder needs model.bin and a sentencepiece model; the TTDN_CT2_MODEL
    environment variable, when set, takes precedence over this setting.
    """
    from ttdn_studio.translate.multilingual import save_setup

    setup = save_setup(path, style)
    if as_json:
        emit_json({"path": str(setup.path), "style": setup.style, "languages": setup.languages})
    else:
        click.echo(
            f"Multilingual model set to {setup.path} ({setup.style}; languages "
            f"{', '.join(sorted(setup.languages))})"
        )


commands = [models]
