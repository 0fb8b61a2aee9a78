import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendMail } from '@/lib/mail/send-mail';

// A minimal SMTP server (no TLS, no auth) that keeps what it receives: enough to see nodemailer
// deliver a real SMTP conversation.
let server: Server;
let port = 0;
const received: { from: string; to: string[]; data: string }[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(current);
            current = { from: '', to: [], data: '' };
            socket.write('250 queued\r\n');
          } else current.data += line.replace(/^\./, '') + '\n';
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 test\r\n');
        else if (cmd === 'MAIL') (current.from = line), socket.write('250 ok\r\n');
        else if (cmd === 'RCPT') current.to.push(line), socket.write('250 ok\r\n');
        else if (cmd === 'DATA') (inData = true), socket.write('354 go on\r\n');
        else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => server.close());

describe('sendMail', () => {
  it('delivers through SMTP when SMTP_URL is set', async () => {
    const how = await sendMail({ to: 'ada@example.test', subject: 'Reset your password', text: 'Open https://x.test/reset-password?token=abc' }, { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true` });
    expect(how).toBe('smtp');
    expect(received).toHaveLength(1);
    expect(received[0]!.to.join()).toContain('ada@example.test');
    expect(received[0]!.data).toContain('Subject: Reset your password');
    expect(received[0]!.data).toContain('reset-password?token=abc');
  });

  it('prints the message to the server log without SMTP (local mode)', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const how = await sendMail({ to: 'bob@example.test', subject: 'Hi', text: 'the body' }, { smtpUrl: null });
      expect(how).toBe('log');
      const printed = log.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(printed).toContain('to=bob@example.test');
      expect(printed).toContain('the body');
    } finally {
      log.mockRestore();
    }
  });
});
