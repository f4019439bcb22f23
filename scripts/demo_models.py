"""Install the demo's translation models for the pairs that have no package yet.

The models in ``tests/fixtures/models`` are tiny real Argos packages trained on the Cà Mau
corpus: they translate the demo's domain and little else. ``scripts/demo.sh`` installs
them so that machine drafts work on the demo project out of the box; a real Argos package
for the same pair (``ttdn models install FILE.argosmodel``) replaces them.
"""

from __future__ import annotations

import sys
from pathlib import Path

MODELS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "models"
DEMO = {
    ("vi", "en"): "translate-vi_en-fixture.argosmodel",
    ("en", "km"): "translate-en_km-fixture.argosmodel",
}


def main() -> int:
    from ttdn_studio.errors import TtdnError
    from ttdn_studio.translate.argos import installed_packages
    from ttdn_studio.translate.packages import install_package

    have = {pkg.pair for pkg in installed_packages()}
    for pair, name in DEMO.items():
        if pair in have:
            continue
        try:
            install_package(MODELS / name)
        except TtdnError as exc:
            print(f"demo model {name} not installed: {exc}", file=sys.stderr)
            continue
        print(f"installed the demo's {pair[0]}→{pair[1]} model (it knows only the demo's domain)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
