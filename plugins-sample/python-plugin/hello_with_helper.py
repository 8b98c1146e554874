#!/usr/bin/python3
# hello, with the optional helper (herald_plugin.py): logs each user.* event to stderr, ACKs it.
import sys

import herald_plugin
from herald_plugin import plugin_pb2 as pb


class Hello(herald_plugin.PluginService):
    def Describe(self, request, context):
        return pb.DescribeResponse(plugin_id="hello", version="0.1.0", protocol_version=1,
                                   subscriptions=[pb.Subscription(event_types=["user.*"])])

    def Deliver(self, request, context):
        event = request.envelope
        if not event.event_id:
            return pb.DeliverResponse(outcome=pb.DeliverResponse.REJECT, reason="no event_id")
        print(f"hello: {event.event_type} {event.event_id}", file=sys.stderr, flush=True)
        return pb.DeliverResponse(outcome=pb.DeliverResponse.ACK)


herald_plugin.serve("hello", Hello())
