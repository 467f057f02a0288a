"""The panes of the main window: the header, the agenda, the notes with the entry line, and the speakers."""
