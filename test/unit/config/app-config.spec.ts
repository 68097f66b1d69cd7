import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../../src/config/app-config.js';
import { loadCityConfig, parseCityConfig } from '../../../src/config/city-config.js';

const SECRET = 'x'.repeat(32);

describe('environment configuration', () => {
  it('applies defaults and generates a persistent secret in embedded mode', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hz-cfg-'));
    const a = loadAppConfig({ HAZEOPS_DATA_DIR: dataDir });
    expect(a).toMatchObject({ databaseUrl: null, port: 3000, smtpUrl: null, publicBaseUrl: 'http://localhost:3000', admin: null, demo: true });
    expect(a.secret).toHaveLength(64);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8').trim()).toBe(a.secret);
    expect(loadAppConfig({ HAZEOPS_DATA_DIR: dataDir }).secret).toBe(a.secret);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://x/y', HAZEOPS_SECRET: SECRET }, /DATABASE_URL must use postgres/],
    [{ DATABASE_URL: 'not a url', HAZEOPS_SECRET: SECRET }, /DATABASE_URL must be a URL/],
    [{ DATABASE_URL: 'postgres://h/db' }, /HAZEOPS_SECRET is required when DATABASE_URL is set/],
    [{ HAZEOPS_SECRET: 'short' }, /HAZEOPS_SECRET must be at least 32 characters/],
    [{ SMTP_URL: 'http://mail', HAZEOPS_SECRET: SECRET }, /SMTP_URL must use smtp or smtps/],
    [{ HAZEOPS_ADMIN_USER: 'boss', HAZEOPS_SECRET: SECRET }, /HAZEOPS_ADMIN_PASSWORD must be set together/],
    [{ HAZEOPS_ADMIN_USER: 'boss', HAZEOPS_ADMIN_PASSWORD: 'short', HAZEOPS_SECRET: SECRET }, /HAZEOPS_ADMIN_PASSWORD must be at least 8/],
    [{ PUBLIC_BASE_URL: 'ftp://x', HAZEOPS_SECRET: SECRET }, /PUBLIC_BASE_URL must use http or https/],
    [{ DATABASE_REPLICA_URL: 'postgres://replica/db', HAZEOPS_SECRET: SECRET }, /DATABASE_REPLICA_URL needs DATABASE_URL/],
    [{ DATABASE_URL: 'postgres://h/db', DATABASE_REPLICA_URL: 'http://replica/db', HAZEOPS_SECRET: SECRET }, /DATABASE_REPLICA_URL must use postgres/],
  ])('stops with one line naming the bad value: %j', (env, message) => {
    expect(() => loadAppConfig({ HAZEOPS_DATA_DIR: mkdtempSync(join(tmpdir(), 'hz-cfg-')), ...env })).toThrow(message);
  });

  it('reads a full production configuration', () => {
    const a = loadAppConfig({
      DATABASE_URL: 'postgres://u@db:5432/hazeops',
      PORT: '8080',
      SMTP_URL: 'smtp://mail:25',
      PUBLIC_BASE_URL: 'https://hazeops.example.org/',
      HAZEOPS_SECRET: SECRET,
      HAZEOPS_ADMIN_USER: 'boss',
      HAZEOPS_ADMIN_PASSWORD: 'long-enough',
    });
    expect(a).toMatchObject({ port: 8080, publicBaseUrl: 'https://hazeops.example.org', admin: { username: 'boss', password: 'long-enough' }, demo: false, secret: SECRET });
    expect(a.databaseReplicaUrl).toBeNull();
  });

  it('takes a read replica beside the primary', () => {
    const a = loadAppConfig({ DATABASE_URL: 'postgres://u@db:5432/hazeops', DATABASE_REPLICA_URL: ' postgres://db-replica:5432/hazeops ', HAZEOPS_SECRET: SECRET });
    expect(a.databaseReplicaUrl).toBe('postgres://db-replica:5432/hazeops');
  });
});

describe('city configuration', () => {
  it('holds the Jiaozuo default: 11 counties and the industry keys of RULES.md', () => {
    const city = loadCityConfig();
    expect(city.counties.map((c) => c.name)).toEqual(['解放区', '中站区', '马村区', '山阳区', '城乡一体化示范区', '修武县', '博爱县', '武陟县', '温县', '沁阳市', '孟州市']);
    const industries = city.industries.map((i) => i.key);
    for (const k of ['cement_clinker', 'foundry', 'carbon', 'refractory', 'corundum', 'glass', 'brick_tile', 'steel', 'electrolytic_aluminium', 'alumina', 'pharma', 'pesticide']) {
      expect(industries).toContain(k);
    }
    expect(city.levels.map((l) => l.key)).toEqual(['light', 'moderate', 'blue', 'yellow', 'orange', 'red']);
  });

  it('rejects a city file with a bad level key, naming it', () => {
    const raw = { city: { key: 'x', name: 'X' }, counties: [{ name: 'A', code: '1' }], levels: [{ key: 'purple', kind: 'warning' }], grades: [] };
    expect(() => parseCityConfig(raw)).toThrow(/levels\[0\]\.key must be one of/);
  });

  it('reads the earliest year of emission figures, and refuses a city file without a whole year', () => {
    expect(Number.isSafeInteger(loadCityConfig().emissionInventory.earliestYear)).toBe(true);
    const kn = [{ key: 'k', name: 'K' }];
    const raw = { city: { key: 'x', name: 'X' }, counties: [{ name: 'A', code: '1' }], levels: [{ key: 'red', name: '红色', kind: 'warning' }], grades: [] };
    const full = { ...raw, industries: kn, processes: kn, fuels: kn, contactRoles: kn, livelihoodDuties: kn };
    expect(parseCityConfig({ ...full, emissionInventory: { earliestYear: 2018 } }).emissionInventory).toEqual({ earliestYear: 2018 });
    expect(() => parseCityConfig(full)).toThrow(/emissionInventory\.earliestYear must be a whole year/);
    expect(() => parseCityConfig({ ...full, emissionInventory: { earliestYear: '2018' } })).toThrow(/emissionInventory\.earliestYear/);
  });
});
