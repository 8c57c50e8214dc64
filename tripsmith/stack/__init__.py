"""The embedded stack: every Tripsmith process on one machine, supervised (`tripsmith up`)."""
