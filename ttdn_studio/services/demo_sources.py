"""The names of a demo project's committed sources (light: read on every project open).

A folder holding these but no database yet is a demo to build on first use
(:func:`ttdn_studio.services.demo.ensure_demo`).
"""

META_FILE = "project.json"
CUES_FILE = "cues.toml"
