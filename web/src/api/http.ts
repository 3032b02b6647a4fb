import type { RouteContract } from '@contracts/common';
import { Problem } from '@contracts/common';
import type { z } from 'zod';
import { currentLocale } from '../i18n/i18n';
import { ApiError, NetworkError } from './api-error';

let csrfToken: string | null = null;

/** Called with every `Me` the server returns; the token must accompany each cookie-authenticated write. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

function csrfFromCookie(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)cl_csrf=([^;]+)/);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

type ParamsPart<C> = C extends { params: infer P extends z.ZodType }
  ? { params: z.input<P> }
  : { params?: undefined };
type QueryPart<C> = C extends { query: infer Q extends z.ZodType }
  ? { query?: Partial<z.input<Q>> }
  : { query?: undefined };
type BodyPart<C> = C extends { body: infer B extends z.ZodType }
  ? { body: z.input<B> }
  : { body?: undefined };

export type CallInput<C extends RouteContract> = ParamsPart<C> &
  QueryPart<C> &
  BodyPart<C> & {
    signal?: AbortSignal;
    /** A file for a multipart route (its fields then travel in the query), sent as the part `file`. */
    file?: Blob;
  };

type SuccessSchema<C> = C extends { response: infer R } ? R[keyof R] : never;
export type ResponseOf<C extends RouteContract> = z.output<Extract<SuccessSchema<C>, z.ZodType>>;

function buildUrl(route: RouteContract, params: unknown, query: unknown): string {
  const values = (params ?? {}) as Record<string, string>;
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Calls one contract route with the session cookie. Path, method and types come from the contract,
 * so a route is never spelt twice. Throws ApiError for non-2xx answers and NetworkError when there is none.
 */
export async function call<C extends RouteContract>(route: C, input: CallInput<C>): Promise<ResponseOf<C>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
  };
  if (route.method !== 'GET') {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers['x-csrf-token'] = token;
  }
  let body: BodyInit | undefined;
  if (input.file) {
    // The browser sets the multipart boundary itself.
    const form = new FormData();
    form.append('file', input.file);
    body = form;
  } else if (input.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(input.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(route, input.params, input.query), {
      method: route.method,
      headers,
      body,
      credentials: 'same-origin',
      signal: input.signal,
    });
  } catch (err) {
    throw new NetworkError(err);
  }
  const answer = await readBody(res);
  if (!res.ok) {
    const problem = Problem.safeParse(answer);
    throw new ApiError(res.status, problem.success ? problem.data : undefined, answer);
  }
  // The server validates its responses against the same contract before sending them.
  return answer as ResponseOf<C>;
}
