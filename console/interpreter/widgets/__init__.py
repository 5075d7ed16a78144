"""The interpreter's panels: each one draws a part of :class:`console.interpreter.model.View`."""
