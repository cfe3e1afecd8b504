"""Every API operation once, free of any transport: a body dict in, a result dict (or a ServiceError) out.
The aiohttp handlers and the CLI's LocalBackend both call these, so both validate and answer alike."""
