// A real HTTP server on 127.0.0.1 for image download tests: serves files with Range, ETag and
// Accept-Ranges like a mirror, and can misbehave on purpose per path: cut the connection halfway,
// answer 404, stall (before the headers or halfway through the body), or ignore Range.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';

/** How a path behaves. `cut` and `stall-half` apply to the first `times` requests, then it behaves. */
export type ServeMode =
  | { kind: 'normal' }
  | { kind: 'cut'; times: number }
  | { kind: 'not-found' }
  | { kind: 'stall-headers' }
  | { kind: 'stall-half'; times: number }
  | { kind: 'no-range' };

/** One request the server saw. */
export interface SeenRequest {
  path: string;
  range: string | undefined;
  ifRange: string | undefined;
  status: number;
}

/** A running image server. */
export interface ImageServer {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:41234/ */
  readonly base: string;
  readonly requests: SeenRequest[];
  /** Serve `body` at `/path`. */
  put(path: string, body: Buffer | string): void;
  setMode(path: string, mode: ServeMode): void;
  close(): Promise<void>;
}

/** Start the server on an ephemeral loopback port. */
export async function startImageServer(): Promise<ImageServer> {
  const files = new Map<string, Buffer>();
  const modes = new Map<string, ServeMode>();
  const counts = new Map<string, number>();
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const mode = modes.get(path) ?? { kind: 'normal' };
    const seen: SeenRequest = {
      path,
      range: req.headers.range,
      ifRange: req.headers['if-range'] as string | undefined,
      status: 0,
    };
    requests.push(seen);
    const body = files.get(path);
    if (mode.kind === 'stall-headers') return; // never answers
    if (body === undefined || mode.kind === 'not-found') {
      seen.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const rangeAllowed = mode.kind !== 'no-range';
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    const useRange = rangeAllowed && m !== null && (ifRange === undefined || ifRange === etag);
    const start = useRange ? Number(m[1]) : 0;
    if (useRange && start >= body.length) {
      seen.status = 416;
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const slice = body.subarray(start);
    const headers: Record<string, string | number> = {
      'content-length': slice.length,
      'content-type': 'application/octet-stream',
      etag,
      ...(rangeAllowed && { 'accept-ranges': 'bytes' }),
      ...(useRange && { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` }),
    };
    seen.status = useRange ? 206 : 200;
    res.writeHead(seen.status, headers);
    const misbehave = (mode.kind === 'cut' || mode.kind === 'stall-half') && n <= mode.times;
    if (!misbehave) {
      res.end(slice);
      return;
    }
    const half = slice.subarray(0, Math.max(1, Math.floor(slice.length / 2)));
    res.write(half, () => {
      if (mode.kind === 'cut') setTimeout(() => req.socket.destroy(), 20);
      // stall-half: keep the connection open and send nothing more.
    });
  };

  const server: Server = createServer(handle);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}/`,
    requests,
    put(path, body) {
      files.set(path.startsWith('/') ? path : `/${path}`, Buffer.isBuffer(body) ? body : Buffer.from(body));
    },
    setMode(path, mode) {
      modes.set(path.startsWith('/') ? path : `/${path}`, mode);
      counts.delete(path.startsWith('/') ? path : `/${path}`);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
