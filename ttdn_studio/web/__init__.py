"""The desk in a browser: ``ttdn serve`` runs the same Textual desk for each visitor.

Owns: the web server (textual-serve, on aiohttp) and who may use it. Each browser tab
gets its own desk process, started with the logged-in person's name as the editor
(``TTDN_USER``), so the project's history says who did what.
Must not touch: the store's SQL or the desk's screens (it starts ``ttdn tui`` as a
person would).
"""
