"""The project's command-line programs: rsi-hub, rsi-bot, rsi-console, and the demo.

Each module here is one program's entry point (argument parsing, start-up, exit codes).
The library packages (audio, channels, relay, console) never import from here.
"""
