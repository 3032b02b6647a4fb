import { randomBytes } from 'node:crypto';

/**
 * The public key of a web form: base64url of the tenant's id (16 bytes) and 16 random bytes. The tenant in
 * the key lets `/f/{key}` open the right tenant's transaction without any cross-tenant lookup; the random
 * half makes keys unguessable. A key names a form only together with the lookup inside that tenant.
 */

export function newFormKey(tenantId: string): string {
  const tenant = Buffer.from(tenantId.replace(/-/g, ''), 'hex');
  return Buffer.concat([tenant, randomBytes(16)]).toString('base64url');
}

/** The tenant a key belongs to, or null for anything that is not a well-formed key. */
export function tenantOfFormKey(key: string): string | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(key)) return null;
  const bytes = Buffer.from(key, 'base64url');
  // Only the canonical spelling counts: trailing bits of the last character must be zero.
  if (bytes.length !== 32 || bytes.toString('base64url') !== key) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
