/**
 * A web `Request` → `Response` app served by `node:http`: the body is read whole with a byte limit (413 past it,
 * before the app sees anything), the response streamed back. Closing stops taking connections, waits for the
 * requests in flight, then resolves — what SIGTERM needs to drain.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type App = (request: Request) => Promise<Response>;

export type NodeServerOptions = Readonly<{
  port: number;
  /** The address to listen on. Default `127.0.0.1` (this machine only); `0.0.0.0` or `::` to listen everywhere. */
  host?: string;
  /** Largest request body in bytes. Default 1 MB. */
  maxBodyBytes?: number;
  /** Called for an error the app threw (the client gets a 500 with no details). */
  onError?: (error: unknown) => void;
  /**
   * Told of the answers the adapter gives itself, before the app sees the request (413, a malformed URL); may
   * return headers for that answer (the request id).
   */
  onRefused?: (
    refused: Readonly<{ method: string; path: string; status: number; ms: number; headers: Headers }>,
  ) => Record<string, string> | undefined;
}>;

export type RunningServer = Readonly<{
  /** `http://<the address really bound>:<port>` (`http://[::1]:8787` for IPv6). */
  url: string;
  /** The address really bound (`127.0.0.1`, `0.0.0.0`, `::`…). */
  host: string;
  port: number;
  /** Requests being handled right now. */
  inFlight(): number;
  /** Stops accepting, finishes the requests in flight, closes idle connections. */
  close(): Promise<void>;
}>;

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Where a server listens unless told: this machine only (a proxy in front, or `--host 0.0.0.0`, opens it). */
export const DEFAULT_HOST = '127.0.0.1';

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/**
 * Reads the body up to `max` bytes; undefined once it is longer. The rest is read and discarded before the 413
 * goes out, so a client still writing its body hears the answer instead of a reset; past `DRAIN_LIMIT` the
 * connection is simply cut.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) {
        req.destroy();
        return;
      }
      if (over) return;
      if (size > max) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => resolve(undefined));
  });
}

/** More than this and a client is not worth answering. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

function toRequest(req: IncomingMessage, body: Buffer, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', base), {
    method,
    headers,
    ...(hasBody ? { body: new Uint8Array(body) } : {}),
  });
}

async function writeResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = head || !response.body ? undefined : Buffer.from(await response.arrayBuffer());
  if (body) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

export function serveApp(app: App, options: NodeServerOptions): Promise<RunningServer> {
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let active = 0;
  let closing = false;
  const idle: (() => void)[] = [];
  const settle = () => {
    if (active === 0) for (const done of idle.splice(0)) done();
  };

  const server: Server = createServer((req, res) => {
    active++;
    res.on('close', () => {
      active--;
      settle();
    });
    if (closing) res.setHeader('connection', 'close');
    const started = performance.now();
    const refuse = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      const headers = new Headers();
      const id = req.headers['x-request-id'];
      if (typeof id === 'string') headers.set('x-request-id', id);
      const added =
        options.onRefused?.({
          method: (req.method ?? 'GET').toUpperCase(),
          path: (req.url ?? '/').split('?')[0] ?? '/',
          status,
          ms: performance.now() - started,
          headers,
        }) ?? {};
      sendJson(res, status, body, { ...extra, ...added });
    };
    void (async () => {
      try {
        const body = await readBody(req, max);
        if (body === undefined) {
          refuse(413, { error: `body: larger than ${max} bytes` }, { connection: 'close' });
          return;
        }
        const host = req.headers.host ?? `127.0.0.1:${options.port}`;
        let request: Request;
        try {
          request = toRequest(req, body, `http://${host}`);
        } catch {
          refuse(400, { error: 'request: not a valid URL or header' });
          return;
        }
        const response = await app(request);
        await writeResponse(res, response, request.method === 'HEAD');
      } catch (error) {
        options.onError?.(error);
        if (!res.headersSent) refuse(500, { error: 'internal error' });
        else res.destroy();
      }
    })();
  });
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? DEFAULT_HOST, () => {
      server.off('error', reject);
      const { address, family, port } = server.address() as AddressInfo;
      resolve({
        url: `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`,
        host: address,
        port,
        inFlight: () => active,
        close: async () => {
          closing = true;
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          await new Promise<void>((done) => {
            idle.push(done);
            settle();
          });
          server.closeIdleConnections();
          await closed;
        },
      });
    });
  });
}
