"""The shared shell of every window: bridge, actions, settings, dialogs, theme, links."""
