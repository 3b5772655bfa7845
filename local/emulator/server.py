#!/usr/bin/env python3
"""Start moto's server with the cdk-containers CloudFormation extension loaded.

    python3 local/emulator/server.py --port PORT [--host 127.0.0.1]

Ready when it prints `EMULATOR READY http://localhost:PORT` on stdout (port 0 picks a free port
and that line names it), or when GET http://localhost:PORT/moto-api/ answers 200.
Stops on SIGTERM / SIGINT. See README.md in this folder.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

PINNED_MOTO = "5.2.1"
INSTALL_HINT = f"pip install 'moto[server]=={PINNED_MOTO}'"


def _load_moto(allow_other_version: bool) -> None:
    try:
        import moto  # noqa: F401
        from moto.server import ThreadedMotoServer  # noqa: F401  (needs the server extras)
    except ImportError as err:
        sys.exit(f"emulator: moto with its server extras is not installed ({err}). Run: {INSTALL_HINT}")
    if moto.__version__ != PINNED_MOTO:
        msg = (f"emulator: moto {moto.__version__} is installed but this extension is pinned to "
               f"{PINNED_MOTO} (it relies on moto internals). Run: {INSTALL_HINT}")
        if not allow_other_version:
            sys.exit(msg + "  (or pass --allow-other-moto to try anyway)")
        print("WARNING " + msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", "-p", type=int, required=True, help="port to listen on (0: pick a free one)")
    parser.add_argument("--host", "-H", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--allow-other-moto", action="store_true", help="warn instead of failing on another moto version")
    args = parser.parse_args(argv)

    _load_moto(args.allow_other_moto)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import cfn_extension  # noqa: F401  (registers the CloudFormation models, patches change sets)
    import cfn_models  # noqa: F401  (models that answer like AWS: ECR, KMS, scaling, rules, schedules, ...)
    import eks_extras  # noqa: F401  (EKS Pod Identity associations and capabilities: API and CloudFormation)
    import api_fixes  # noqa: F401  (service API answers the harness reads)
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address=args.host, port=args.port, verbose=False)
    server.start()
    port = server.get_host_and_port()[1]
    os.environ["MOTO_PORT"] = str(port)  # moto builds some URLs (S3, SQS) from it
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"EMULATOR READY http://localhost:{port}", flush=True)
    try:
        while not stop.wait(1):
            pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
