"""herald_plugin: the handshake, the health service and a graceful stop for a Herald plugin.

Optional: a plugin can do the same with grpcio alone (see hello.py). Import it, write a
PluginService with Describe and Deliver, and call serve(name, service). It puts gen/ (the Python
code the build generates from Herald's protos with protoc >= 3.15) on sys.path and re-exports
plugin_pb2 and Duration.
"""

import os
import signal
import sys
from concurrent import futures

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))

import grpc  # noqa: E402
from google.protobuf.duration_pb2 import Duration  # noqa: E402,F401
from grpc_health.v1 import health_pb2, health_pb2_grpc  # noqa: E402
from herald.plugin.v1 import plugin_pb2, plugin_pb2_grpc  # noqa: E402,F401

MAGIC_COOKIE = "herald-plugin-v1-6c1f2e0a"
SPOKEN_VERSIONS = {1}
PluginService = plugin_pb2_grpc.PluginServiceServicer
_SERVING = health_pb2.HealthCheckResponse.SERVING


class _Health(health_pb2_grpc.HealthServicer):
    """Check for "" and "plugin", the only call Herald makes; Watch is left unimplemented."""

    def __init__(self):
        self.status = _SERVING

    def Check(self, request, context):
        if request.service not in ("", "plugin"):
            context.abort(grpc.StatusCode.NOT_FOUND, f"unknown service {request.service!r}")
        return health_pb2.HealthCheckResponse(status=self.status)


def negotiate(name):
    """Returns the highest protocol version Herald offers and we speak; exits 1 if none."""
    if os.environ.get("HERALD_PLUGIN_MAGIC_COOKIE") != MAGIC_COOKIE:
        sys.exit(f"{name}: this is a Herald plugin, not meant to be run by hand: Herald starts it")
    offered = os.environ.get("HERALD_PLUGIN_PROTOCOL_VERSIONS", "").split(",")
    common = SPOKEN_VERSIONS & {int(v) for v in offered if v.strip().isdigit()}
    if not common:
        sys.exit(f"{name}: Herald offers protocol versions {offered}, we speak {SPOKEN_VERSIONS}")
    return max(common)


def serve(name, service, max_workers=8, grace_seconds=10):
    """Serves service and health on 127.0.0.1, prints the handshake line, returns once stopped."""
    version = negotiate(name)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers))
    plugin_pb2_grpc.add_PluginServiceServicer_to_server(service, server)
    health = _Health()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"1|{version}|tcp|127.0.0.1:{port}|grpc", flush=True)

    def stop(signum, frame):
        health.status = health_pb2.HealthCheckResponse.NOT_SERVING
        server.stop(grace_seconds)  # refuses new calls, lets those in progress finish

    signal.signal(signal.SIGTERM, stop)
    server.wait_for_termination()
