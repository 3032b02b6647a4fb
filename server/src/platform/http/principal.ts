import type { Locale, Role } from '@contracts/common';
import type { Actor } from '../audit';

/** The authenticated caller of a request: a browser session or a personal API token. */
export type Principal = {
  tenantId: string;
  userId: string;
  role: Role;
  locale: Locale | null;
  timeZone: string | null;
  kind: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
  /** Token scopes; sessions hold every scope. */
  scopes: readonly ('read' | 'write' | 'admin')[];
  csrfToken: string | null;
};

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    locale: Locale;
  }
}

export function actorOf(principal: Principal, requestId: string, ip: string): Actor {
  return {
    tenantId: principal.tenantId,
    userId: principal.userId,
    kind: principal.kind === 'token' ? 'token' : 'user',
    requestId,
    ip,
  };
}
