import { createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The first row's previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one audit row's hash covers: everything it says, its place and its predecessor. */
export interface ChainedContent {
  chain: number;
  seq: string;
  prevHash: string;
  at: Date;
  actor: string;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** The chain key: derived from HAZEOPS_SECRET, so whoever can write the table but not read the secret cannot forge a row. */
export function chainKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('hazeops:audit-chain:v1').digest();
}

/**
 * HMAC-SHA256 over the RFC 8785 canonical JSON of the row. `before`/`after` go through a JSON
 * round trip first, so the value hashed at insert equals the one read back from jsonb.
 */
export function chainHash(key: Buffer, c: ChainedContent): string {
  const roundTrip = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));
  const doc = canonicalize([c.chain, c.seq, c.prevHash, c.at.toISOString(), c.actor, c.actorRole, c.action, c.entityType, c.entityId, roundTrip(c.before), roundTrip(c.after), c.requestId]);
  return createHmac('sha256', key)
    .update(doc ?? '')
    .digest('hex');
}

/**
 * The HMAC-SHA256 key pads (RFC 2104), so that SQL can compute the same HMAC with the built-in
 * sha256(): sha256(opad || sha256(ipad || message)). The key is 32 bytes, shorter than the block.
 */
export function hmacPads(key: Buffer): { ipad: Buffer; opad: Buffer } {
  const block = Buffer.alloc(64);
  key.copy(block);
  return { ipad: Buffer.from(block.map((b) => b ^ 0x36)), opad: Buffer.from(block.map((b) => b ^ 0x5c)) };
}
