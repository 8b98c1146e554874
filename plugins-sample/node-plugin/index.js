// user-mirror: a Herald plugin in Node.js. Appends "event_type event_id" for each user.* event to
// the file named by MIRROR_FILE (default ./user-mirror.log). Herald starts it (see
// user-mirror.plugin.yaml); stdout carries only the handshake line, logs go to stderr.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const healthService = require('grpc-health-check').service;

const PLUGIN = { plugin_id: 'user-mirror', version: '0.1.0' };
const PROTOCOL_VERSIONS = [1];
const HEALTH_NAMES = ['plugin', ''];
const GRACE_MS = 10_000;
const SEEN_LIMIT = 10_000;

function refuse(message) {
  console.error(`user-mirror: ${message}`);
  process.exit(1);
}

// 1. Handshake: run only under Herald, and agree on a protocol version.
if (process.env.HERALD_PLUGIN_MAGIC_COOKIE !== 'herald-plugin-v1-6c1f2e0a') {
  refuse('this is a Herald plugin: Herald starts it and connects to it; it is not meant to be run '
    + 'by hand (HERALD_PLUGIN_MAGIC_COOKIE is missing or wrong)');
}
const offered = process.env.HERALD_PLUGIN_PROTOCOL_VERSIONS ?? '';
const shared = offered.split(',').map(Number).filter((v) => PROTOCOL_VERSIONS.includes(v));
if (shared.length === 0) {
  refuse(`no shared protocol version: the host offers '${offered}', this plugin speaks ${PROTOCOL_VERSIONS}`);
}
const protocolVersion = Math.max(...shared);

// 2. The contract: node-plugin/proto/ (copied by the Maven build), else the checkout's proto/.
const protoDir = [path.join(__dirname, 'proto'), path.join(__dirname, '..', '..', 'proto', 'src', 'main', 'proto')]
  .find((dir) => fs.existsSync(path.join(dir, 'herald', 'plugin', 'v1', 'plugin.proto')));
if (!protoDir) {
  refuse('cannot find herald/plugin/v1/plugin.proto; build plugins-sample with Maven first');
}
const definition = protoLoader.loadSync('herald/plugin/v1/plugin.proto', {
  includeDirs: [protoDir], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const { PluginService } = grpc.loadPackageDefinition(definition).herald.plugin.v1;

// 3. The plugin: Describe and Deliver. Delivery is at-least-once, so repeats of an event_id this
// run has written are ACKed without writing again.
const mirrorFile = process.env.MIRROR_FILE ?? './user-mirror.log';
const mirror = fs.openSync(mirrorFile, 'a');
const seen = new Set();

function describe(call, callback) {
  callback(null, {
    ...PLUGIN,
    protocol_version: protocolVersion,
    subscriptions: [{ event_types: ['user.*'] }],
  });
}

function deliver(call, callback) {
  const { envelope } = call.request;
  if (!envelope || !envelope.event_id) {
    return callback(null, { outcome: 'REJECT', reason: 'envelope.event_id is empty' });
  }
  if (!envelope.event_type.startsWith('user.')) {
    return callback(null, { outcome: 'REJECT', reason: `not subscribed to ${envelope.event_type}` });
  }
  if (!seen.has(envelope.event_id)) {
    try {
      fs.writeSync(mirror, `${envelope.event_type} ${envelope.event_id}\n`);
      fs.fsyncSync(mirror);
    } catch (err) {
      console.error(`user-mirror: cannot append to ${mirrorFile}: ${err.message}`);
      return callback(null, { outcome: 'RETRY', reason: err.message, retry_after: { seconds: 1 } });
    }
    seen.add(envelope.event_id);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value);
  }
  callback(null, { outcome: 'ACK' });
}

// 4. grpc.health.v1.Health for "plugin" and "". Watch streams end when the plugin stops, so a
// graceful shutdown does not wait for the host's long-lived watches.
let status = 'SERVING';
const watchers = new Set();
const health = {
  check(call, callback) {
    if (!HEALTH_NAMES.includes(call.request.service)) {
      return callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
    }
    callback(null, { status });
  },
  watch(call) {
    if (!HEALTH_NAMES.includes(call.request.service)) {
      return call.write({ status: 'SERVICE_UNKNOWN' });
    }
    call.write({ status });
    watchers.add(call);
    call.on('cancelled', () => watchers.delete(call));
  },
};

// 5. Serve on 127.0.0.1, print the handshake line, stop gracefully on SIGTERM or stdin's end.
const server = new grpc.Server();
server.addService(PluginService.service, { describe, deliver });
server.addService(healthService, health);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) refuse(`cannot listen on 127.0.0.1: ${err.message}`);
  process.stdout.write(`1|${protocolVersion}|tcp|127.0.0.1:${port}|grpc\n`);
  console.log = console.error; // stdout is for the handshake line only
  console.error(`user-mirror: serving on 127.0.0.1:${port}, appending to ${mirrorFile}`);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  status = 'NOT_SERVING';
  for (const call of watchers) {
    call.write({ status });
    call.end();
  }
  // Refuses new calls, lets Deliver calls in progress finish, then exits 0.
  server.tryShutdown(() => {
    fs.closeSync(mirror);
    process.exit(0);
  });
  setTimeout(() => {
    console.error(`user-mirror: calls still in progress after ${GRACE_MS} ms; cancelling them`);
    server.forceShutdown();
  }, GRACE_MS).unref();
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// Herald holds stdin open and never writes to it: end-of-file means Herald is gone (even killed
// with SIGKILL), so stop too.
process.stdin.on('end', stop);
process.stdin.resume();
