"""The coordinator's window: its model (and alarms), actions, window and panels."""
