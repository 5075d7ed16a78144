"""The listener's window: its model, actions and window."""
