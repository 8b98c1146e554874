#!/usr/bin/python3
# hello: the smallest complete Herald plugin, grpcio alone. Logs user.* events to stderr, ACKs.
import concurrent.futures, os, signal, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))
import grpc
from grpc_health.v1 import health_pb2 as hpb, health_pb2_grpc
from herald.plugin.v1 import plugin_pb2 as pb, plugin_pb2_grpc

if os.environ.get("HERALD_PLUGIN_MAGIC_COOKIE") != "herald-plugin-v1-6c1f2e0a":
    sys.exit("hello: this is a Herald plugin, not meant to be run by hand: Herald starts it")
if "1" not in os.environ.get("HERALD_PLUGIN_PROTOCOL_VERSIONS", "").split(","):
    sys.exit("hello: Herald does not offer protocol version 1")

class Hello(plugin_pb2_grpc.PluginServiceServicer):
    def Describe(self, request, context):
        return pb.DescribeResponse(plugin_id="hello", version="0.1.0", protocol_version=1,
                                   subscriptions=[pb.Subscription(event_types=["user.*"])])
    def Deliver(self, request, context):
        event = request.envelope
        if not event.event_id:
            return pb.DeliverResponse(outcome=pb.DeliverResponse.REJECT, reason="no event_id")
        print(f"hello: {event.event_type} {event.event_id}", file=sys.stderr, flush=True)
        return pb.DeliverResponse(outcome=pb.DeliverResponse.ACK)

class Health(health_pb2_grpc.HealthServicer):  # Herald calls only Check, for "plugin"
    status = hpb.HealthCheckResponse.SERVING
    def Check(self, request, context):
        return hpb.HealthCheckResponse(status=self.status)

server, health = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=8)), Health()
plugin_pb2_grpc.add_PluginServiceServicer_to_server(Hello(), server)
health_pb2_grpc.add_HealthServicer_to_server(health, server)
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print(f"1|1|tcp|127.0.0.1:{port}|grpc", flush=True)  # the handshake; logs go to stderr
def stop(signum, frame):
    health.status = hpb.HealthCheckResponse.NOT_SERVING
    server.stop(10)  # refuses new calls, lets those in progress finish
signal.signal(signal.SIGTERM, stop)
server.wait_for_termination()
