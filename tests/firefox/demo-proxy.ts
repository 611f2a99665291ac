import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentTypeOf, DEMO_HOST, fileFor, startPageHtml } from '../harness/demo-router';

/**
 * The demo back-office for a browser we cannot intercept from inside (Firefox): a local HTTP
 * proxy. Firefox sends every request through it; a CONNECT (https) is answered by a local TLS
 * server with a throwaway self-signed certificate (the browser is launched with
 * acceptInsecureCerts), so the pages keep their real https URLs and our content scripts' real
 * match patterns apply. Pages come from the same route table as the Chromium tests (fileFor).
 * Nothing goes to the network: unknown URLs get a 404.
 */

export interface DemoProxy {
  /** The proxy's port on 127.0.0.1 (for network.proxy.http / network.proxy.ssl). */
  port: number;
  /** Every URL that got a 404 (not a demo page: e.g. the browser's own background requests). */
  misses: string[];
  close(): Promise<void>;
}

/** A self-signed certificate made by openssl for the run (any name: the browser accepts it). */
function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=kefu-demo.test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function answer(url: URL, res: ServerResponse, misses: string[]): Promise<void> {
  if (url.hostname === DEMO_HOST && (url.pathname === '/' || url.pathname === '/index.html')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(startPageHtml());
    return;
  }
  const file = fileFor(url);
  const body = file ? await readFile(file).catch(() => undefined) : undefined;
  if (!file || !body) {
    misses.push(url.href);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not a demo page: ${url.href}`);
    return;
  }
  res
    .writeHead(200, {
      'content-type': contentTypeOf(file),
      'cache-control': 'no-store',
    })
    .end(body);
}

export async function startDemoProxy(): Promise<DemoProxy> {
  const misses: string[] = [];
  const handle = (secure: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    // Through a proxy, plain http asks for an absolute URL; inside a CONNECT tunnel, a path.
    const url = /^https?:\/\//.test(req.url ?? '')
      ? new URL(req.url!)
      : new URL(req.url ?? '/', `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
    answer(url, res, misses).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  };

  const tls = createHttpsServer(selfSignedCert(), handle(true));
  const proxy = createHttpServer(handle(false));
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  proxy.on('connection', track);
  proxy.on('connect', (_req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => undefined);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    // The tunnel's bytes are TLS for the requested host: our TLS server takes the socket.
    tls.emit('connection', socket);
  });

  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  return {
    port: (proxy.address() as AddressInfo).port,
    misses,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => proxy.close(() => done()));
      tls.close();
    },
  };
}
