"""``a6watch serve``: feeds, calendars, briefing packs and archived files, with ETags."""

from __future__ import annotations

import argparse

from a6watch.commands import settings_from


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", help="address to bind (default: serve_host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: serve_port, 8765)")


def run(args: argparse.Namespace) -> int:
    from a6watch.serve import make_server

    settings = settings_from(args)
    server = make_server(settings.data_dir, args.host or settings.serve_host, args.port or settings.serve_port)
    host, port = server.server_address[:2]
    print(f"serving {settings.data_dir} on http://{host!s}:{port}/ (feeds/, calendars/, briefs/, files/); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
