// An SMTP sink (smtp-server from npm) on 127.0.0.1 for the C++ SMTP sender tests.
//
//   node smtp-sink.mjs --out messages.jsonl [--port 0] [--user U --pass P]
//
// First stdout line: {"port":N}. Accepts any sender and recipient; AUTH is optional (when --user is given, only
// that user/password is accepted). STARTTLS is not offered (there is no trusted certificate here), so a client
// that requires TLS must refuse to send. Each message is appended to --out, before the DATA command is answered,
// as one JSON line: {"from":"a@x","to":["b@y"],"user":"U"|null,"raw":"<the RFC 5322 message>"}.
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';

const { values: opts } = parseArgs({
  options: {
    out: { type: 'string' },
    port: { type: 'string', default: '0' },
    user: { type: 'string' },
    pass: { type: 'string' },
  },
});
if (!opts.out) {
  process.stderr.write('smtp-sink: --out FILE is required\n');
  process.exit(2);
}

const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, session, callback) {
    if (opts.user && (auth.username !== opts.user || auth.password !== opts.pass)) {
      return callback(new Error('Invalid username or password'));
    }
    return callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const record = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        user: session.user ?? null,
        raw: Buffer.concat(chunks).toString('utf8'),
      };
      appendFileSync(opts.out, `${JSON.stringify(record)}\n`);
      callback(null, 'queued');
    });
  },
});
server.on('error', (e) => process.stderr.write(`smtp-sink: ${e.message}\n`));
server.listen(Number(opts.port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
