"""The desk's modules form no import cycle, and the key table is data that imports no screen."""

from __future__ import annotations

import grimp


def test_no_import_cycle_inside_the_desk() -> None:
    graph = grimp.build_graph("ttdn_studio")
    desk = sorted(m for m in graph.modules if m.startswith("ttdn_studio.tui"))
    cycles = []
    for module in desk:
        for imported in graph.find_modules_directly_imported_by(module):
            if not imported.startswith("ttdn_studio.tui"):
                continue
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                cycles.append((module, *back))
    assert not cycles, cycles


def test_key_table_imports_no_screen() -> None:
    graph = grimp.build_graph("ttdn_studio")
    imported = graph.find_upstream_modules("ttdn_studio.tui.keys")
    assert not {m for m in imported if m.startswith("ttdn_studio.tui")}, imported
