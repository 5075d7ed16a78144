"""The console's widgets: each one draws a part of :class:`console.viewmodel.View`."""
