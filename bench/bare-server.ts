// The baseline: a plain node:http server that answers each operation with the exact bytes the service
// returned for it, so the ratio service/bare measures what the service adds over sending the response.
// Usage: node --import tsx bench/bare-server.ts <responses.json>; prints "listening <port>".
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { CapturedResponses } from './operations.js';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-server.ts <responses.json>');
const captured = JSON.parse(readFileSync(file, 'utf8')) as CapturedResponses;
const answers = new Map(
  Object.entries(captured).map(([name, response]) => [`/${name}`, { body: Buffer.from(response.body, 'base64'), headers: response.headers }]),
);

const server = createServer((req, res) => {
  // Read the request body as the service must, so both servers do the same HTTP work.
  req.resume();
  req.on('end', () => {
    const answer = answers.get(req.url ?? '');
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...answer.headers, 'content-length': answer.body.length });
    res.end(answer.body);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
// Nothing here needs a graceful end (close() would wait for idle keep-alive connections).
process.on('SIGTERM', () => process.exit(0));
