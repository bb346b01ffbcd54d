"""`python -m tui.emulator --port PORT --write-config DIR [--seed ...] [--region R] [--pace X]`

Writes DIR/config (profile DEFAULT) and DIR/key.pem, registers that key, prints the endpoint
template on one line and a usage hint, and serves until Ctrl-C. With --write-config the key and
identity already in DIR are reused (a console configured from DIR survives a restart), and DIR also
gets the other ways to sign in: profiles SESSION (security_token_file) and CLOUDSHELL
(delegation_token_file), and instance-principal.env, resource-principal.env and cloudshell.env; their
tokens are renewed at half their lifetime (--token-lifetime) while the service runs.

For a parent process (the console's `--demo`): `--ready-json` prints one JSON line instead (endpoint,
config file, profile, region, tenancy and the seed's well-known ids) and `--exit-with-stdin` stops
the service when its standard input closes, so it never outlives the console that started it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
from pathlib import Path

from tui.facts.regions import UnknownRegionError, lookup_region

from .clock import RealClock
from .credentials import CredentialsError, authority_key, make_identity, write_sign_in
from .server import Emulator
from .tokens import TokenFileKeeper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.emulator", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080, help="TCP port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--write-config", metavar="DIR", help="where to write config and key.pem "
                        "(default: a new temporary directory)")
    parser.add_argument("--seed", default="demo", help="empty | demo | hostile | scale:N (default demo)")
    parser.add_argument("--region", default="us-chicago-1", help="home region served by a bare URL")
    parser.add_argument("--pace", type=float, default=20.0,
                        help="emulated seconds per real second (default 20: a fine-tune takes ~6 s)")
    parser.add_argument("--no-verify", action="store_true", help="accept unsigned requests")
    parser.add_argument("--ready-json", action="store_true",
                        help="print one JSON line (endpoint, config, seed ids) instead of the banner")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="stop when standard input closes (for a parent process)")
    parser.add_argument("--token-lifetime", type=float, default=3600.0,
                        help="seconds a security token lives (session, instance, resource, delegation)")
    args = parser.parse_args(argv)
    try:
        region = lookup_region(args.region).id
    except UnknownRegionError as exc:
        parser.error(str(exc))
    if args.pace <= 0:
        parser.error("--pace must be positive")
    if args.token_lifetime <= 0:
        parser.error("--token-lifetime must be positive")
    directory = Path(args.write_config) if args.write_config else Path(tempfile.mkdtemp(prefix="oci-emulator-"))
    try:
        identity = make_identity(directory, region=region, reuse=bool(args.write_config))
    except CredentialsError as exc:
        parser.error(str(exc))
    try:
        emu = Emulator(seed=args.seed, home_region=region, tenancy_id=identity.tenancy_id,
                       clock=RealClock(args.pace), verify_signatures=not args.no_verify)
    except ValueError as exc:
        parser.error(str(exc))
    emu.add_key(identity.key_id, identity.public_key_pem)
    emu.auth.lifetime = args.token_lifetime
    keeper = None
    if args.write_config:  # the demo (a temporary directory) keeps to the API key: nothing more to generate
        try:
            emu.auth.use_authority_key(authority_key(directory))
        except CredentialsError as exc:
            parser.error(str(exc))
    emu.start(args.host, args.port)
    if args.write_config:
        try:
            files = write_sign_in(directory, identity, emu.auth, emu.url)
        except CredentialsError as exc:
            emu.stop()
            parser.error(str(exc))
        keeper = TokenFileKeeper(list(files.renewals), every=args.token_lifetime / 2).start()
    if args.ready_json:
        print(json.dumps({
            "endpoint_template": emu.endpoint_template, "url": emu.url, "config_file": str(identity.config_file),
            "profile": identity.profile, "region": region, "tenancy_id": identity.tenancy_id,
            "extras": dict(emu.seed_info.extras),
        }), flush=True)
        return _serve(emu, until_stdin_closes=args.exit_with_stdin, keeper=keeper)
    print(emu.endpoint_template, flush=True)
    print(
        f"# config: {identity.config_file}  (profile DEFAULT, key {identity.key_file})\n"
        f"# try: oci --config-file {identity.config_file} --endpoint {emu.url}/{region} "
        f"generative-ai model-collection list-models --compartment-id {identity.tenancy_id}\n"
        f"# seed {args.seed}, home region {region}, pace x{args.pace:g}; Ctrl-C to stop",
        flush=True,
    )
    if keeper is not None:
        print(
            f"# also: --auth security_token --profile SESSION; --auth instance_obo_user --profile CLOUDSHELL;\n"
            f"#   --auth instance_principal after 'source {directory / 'instance-principal.env'}';\n"
            f"#   --auth resource_principal after 'source {directory / 'resource-principal.env'}';\n"
            f"#   Cloud Shell as it is: 'source {directory / 'cloudshell.env'}'. Tokens live {args.token_lifetime:g} s"
            f" and are renewed while this runs.",
            flush=True,
        )
    return _serve(emu, until_stdin_closes=args.exit_with_stdin, keeper=keeper)


def _serve(emu: Emulator, *, until_stdin_closes: bool, keeper: TokenFileKeeper | None = None) -> int:
    try:
        if until_stdin_closes:
            while sys.stdin.buffer.read(4096):
                pass
        else:
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        if keeper is not None:
            keeper.stop()
        emu.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
