// A webhook receiver for scripts/multi-instance.sh: answers every POST with 204 and appends one line per delivery to
// the file named by its second argument — "<webhook-id> <type> <subject-or-unit> <slot> <signature ok|bad>" — checking
// the Standard Webhooks signature (HMAC-SHA256 of "id.timestamp.body", keyed by the base64 after "whsec_") with the
// secret read from the file named by its third argument (written once the subscription exists).
// Usage: node receiver.mjs <port> <log file> <secret file>
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';

const [port, logFile, secretFile] = process.argv.slice(2);

function signatureOk(id, timestamp, body, header) {
  let secret;
  try { secret = readFileSync(secretFile, 'utf8').trim(); } catch { return false; }
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return (header ?? '').split(' ').some(part => {
    const [version, value] = part.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

createServer((request, response) => {
  const chunks = [];
  request.on('data', c => chunks.push(c));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = request.headers['webhook-id'] ?? '-';
    let type = '-', about = '-', slot = '-';
    try {
      const event = JSON.parse(body);
      type = event.type ?? '-';
      about = event.data?.unitCode ?? event.data?.id ?? '-';
      slot = event.data?.slot ?? '-';
    } catch { type = 'unparsable'; }
    const ok = signatureOk(id, request.headers['webhook-timestamp'], body, request.headers['webhook-signature']);
    appendFileSync(logFile, `${id} ${type} ${about} ${slot} ${ok ? 'ok' : 'bad'}\n`);
    response.writeHead(204).end();
  });
}).listen(Number(port), '127.0.0.1');
