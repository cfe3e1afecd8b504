"""What the agent does with the store, shared by the HTTP handlers and the CLI's local mode."""
