"""The agent's HTTP API and WebSocket push, on 127.0.0.1 only."""
