/**
 * TLS (issue 21, item 6): `hallq cert` (the real CLI in a child process) makes a hall CA and a server certificate
 * with the hall's names and addresses; a hub started with them answers HTTPS and a socket.io client over WSS that
 * trusts only the hall CA; plain HTTP next to it serves only what `http.plainHttp` allows. Before, the hub was
 * plain HTTP only and staff passwords, bearer tokens and device tokens crossed the hall Wi-Fi in clear.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../server/protocol/events';
import { freePort } from '../crash/hub-process';
import { KIOSK_TOKEN, startTestHub, testConfig, type TestHub } from '../support/hub';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
let tlsDir = '';

async function hallqCert(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'server', 'cli', 'hallq.mjs'), 'cert', '--data-dir', dir, ...args], { cwd: ROOT });
  return stdout;
}

const pem = (name: string): string => readFileSync(join(tlsDir, name), 'utf8');
const mode = (name: string): number => statSync(join(tlsDir, name)).mode & 0o777;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-tls-'));
  tlsDir = join(dir, 'tls');
  await hallqCert('--name', 'localhost', '--name', 'hallq.local', '--ip', '127.0.0.1', '--ip', '192.168.1.10');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hallq cert', () => {
  it('makes a CA and a server certificate for the given names and addresses, signed by it, keys mode 600', async () => {
    const ca = new X509Certificate(pem('hall-ca.crt'));
    const server = new X509Certificate(pem('hallq.crt'));
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.subjectAltName?.split(', ').sort()).toEqual(['DNS:hallq.local', 'DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:192.168.1.10']);
    expect(server.checkHost('hallq.local')).toBe('hallq.local');
    expect(server.checkIP('192.168.1.10')).toBe('192.168.1.10');
    expect(server.checkHost('elsewhere.example')).toBeUndefined();
    const days = (Date.parse(server.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(728);
    expect(days).toBeLessThan(731);
    expect(mode('hall-ca.key')).toBe(0o600);
    expect(mode('hallq.key')).toBe(0o600);
    expect(server.checkPrivateKey((await import('node:crypto')).createPrivateKey(pem('hallq.key')))).toBe(true);
  });

  it('renews the server certificate with the same CA when run again', async () => {
    const caBefore = pem('hall-ca.crt');
    const serverBefore = new X509Certificate(pem('hallq.crt'));
    const output = await hallqCert('--name', 'localhost', '--ip', '127.0.0.1', '--ip', '192.168.1.10');
    expect(output).toContain('Renewed with the existing hall CA');
    expect(pem('hall-ca.crt')).toBe(caBefore);
    const renewed = new X509Certificate(pem('hallq.crt'));
    expect(renewed.serialNumber).not.toBe(serverBefore.serialNumber);
    expect(renewed.verify(new X509Certificate(caBefore).publicKey)).toBe(true);
    expect(output).toContain(`cert: ${join(tlsDir, 'hallq.crt')}`);
    expect(output).toContain(`key: ${join(tlsDir, 'hallq.key')}`);
  }, 30_000);
});

/** An HTTPS request trusting only `ca` (undefined: the system's store, which does not know the hall CA). */
function httpsRequest(url: string, ca: string | undefined, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: options.method ?? 'GET', ca, headers: options.headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => void (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}
const httpsGet = (url: string, ca: string | undefined): Promise<{ status: number; body: string }> => httpsRequest(url, ca);

async function plain(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init });
}

function connected(socket: Socket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error: Error & { data?: { error?: string } }) => resolve(error.data?.error ?? error.message));
  });
}

describe('a hub with tls:', () => {
  let hub: TestHub | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await hub?.dispose();
    hub = undefined;
  });

  async function start(plainHttp: 'public-only' | 'off'): Promise<{ hub: TestHub; plainUrl: string }> {
    const plainPort = await freePort();
    hub = await startTestHub({
      config: testConfig((file) => {
        file.tls = { cert: join(tlsDir, 'hallq.crt'), key: join(tlsDir, 'hallq.key') };
        file.http = { plainHttp, plainPort } as NonNullable<typeof file.http>;
      }),
    });
    return { hub, plainUrl: `http://127.0.0.1:${plainPort}` };
  }

  it('answers HTTPS and WSS to a client trusting only the hall CA, and not to one without it', async () => {
    const { hub: running } = await start('public-only');
    expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = pem('hall-ca.crt');
    const hall = await httpsGet(`${running.url}/api/hall`, ca);
    expect(hall.status).toBe(200);
    await expect(httpsGet(`${running.url}/api/hall`, undefined)).rejects.toThrow(/certificate/i);

    const socket = io(running.url, { transports: ['websocket'], ca, reconnection: false, auth: { protocol: PROTOCOL_VERSION, token: KIOSK_TOKEN } } as Parameters<typeof io>[1]);
    sockets.push(socket);
    expect(await connected(socket)).toBe('connected');
    const ack = await socket.timeout(5000).emitWithAck('hall:sync', {});
    expect(ack).toMatchObject({ ok: true });
    const untrusting = io(running.url, { transports: ['websocket'], reconnection: false, auth: { protocol: PROTOCOL_VERSION } });
    sockets.push(untrusting);
    expect(await connected(untrusting)).not.toBe('connected');
  }, 30_000);

  it('public-only: plain HTTP serves the public pages and refuses or redirects staff routes and tokens', async () => {
    const { hub: running, plainUrl } = await start('public-only');
    // Visitors' phones do not trust the hall CA: the ticket's link goes to the plain listener, which serves it.
    const issued = await httpsRequest(`${running.url}/api/tickets`, pem('hall-ca.crt'), { method: 'POST', headers: { authorization: `Bearer ${KIOSK_TOKEN}`, 'content-type': 'application/json' }, body: '{"serviceId":"A"}' });
    expect(issued.status).toBe(201);
    const trackUrl = (JSON.parse(issued.body) as { trackUrl: string }).trackUrl;
    expect(trackUrl.startsWith(`${plainUrl}/t/`)).toBe(true);
    expect((await plain(trackUrl)).status).toBe(200);
    expect((await plain(`${plainUrl}/api/track/${trackUrl.split('/t/')[1]}`)).status).toBe(200);
    expect((await plain(`${plainUrl}/api/hall`)).status).toBe(200);
    expect((await plain(`${plainUrl}/display`)).status).toBe(200);
    const kiosk = await plain(`${plainUrl}/kiosk?token=abc`);
    expect(kiosk.status).toBe(302);
    expect(kiosk.headers.get('location')).toBe(`https://127.0.0.1:${running.port}/kiosk?token=abc`);
    const issue = await plain(`${plainUrl}/api/tickets`, { method: 'POST', headers: { authorization: `Bearer ${KIOSK_TOKEN}`, 'content-type': 'application/json' }, body: '{"serviceId":"A"}' });
    expect(issue.status).toBe(403);
    const refusal = (await issue.json()) as { error: string; message: string };
    expect(refusal.error).toBe('tls-required');
    expect(refusal.message).toContain(`https://127.0.0.1:${running.port}/api/tickets`);
    // An anyone-route with a token on it is refused too: the token has no business on plain HTTP.
    expect((await plain(`${plainUrl}/api/hall`, { headers: { authorization: 'Bearer x' } })).status).toBe(403);

    const display = io(plainUrl, { transports: ['websocket'], reconnection: false, auth: { protocol: PROTOCOL_VERSION } });
    const device = io(plainUrl, { transports: ['websocket'], reconnection: false, auth: { protocol: PROTOCOL_VERSION, token: KIOSK_TOKEN } });
    sockets.push(display, device);
    expect(await connected(display)).toBe('connected');
    expect(await connected(device)).toBe('tls-required');
  }, 30_000);

  it('off: plain HTTP only redirects to HTTPS and refuses everything else', async () => {
    const { hub: running, plainUrl } = await start('off');
    const page = await plain(`${plainUrl}/display`);
    expect(page.status).toBe(301);
    expect(page.headers.get('location')).toBe(`https://127.0.0.1:${running.port}/display`);
    const post = await plain(`${plainUrl}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"serviceId":"A"}' });
    expect(post.status).toBe(403);
    expect(await post.json()).toMatchObject({ error: 'tls-required' });
    const socket = io(plainUrl, { transports: ['websocket'], reconnection: false, auth: { protocol: PROTOCOL_VERSION } });
    sockets.push(socket);
    expect(await connected(socket)).not.toBe('connected');
  }, 30_000);
});
