import http from 'node:http';

/**
 * The drills' HTTP client: plain node:http against the server on loopback, so that a drill can choose its
 * source address (any 127.x.y.z) and so look like another client IP to the per-IP throttles. Every request
 * has a time limit, and an answer is always read to the end.
 */

/** Who is calling: a signed-in session (cookie + CSRF header), a bearer API token, or nobody. */
export type Identity =
  | { kind: 'session'; cookie: string; csrf: string }
  | { kind: 'token'; secret: string }
  | { kind: 'anonymous' };

export const ANONYMOUS: Identity = { kind: 'anonymous' };

export type Call = {
  method: string;
  /** Path and query, e.g. `/api/v1/leads?limit=1`. */
  path: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: { data: Buffer | string; contentType: string };
  headers?: Record<string, string>;
  /** Source address on the loopback network (default 127.0.0.1). */
  from?: string;
  timeoutMs?: number;
};

export type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  setCookies: string[];
};

const TIMEOUT_MS = 30_000;

export type Client = {
  base: string;
  call(who: Identity, call: Call): Promise<Answer>;
};

export function createClient(base: string): Client {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    base,
    call(who, call) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...authHeaders(who, call.method),
      };
      let payload: Buffer | null = null;
      if (call.raw) {
        payload = Buffer.isBuffer(call.raw.data) ? call.raw.data : Buffer.from(call.raw.data);
        headers['content-type'] = call.raw.contentType;
      } else if (call.body !== undefined) {
        payload = Buffer.from(JSON.stringify(call.body));
        headers['content-type'] = 'application/json';
      }
      if (payload) headers['content-length'] = String(payload.length);
      Object.assign(headers, call.headers ?? {});
      return new Promise<Answer>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            method: call.method,
            path: call.path,
            headers,
            // The server closes the connection after refusing an over-long request: keep it off the pool.
            agent: call.path.length > 8192 ? false : agent,
            localAddress: call.from ?? '127.0.0.1',
            timeout: call.timeoutMs ?? TIMEOUT_MS,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              const body = Buffer.concat(chunks);
              const cookies = res.headers['set-cookie'];
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body,
                text: body.toString('utf8'),
                setCookies: Array.isArray(cookies) ? cookies : [],
              });
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error(`${call.method} ${call.path}: no answer in time`)));
        req.on('error', reject);
        req.end(payload ?? undefined);
      });
    },
  };
}

function authHeaders(who: Identity, method: string): Record<string, string> {
  switch (who.kind) {
    case 'session':
      return ['GET', 'HEAD', 'OPTIONS'].includes(method)
        ? { cookie: who.cookie }
        : { cookie: who.cookie, 'x-csrf-token': who.csrf };
    case 'token':
      return { authorization: `Bearer ${who.secret}` };
    case 'anonymous':
      return {};
  }
}

/** The JSON body of an answer, or null when it is not JSON. */
export function jsonOf<T>(answer: Answer): T | null {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    return null;
  }
}

/** A multipart/form-data body with one file part (what a browser's file input sends). */
export function multipartFile(
  fileName: string,
  content: Buffer | string,
  contentType = 'application/octet-stream',
): { data: Buffer; contentType: string } {
  const boundary = `----closeloopdrill${Math.random().toString(16).slice(2)}`;
  const data = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { data, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of the results. */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function lane(): Promise<void> {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
