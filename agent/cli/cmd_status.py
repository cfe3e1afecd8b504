"""fathom status: is an agent running for this data dir, and what does it hold."""

from __future__ import annotations

import argparse

from agent.amounts import people_and_interactions
from agent.cli.backend import open_backend
from agent.cli.common import add_data_dir, data_dir, print_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="is the agent running; version, port, counts")
    add_data_dir(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_backend(data_dir(args)) as backend:
        status = backend.call("/v1/status")
        running = backend.remote
    status.pop("ok", None)
    status["running"] = running
    if args.json:
        print_json(status)
        return 0
    if running:
        print(f"Fathom agent {status['version']} is running on 127.0.0.1:{status['port']}.")
        print(f"Paired browsers: {status['clients']}; live connections: {status['subscribers']}.")
    else:
        print("No Fathom agent is running for this data dir. Start it with `fathom serve`.")
    print(f"Data dir: {status['data_dir']}")
    print(f"{people_and_interactions(status['people'], status['interactions'], ', ')}.")
    return 0
