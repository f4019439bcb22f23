"""Service functions: the operations both shells (CLI and TUI) call.

Each module here composes the core packages (store, formats, glossary, tm,
translate, qc, render, report) into one user-level action and reports progress
through plain callbacks. Must not import the TUI or the CLI.
"""
