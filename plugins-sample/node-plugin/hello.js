// hello: the smallest complete Herald plugin, stock gRPC libraries alone. Logs user.* events, ACKs.
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { HealthImplementation } = require('grpc-health-check');

if (process.env.HERALD_PLUGIN_MAGIC_COOKIE !== 'herald-plugin-v1-6c1f2e0a') {
  console.error('hello: this is a Herald plugin, not meant to be run by hand: Herald starts it');
  process.exit(1);
}
if (!(process.env.HERALD_PLUGIN_PROTOCOL_VERSIONS ?? '').split(',').includes('1')) {
  console.error('hello: Herald does not offer protocol version 1');
  process.exit(1);
}
const definition = protoLoader.loadSync('herald/plugin/v1/plugin.proto', {
  includeDirs: [`${__dirname}/proto`], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const { PluginService } = grpc.loadPackageDefinition(definition).herald.plugin.v1;
const server = new grpc.Server();
server.addService(PluginService.service, {
  describe: (call, done) => done(null, {
    plugin_id: 'hello', version: '0.1.0', protocol_version: 1, subscriptions: [{ event_types: ['user.*'] }],
  }),
  deliver: (call, done) => {
    const { envelope } = call.request;
    if (!envelope?.event_id) return done(null, { outcome: 'REJECT', reason: 'no event_id' });
    console.error(`hello: ${envelope.event_type} ${envelope.event_id}`);
    done(null, { outcome: 'ACK' });
  },
});
const health = new HealthImplementation({ '': 'SERVING', plugin: 'SERVING' }); // Herald calls Check
health.addToServer(server);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  process.stdout.write(`1|1|tcp|127.0.0.1:${port}|grpc\n`); // the handshake; logs go to stderr
});
process.once('SIGTERM', () => {
  health.setStatus('plugin', 'NOT_SERVING');
  server.tryShutdown(() => process.exit(0)); // finishes the calls in progress
  setTimeout(() => server.forceShutdown(), 5000).unref(); // a health Watch stream never ends alone
});
