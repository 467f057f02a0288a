"""The dialogs the window opens: each shows what it is given and hands back values."""
