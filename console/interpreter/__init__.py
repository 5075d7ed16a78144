"""The interpreter's console: its model, actions, window and panels."""
