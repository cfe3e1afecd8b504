"""fathom pair / fathom unpair: connect a browser to the agent, or revoke it."""

from __future__ import annotations

import argparse

from agent.cli.backend import open_backend
from agent.cli.common import add_data_dir, data_dir, print_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pair", help="open pairing for 120 s and print a one-time code for the extension")
    add_data_dir(p)
    p.add_argument("--json", action="store_true", help='print {"code": ..., "expires_in": ...}')
    p.set_defaults(func=run_pair)
    u = sub.add_parser("unpair", help="revoke a paired browser (all of them without CLIENT)")
    u.add_argument("client", nargs="?", metavar="CLIENT", help="client id from `fathom unpair --list`")
    u.add_argument("--list", action="store_true", help="list paired browsers instead")
    add_data_dir(u)
    u.set_defaults(func=run_unpair)


def run_pair(args: argparse.Namespace) -> int:
    with open_backend(data_dir(args), need_agent=True) as backend:
        answer = backend.call("/v1/admin/pair")
    if args.json:
        print_json({"code": answer["code"], "expires_in": answer["expires_in"]})
        return 0
    code = answer["code"]
    print(f"Pairing code: {code[:4]}-{code[4:]}")
    print(f"Open the Fathom extension's options, enter this code and press Pair within {answer['expires_in']} s.")
    print("The code works once. Never type it anywhere else.")
    return 0


def run_unpair(args: argparse.Namespace) -> int:
    with open_backend(data_dir(args), need_agent=True) as backend:
        if args.list:
            clients = backend.call("/v1/admin/clients")["clients"]
            if not clients:
                print("No browser is paired.")
            for c in clients:
                print(
                    f"{c['client_id']}  {c['label']} ({c['browser']})  paired {c['created']}  "
                    f"last seen {c['last_seen'] or 'never'}"
                )
            return 0
        body = {"client_id": args.client} if args.client else {}
        removed = backend.call("/v1/admin/unpair", body)["removed"]
    if not removed:
        print("No browser was paired.")
    else:
        print("Revoked 1 browser." if len(removed) == 1 else f"Revoked {len(removed)} browsers.")
    return 0
