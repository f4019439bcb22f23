"""Full screens of the desk: projects, episode (cue grid + editor), QC, render, glossary, help."""
