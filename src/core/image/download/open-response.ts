// One HTTP(S) GET with the protections a long download needs: a connect timeout, a stall timeout
// (no byte for N seconds, while waiting for headers or in the body), Ctrl-C through an AbortSignal,
// redirects (at most 5, never from https down to http). Uses node:http/https directly: no curl, and
// full control over Range requests. Failures are HvErrors; transient ones are marked for retry.
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { InterruptedError, NetworkError, TimeoutError, type HvError } from '../../errors/index.js';
import { markTransient } from './transient-errors.js';
import { extraCaOption } from '../../net/extra-ca-certs.js';

/** How to make the request. */
export interface RequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly connectTimeoutMs: number;
  readonly stallTimeoutMs: number;
  readonly maxRedirects?: number;
}

/** A response whose body has not been read yet. */
export interface OpenResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Where the body came from, after redirects. */
  readonly url: URL;
  /** The body. A stall, an abort or a cut connection destroy it with an HvError. */
  readonly body: IncomingMessage;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

function requestOnce(url: URL, options: RequestOptions): Promise<OpenResponse> {
  return new Promise<OpenResponse>((resolve, reject) => {
    const ca = url.protocol === 'https:' ? extraCaOption() : undefined;
    let failure: HvError | undefined;
    let response: IncomingMessage | undefined;
    const fail = (err: HvError): void => {
      failure ??= err;
      if (response !== undefined) response.destroy(failure);
      req.destroy(failure);
    };
    const headers = { 'user-agent': 'hv-image/1', 'accept-encoding': 'identity', ...options.headers };
    const req =
      url.protocol === 'https:'
        ? https.get(url, { headers, ...(ca !== undefined && { ca: [...ca] }) })
        : http.get(url, { headers });
    const connectTimer = setTimeout(() => {
      fail(
        markTransient(
          new TimeoutError(`${url.host}: no connection within ${options.connectTimeoutMs / 1000} s`),
        ),
      );
    }, options.connectTimeoutMs);
    req.on('socket', (socket) => {
      const connected = (): void => {
        clearTimeout(connectTimer);
      };
      if (!socket.connecting) connected();
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.setTimeout(options.stallTimeoutMs, () => {
      fail(
        markTransient(
          new TimeoutError(`${url.host}: download stalled (no data for ${options.stallTimeoutMs / 1000} s)`, {
            details: { url: url.href },
          }),
        ),
      );
    });
    const onAbort = (): void => {
      fail(new InterruptedError(`download of ${url.href} interrupted`));
    };
    if (options.signal?.aborted === true) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => {
      clearTimeout(connectTimer);
      options.signal?.removeEventListener('abort', onAbort);
    });
    req.on('response', (res) => {
      response = res;
      clearTimeout(connectTimer);
      // A body cut short surfaces as 'aborted'/ECONNRESET on the response: make it a marked HvError.
      res.on('error', () => undefined);
      res.once('aborted', () => {
        if (failure === undefined) {
          fail(markTransient(new NetworkError(`${url.host}: connection closed in the middle of the body`)));
        }
      });
      resolve({ status: res.statusCode ?? 0, headers: res.headers, url, body: res });
    });
    req.on('error', (err: Error & { code?: string }) => {
      clearTimeout(connectTimer);
      if (failure !== undefined) {
        reject(failure);
        return;
      }
      const code = err.code ?? '';
      const wrapped = new NetworkError(`${url.host}: ${code !== '' ? code : err.message}`, {
        cause: err,
        details: { url: url.href, errno: code },
      });
      reject(TRANSIENT_CODES.has(code) ? markTransient(wrapped) : wrapped);
    });
  });
}

/** GET `url`, following redirects. The caller must consume or destroy `body`. */
export async function openResponse(url: URL, options: RequestOptions): Promise<OpenResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const res = await requestOnce(current, options);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || location === undefined) return res;
    res.body.resume();
    if (hop >= (options.maxRedirects ?? 5)) {
      throw new NetworkError(`${url.href}: more than ${options.maxRedirects ?? 5} redirects`);
    }
    const next = new URL(location, current);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new NetworkError(`${current.href} redirects to ${next.protocol} URL, which hv does not follow`);
    }
    if (current.protocol === 'https:' && next.protocol === 'http:') {
      throw new NetworkError(`${current.href} redirects from https to plain http (${next.href}); refused`);
    }
    current = next;
  }
}

/** The HvError for a response status that is not a success (404/410 final, 5xx/429/408 transient). */
export function statusError(res: Pick<OpenResponse, 'status' | 'url'>): HvError {
  const where = res.url.href;
  if (res.status === 404 || res.status === 410) {
    return new NetworkError(`${where}: the server has no such file (HTTP ${res.status})`, {
      code: 'REMOTE_NOT_FOUND',
      details: { url: where, status: res.status },
    });
  }
  const err = new NetworkError(`${where}: HTTP ${res.status}`, {
    details: { url: where, status: res.status },
  });
  return res.status >= 500 || res.status === 429 || res.status === 408 ? markTransient(err) : err;
}
