"""`tripsmith admin`: tenants and API keys, on the gateway's store (TRIPSMITH_GATEWAY_STORE,
default `<data dir>/gateway`). `key create` prints the new key once, on stdout alone."""

from __future__ import annotations

import argparse
import sys

from tripsmith.core.errors import TripsmithError
from tripsmith.core.exits import EXIT_BAD_INPUT, EXIT_OK
from tripsmith.runtime.config import ConfigError, load


def _store():
    from services.gateway.config import GatewayConfig
    from services.gateway.tenants import Tenants

    return Tenants(load(GatewayConfig).tenants_file())


def run(args: argparse.Namespace) -> int:
    try:
        store = _store()
        if args.admin_command == "tenant":
            store.create_tenant(args.name)
            print(f"tenant {args.name} created", file=sys.stderr)
        elif args.key_command == "create":
            key, secret = store.create_key(args.tenant)
            print(f"key {key.key_id} created for tenant {key.tenant}; it is shown once:", file=sys.stderr)
            print(secret)
        elif args.key_command == "list":
            for key in store.list_keys(args.tenant):
                status = f"revoked {key.revoke_time:%Y-%m-%d %H:%M}" if key.revoked else "active"
                print(f"{key.key_id}  {key.prefix}...  created {key.create_time:%Y-%m-%d %H:%M}  {status}")
        else:
            key = store.revoke_key(args.key_id)
            print(f"key {key.key_id} of tenant {key.tenant} revoked", file=sys.stderr)
    except (TripsmithError, ConfigError) as error:
        print(f"tripsmith admin: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def add_commands(commands) -> None:
    admin = commands.add_parser("admin", help="tenants and API keys")
    groups = admin.add_subparsers(dest="admin_command", required=True, metavar="COMMAND")
    tenant = groups.add_parser("tenant", help="tenants").add_subparsers(dest="tenant_command", required=True)
    create = tenant.add_parser("create", help="create a tenant")
    create.add_argument("name", help="lower-case letters, digits and '-'")
    keys = groups.add_parser("key", help="API keys").add_subparsers(dest="key_command", required=True)
    keys.add_parser("create", help="create a key for a tenant").add_argument("tenant")
    keys.add_parser("list", help="list a tenant's keys").add_argument("tenant")
    keys.add_parser("revoke", help="revoke a key").add_argument("key_id")
    admin.set_defaults(run=run)
