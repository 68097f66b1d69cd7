import { createHmac } from 'node:crypto';

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
 * The RFC 8785 canonical JSON of what `JSON.parse(JSON.stringify(v))` would give, in one pass:
 * keys sorted by UTF-16 code units, strings and numbers as JSON.stringify writes them (which
 * is what RFC 8785 prescribes), `toJSON` called, undefined / functions / symbols left out of
 * objects and written as null in arrays, non-finite numbers as null. It equals the
 * `canonicalize` package over the JSON round trip (test/unit/audit/canonical-json.spec.ts),
 * at a fraction of the cost: the registry import hashes every enterprise it writes.
 */
export function canonicalJson(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return 'null';
  }
  if (v === null) return 'null';
  const o = v as { toJSON?: unknown };
  if (typeof o.toJSON === 'function') return canonicalJson((o.toJSON as () => unknown)());
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(v[i]);
    return out + ']';
  }
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const x = rec[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(x);
    first = false;
  }
  return out + '}';
}

/**
 * HMAC-SHA256 over the RFC 8785 canonical JSON of the row. `before`/`after` are taken as their
 * JSON round trip (see canonicalJson), so the value hashed at insert equals the one read back from jsonb.
 */
export function chainHash(key: Buffer, c: ChainedContent): string {
  return chainHashOfJson(key, c, canonicalJson(c.before ?? null), canonicalJson(c.after ?? null));
}

/**
 * chainHash with `before`/`after` given as their canonicalJson text (which is also valid JSON
 * for the jsonb columns, so a bulk insert writes the text it hashed).
 */
export function chainHashOfJson(key: Buffer, c: Omit<ChainedContent, 'before' | 'after'>, beforeJson: string, afterJson: string): string {
  const head = [c.chain, c.seq, c.prevHash, c.at.toISOString(), c.actor, c.actorRole, c.action, c.entityType, c.entityId].map(canonicalJson).join(',');
  const doc = `[${head},${beforeJson},${afterJson},${canonicalJson(c.requestId)}]`;
  return createHmac('sha256', key).update(doc).digest('hex');
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
