"""The console: one program, a window for each role a token names.

- :mod:`console.interpreter`: the interpreter's console (air, cough, outputs, relay,
  handover, messages);
- :mod:`console.coordinator`: the coordinator's window (every channel, booth and
  participant, the alarms, force off, the floor language);
- :mod:`console.listener`: the listener's window (a language, two reports);
- :mod:`console.shell`: what the roles share (the engine bridge, the action mechanism,
  settings and their dialogs, theme, meeting links, shared widgets);
- :mod:`console.app`: the window for a token's role, on a started engine.

Each role's package has its ``model`` (Qt-free: engine events in, an immutable view
out), its ``actions`` (the one command path, :mod:`console.shell.actions`) and its
``window`` (and ``widgets``, each drawing a part of the view). A role imports the
shell and never another role; only :mod:`console.app` knows all three. The
command-line program is :mod:`programs.console`.
"""
