import { randomBytes } from 'node:crypto';

/**
 * The secret part of a user's calendar feed URL: base64url of the tenant's id, the user's id (16 bytes each)
 * and 32 random bytes. The ids let `/ical/{key}.ics` open the right tenant's transaction and row without a
 * cross-tenant lookup; the random part, stored only as a hash, is what makes the URL a credential.
 */

const UUID_BYTES = 16;
const SECRET_BYTES = 32;
const KEY_LENGTH = Math.ceil(((UUID_BYTES * 2 + SECRET_BYTES) * 4) / 3);

const hex = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');

const uuidOf = (bytes: Buffer) => {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export type FeedKey = { tenantId: string; userId: string; secret: string };

export function newFeedKey(tenantId: string, userId: string): { key: string; secret: string } {
  const secret = randomBytes(SECRET_BYTES);
  const key = Buffer.concat([hex(tenantId), hex(userId), secret]).toString('base64url');
  return { key, secret: secret.toString('base64url') };
}

/** The parts of a key, or null for anything that is not a well-formed key. */
export function parseFeedKey(key: string): FeedKey | null {
  if (key.length !== KEY_LENGTH || !/^[A-Za-z0-9_-]+$/.test(key)) return null;
  const bytes = Buffer.from(key, 'base64url');
  // Only the canonical spelling counts: the trailing bits of the last character must be zero.
  if (bytes.length !== UUID_BYTES * 2 + SECRET_BYTES || bytes.toString('base64url') !== key) return null;
  return {
    tenantId: uuidOf(bytes.subarray(0, UUID_BYTES)),
    userId: uuidOf(bytes.subarray(UUID_BYTES, UUID_BYTES * 2)),
    secret: bytes.subarray(UUID_BYTES * 2).toString('base64url'),
  };
}
