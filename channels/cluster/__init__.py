"""One meeting served by several processes over NATS: a core that runs the hub's rules and
edges that hold the WebSocket connections (docs/architecture.md, "A meeting larger than
one process")."""
