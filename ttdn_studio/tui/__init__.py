"""The desk: the Textual terminal UI of TTĐN Studio.

Owns screens, dialogs, widgets, key bindings and the desk's config (theme and
remapped keys). It is a thin shell: every change to a project goes through the
store (:mod:`ttdn_studio.store`) or a service (:mod:`ttdn_studio.services` and
friends); nothing here decides subtitle, translation or QC rules. The headless
core never imports this package.
"""
