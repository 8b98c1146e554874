#!/usr/bin/python3
# group-mirror: appends "event_type event_id" to MIRROR_FILE for each group.* event, once.
import os
import threading

import herald_plugin
from herald_plugin import Duration, plugin_pb2 as pb

Response = pb.DeliverResponse


class GroupMirror(herald_plugin.PluginService):
    def __init__(self):
        self.lock = threading.Lock()
        self.written = set()  # event ids written in this run: a redelivery is ACKed, not rewritten

    def Describe(self, request, context):
        return pb.DescribeResponse(
            plugin_id="group-mirror", version="0.1.0", protocol_version=1,
            subscriptions=[pb.Subscription(event_types=["group.*"])])

    def Deliver(self, request, context):
        event = request.envelope
        if not event.event_type.startswith("group."):
            return Response(outcome=Response.REJECT, reason=f"not for me: {event.event_type}")
        with self.lock:
            if event.event_id not in self.written:
                try:
                    with open(os.environ["MIRROR_FILE"], "a") as file:
                        file.write(f"{event.event_type} {event.event_id}\n")
                        file.flush()
                        os.fsync(file.fileno())  # ACK only once the line is on disk
                except OSError as e:
                    return Response(outcome=Response.RETRY, reason=str(e),
                                    retry_after=Duration(seconds=1))
                self.written.add(event.event_id)
        return Response(outcome=Response.ACK)


herald_plugin.serve("group-mirror", GroupMirror())
