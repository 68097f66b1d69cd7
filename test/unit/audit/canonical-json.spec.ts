import canonicalize from 'canonicalize';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, chainKey } from '../../../src/audit/audit-chain.js';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { generateRegistry } from '../../../src/registry/demo/registry-generator.js';

// What the chain hashed before canonicalJson: the canonicalize package over the JSON round trip.
const reference = (v: unknown) => canonicalize(v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

describe('canonicalJson (the audit chain canonical form)', () => {
  it('equals canonicalize over the JSON round trip for generated enterprises', () => {
    const registry = generateRegistry({ seed: 7, enterprises: 200, city: loadCityConfig() });
    for (const e of registry) expect(canonicalJson(e)).toBe(reference(e));
  });

  it('equals it on the awkward values: key order, unicode keys, undefined, non-finite numbers, dates, nesting', () => {
    const values: unknown[] = [
      { b: 1, a: 2, A: 3, 中: 4, '\u00e9': 5, 'e\u0301': 6, '10': 7, '9': 8, '': 9 },
      { x: undefined, y: null, z: [undefined, null, () => 1, Symbol('s')], f: () => 1 },
      [NaN, Infinity, -Infinity, -0, 0, 1e21, 1e-7, 0.1 + 0.2, 123456789012345680000],
      { at: new Date('2026-12-03T10:00:00.123Z'), nested: { deeper: [{ k: 'v\n"\\\u2028\ud83d\ude00' }] } },
      'plain "string" with \u0001',
      true,
      false,
      42,
      [],
      {},
      { toJSON: () => ({ b: 1, a: [1, { d: 2, c: 3 }] }) },
    ];
    for (const v of values) expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(reference(v));
    for (const v of values) expect(canonicalJson(v)).toBe(reference(v));
  });

  it('keeps the hash of a row what it was (the stored chains still verify)', () => {
    const key = chainKey('test-secret');
    const row = {
      chain: 3,
      seq: '17',
      prevHash: '0'.repeat(64),
      at: new Date('2026-12-03T10:00:00.123Z'),
      actor: 'chief',
      actorRole: 'commander',
      action: 'enterprise.import.create',
      entityType: 'enterprise',
      entityId: 'X1',
      before: null,
      after: { z: 1, a: { y: [1, 2], b: 'c' } },
      requestId: null,
    };
    // Computed with canonicalize before canonicalJson replaced it.
    const doc = reference([row.chain, row.seq, row.prevHash, row.at.toISOString(), row.actor, row.actorRole, row.action, row.entityType, row.entityId, row.before, row.after, row.requestId]);
    expect(chainHash(key, row)).toBe(createHmac('sha256', key).update(doc!).digest('hex'));
  });
});
