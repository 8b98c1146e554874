// A webhook receiver for trying the identity sample: listens on 127.0.0.1:$PORT (default 8099),
// verifies each request's Standard Webhooks signature with $WEBHOOK_SECRET (whsec_...), answers
// 204 and prints the event type and the JSON body; a request that does not verify gets 401.
// Node.js 20+, no dependencies.
'use strict';
const crypto = require('node:crypto');
const http = require('node:http');

const port = Number(process.env.PORT ?? 8099);
const secret = process.env.WEBHOOK_SECRET ?? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
const toleranceSeconds = 5 * 60;

function verified(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

http
  .createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!verified(request.headers, body)) {
        console.log(`REFUSED ${request.headers['webhook-id']}: signature does not verify`);
        response.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body.toString('utf8'));
      console.log(`verified ${event.event_type} ${request.headers['webhook-id']}`);
      console.log(JSON.stringify(event, null, 2));
      response.writeHead(204).end();
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`webhook-receiver: listening on http://127.0.0.1:${port}/`));
