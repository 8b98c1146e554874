// herald-plugin: the handshake, the health service and a graceful stop for a Herald plugin in
// Node.js. Optional: hello.js does the same with the stock libraries alone. Use:
//   require('./herald-plugin').serve('my-plugin', { describe: () => ({...}), deliver: (request) => ({...}) });
// describe and deliver return (or resolve to) a DescribeResponse and a DeliverResponse as plain
// objects (proto field names, enums as strings); a thrown error with a gRPC `code` fails the call
// with that status, any other with INTERNAL (Herald retries).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const healthService = require('grpc-health-check').service;

const MAGIC_COOKIE = 'herald-plugin-v1-6c1f2e0a';
const SPOKEN_VERSIONS = [1];

function refuse(name, message) {
  console.error(`${name}: ${message}`);
  process.exit(1);
}

/** Returns the highest protocol version Herald offers and this helper speaks; exits 1 if none. */
function negotiate(name) {
  if (process.env.HERALD_PLUGIN_MAGIC_COOKIE !== MAGIC_COOKIE) {
    refuse(name, 'this is a Herald plugin, not meant to be run by hand: Herald starts it');
  }
  const offered = process.env.HERALD_PLUGIN_PROTOCOL_VERSIONS ?? '';
  const common = offered.split(',').map(Number).filter((v) => SPOKEN_VERSIONS.includes(v));
  if (common.length === 0) {
    refuse(name, `Herald offers protocol versions '${offered}', we speak ${SPOKEN_VERSIONS}`);
  }
  return Math.max(...common);
}

// node-plugin/proto/ (copied by the Maven build), else the checkout's proto/src/main/proto.
function pluginService() {
  const dir = [path.join(__dirname, 'proto'), path.join(__dirname, '..', '..', 'proto', 'src', 'main', 'proto')]
    .find((d) => fs.existsSync(path.join(d, 'herald', 'plugin', 'v1', 'plugin.proto')));
  const definition = protoLoader.loadSync('herald/plugin/v1/plugin.proto', {
    includeDirs: [dir], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).herald.plugin.v1.PluginService.service;
}

function unary(handler) {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then((response) => callback(null, response))
      .catch((err) => callback({ code: err.code ?? grpc.status.INTERNAL, details: String(err.message ?? err) }));
  };
}

/** Serves describe and deliver with health on 127.0.0.1, prints the handshake line. */
function serve(name, { describe, deliver }, { graceMs = 10_000 } = {}) {
  const version = negotiate(name);
  let status = 'SERVING';
  const server = new grpc.Server();
  server.addService(pluginService(), { describe: unary(describe), deliver: unary(deliver) });
  // Herald calls only Check, for "plugin"; Watch is left unimplemented.
  server.addService(healthService, {
    check(call, callback) {
      if (!['', 'plugin'].includes(call.request.service)) {
        return callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
      }
      callback(null, { status });
    },
  });
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) refuse(name, `cannot listen on 127.0.0.1: ${err.message}`);
    process.stdout.write(`1|${version}|tcp|127.0.0.1:${port}|grpc\n`);
    console.log = console.error; // stdout is for the handshake line only
  });
  process.once('SIGTERM', () => {
    status = 'NOT_SERVING';
    server.tryShutdown(() => process.exit(0)); // refuses new calls, finishes those in progress
    setTimeout(() => server.forceShutdown(), graceMs).unref();
  });
  return { protocolVersion: version };
}

module.exports = { serve, negotiate };
