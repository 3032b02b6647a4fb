import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Secrets and passwords. Random tokens are hashed with SHA-256 (they carry 256 bits); passwords with argon2id. */

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when no user matched, so a missing account costs as much time as a wrong password. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(newSecret());
  return decoy;
}

/**
 * A tenant id no tenant has. A malformed public token is looked up there instead of refused on the spot, so
 * it costs the same time as a well-formed wrong one and its answer's timing tells nothing apart.
 */
export const NO_TENANT = '00000000-0000-0000-0000-000000000000';

/** `<tenantId>.<id>.<secret>`: routes the lookup to one tenant and one row, then compares the secret's hash. */
export function composeToken(tenantId: string, id: string, secret: string): string {
  return `${tenantId}.${id}.${secret}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN_RE = new RegExp(`^(${UUID})\\.(${UUID})\\.([A-Za-z0-9_-]{20,100})$`);

export function parseToken(value: string): { tenantId: string; id: string; secret: string } | null {
  const [, tenantId, id, secret] = TOKEN_RE.exec(value) ?? [];
  return tenantId && id && secret ? { tenantId, id, secret } : null;
}
