"""Reusable widgets of the desk: the cue grid, the cue editor and its side panels."""
