import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { describe, expect, it } from 'vitest';
import { Hs256Verifier } from '../../../src/auth/hs256-verifier.js';

const SECRET = 'x'.repeat(40);
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256', issuer: 'hazeops' } });
const verifier = new Hs256Verifier(SECRET, 'hazeops');
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('HS256 access-token verification', () => {
  it('accepts what JwtService signs, with its payload', async () => {
    const token = await jwt.signAsync({ sub: 'u1', role: 'enterprise' }, { expiresIn: 60 });
    const r = verifier.verify<{ sub: string; role: string }>(token, Date.now());
    expect(r).toMatchObject({ ok: true, payload: { sub: 'u1', role: 'enterprise', iss: 'hazeops' } });
  });

  it('refuses an expired token, another issuer, another secret and a changed payload', async () => {
    const token = await jwt.signAsync({ sub: 'u1' }, { expiresIn: 60 });
    expect(verifier.verify(token, Date.now() + 61_000)).toEqual({ ok: false, reason: 'expired' });
    expect(new Hs256Verifier(SECRET, 'someone-else').verify(token, Date.now())).toEqual({ ok: false, reason: 'issuer' });
    expect(new Hs256Verifier('y'.repeat(40), 'hazeops').verify(token, Date.now())).toEqual({ ok: false, reason: 'signature' });
    const [h, , s] = token.split('.');
    const forged = `${h}.${b64({ sub: 'admin', role: 'commander', iss: 'hazeops', exp: 9_999_999_999 })}.${s}`;
    expect(verifier.verify(forged, Date.now())).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses alg none, other algorithms and garbage', () => {
    const payload = b64({ sub: 'admin', iss: 'hazeops', exp: 9_999_999_999 });
    expect(verifier.verify(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.x`, Date.now())).toEqual({ ok: false, reason: 'algorithm' });
    const hs512 = b64({ alg: 'HS512', typ: 'JWT' });
    const sig = createHmac('sha512', SECRET).update(`${hs512}.${payload}`).digest('base64url');
    expect(verifier.verify(`${hs512}.${payload}.${sig}`, Date.now())).toEqual({ ok: false, reason: 'algorithm' });
    for (const bad of ['', 'a.b', 'a.b.c.d', 'a..c', '%%.a.b']) expect(verifier.verify(bad, Date.now())).toMatchObject({ ok: false });
  });

  it('needs an expiry', () => {
    const h = b64({ alg: 'HS256', typ: 'JWT' });
    const p = b64({ sub: 'u', iss: 'hazeops' });
    const s = createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url');
    expect(verifier.verify(`${h}.${p}.${s}`, Date.now())).toEqual({ ok: false, reason: 'expired' });
  });
});
