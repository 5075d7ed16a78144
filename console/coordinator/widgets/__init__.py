"""The coordinator's panels: each one draws a part of
:class:`console.coordinator.model.CoordinatorView`."""
