// hello, with the optional helper (herald-plugin.js): logs each user.* event to stderr, ACKs it.
'use strict';
const { serve } = require('./herald-plugin');

serve('hello', {
  describe: () => ({
    plugin_id: 'hello', version: '0.1.0', protocol_version: 1, subscriptions: [{ event_types: ['user.*'] }],
  }),
  deliver: ({ envelope }) => {
    if (!envelope?.event_id) return { outcome: 'REJECT', reason: 'no event_id' };
    console.error(`hello: ${envelope.event_type} ${envelope.event_id}`);
    return { outcome: 'ACK' };
  },
});
