"""GET /v1/health: a constant that lets a client recognise the agent. Holds no data."""

from __future__ import annotations

from aiohttp import web

from agent import API_VERSION, __version__


async def health(_request: web.Request) -> web.Response:
    return web.json_response({"name": "fathom", "version": __version__, "api": API_VERSION})
