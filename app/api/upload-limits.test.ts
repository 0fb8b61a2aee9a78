// Upload routes hold their byte limits without a Content-Length and refuse zip bombs from the
// central directory, and the web process's memory does not grow with what was sent.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDeclaredSize } from '@/lib/datasets/test-data';
import { api, baseUrl, createUser, type TestUser } from '@/lib/testing/http';
import { fixtureFiles, uploadModel, zipOf } from '@/lib/testing/models';

const MB = 1024 * 1024;
// Generous against noise from other suites sharing the server; an unbounded read of these bodies grows by a GiB.
const GROWTH_LIMIT = 250 * MB;

/** The pid of the process listening on the app's port (the Next.js server), found through /proc. */
function serverPid(): number {
  const port = Number(new URL(baseUrl()).port);
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]!);
    }
  }
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      }
    } catch {
      // not ours to read, or gone
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Sends `totalBytes` as a chunked multipart body (no Content-Length) and stops once the server answers. */
function sendChunked(path: string, totalBytes: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const boundary = 'xxBOUNDARYxx';
    const url = new URL(baseUrl() + path);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked', ...headers } });
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(MB, 0x61);
    req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`);
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

let user: TestUser;
let pid: number;

beforeAll(async () => {
  user = await createUser('uploads');
  pid = serverPid();
});

describe('upload limits hold without Content-Length, memory stays bounded', () => {
  it('verify: a 300 MiB chunked body is cut off at 200 MB with 413', async () => {
    const before = rss(pid);
    const res = await sendChunked('/api/v1/verify', 300 * MB);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/200 MB/);
    const grown = rss(pid) - before;
    console.log(`verify: sent ${res.sent / MB} MiB before the answer, server RSS grew ${(grown / MB).toFixed(1)} MiB`);
    // The file is spooled to disk until it is complete and within the limit: an oversized body
    // never enters memory (881 MB before the limit held).
    expect(grown).toBeLessThan(GROWTH_LIMIT);
  }, 60_000);

  it('model import: a chunked body past MODEL_UPLOAD_MAX_MB is cut off with 413', async () => {
    const before = rss(pid);
    const res = await sendChunked('/api/v1/models/import', 1100 * MB, { authorization: `Bearer ${user.token}` });
    expect(res.status).toBe(413);
    const grown = rss(pid) - before;
    console.log(`model import: sent ${res.sent / MB} MiB, server RSS grew ${(grown / MB).toFixed(1)} MiB`);
    expect(grown).toBeLessThan(GROWTH_LIMIT);
  }, 90_000);

  it('dataset upload: a chunked body past DATASET_UPLOAD_MAX_BYTES (1 GiB) is cut off with 413, streamed to disk', async () => {
    const ds = await api('/api/v1/datasets', { method: 'POST', token: user.token, json: { name: 'Too big', resolution: 32 } });
    expect(ds.status, JSON.stringify(ds.data)).toBe(201);
    const before = rss(pid);
    const res = await sendChunked(`/api/v1/datasets/${ds.data.dataset.id}/uploads`, 1100 * MB, { authorization: `Bearer ${user.token}` });
    expect(res.status).toBe(413);
    const grown = rss(pid) - before;
    console.log(`dataset upload: sent ${res.sent / MB} MiB, server RSS grew ${(grown / MB).toFixed(1)} MiB`);
    expect(grown).toBeLessThan(GROWTH_LIMIT);
  }, 90_000);

  it('model import: a zip declaring 1.5 GiB unpacked, or too many entries, is refused before inflating', async () => {
    const before = rss(pid);
    const files = fixtureFiles();
    const honest = Buffer.from(zipSync({ 'config.json': files['config.json']!, 'G_ema.safetensors': new Uint8Array(MB) }));
    const bomb = withDeclaredSize(withDeclaredSize(honest, 'G_ema.safetensors', 1_600_000_000), 'config.json', 1_600_000_000);
    const res = await uploadModel(user.token, new Uint8Array(bomb));
    expect(res.status, JSON.stringify(res.data)).toBe(413);
    expect(res.data.error.message).toMatch(/unpacks to/);
    const many: Record<string, Uint8Array> = { 'config.json': files['config.json']! };
    for (let i = 0; i < 70; i++) many[`junk/${i}.txt`] = new Uint8Array(1);
    const crowded = await uploadModel(user.token, zipOf(many));
    expect(crowded.status).toBe(413);
    expect(crowded.data.error.message).toMatch(/entries/);
    expect(rss(pid) - before).toBeLessThan(GROWTH_LIMIT);
  });
});
