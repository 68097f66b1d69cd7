import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../src/config/city-config.js';
import { generateRegistry } from '../../src/registry/demo/registry-generator.js';
import { registryToCsv } from '../../src/registry/import/registry-csv.js';
import { registryToXlsx } from '../../src/registry/import/registry-xlsx.js';
import type { Enterprise } from '../../src/rules/enterprise.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ownerQuery } from '../support/test-database.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function counts(ds: DataSource) {
  const [row] = await ds.query(
    `SELECT (SELECT count(*) FROM enterprises)::int AS enterprises, (SELECT count(*) FROM production_lines)::int AS lines,
            (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM audit_log)::int AS audit,
            (SELECT coalesce(sum(version), 0) FROM enterprises)::int AS versions`,
  );
  return row as { enterprises: number; lines: number; contacts: number; audit: number; versions: number };
}

describe('bulk registry import (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let ds: DataSource;
  const registry: Enterprise[] = generateRegistry({ seed: 7, enterprises: 1000, city: loadCityConfig() });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    ds = t.app.get(getDataSourceToken());
  });
  afterAll(() => t.close());

  it('rejects 1,000 enterprises with 3 bad ones: 422 naming all 3, and the database unchanged', async () => {
    const before = await counts(ds);
    const bad = structuredClone(registry);
    bad[10].lines[0].capacity = -1;
    bad[500].county = '不存在县';
    bad[999].code = bad[999].code.slice(0, 17) + (bad[999].code.endsWith('0') ? '1' : '0');
    const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: bad }).expect(422);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    const details = res.body.error.details as Array<{ index: number; field: string; message: string }>;
    expect(details.map((d) => [d.index, d.field])).toEqual([
      [10, 'lines[0].capacity'],
      [500, 'county'],
      [999, 'code'],
    ]);
    for (const d of details) expect(d.message.length).toBeGreaterThan(5);
    expect(await counts(ds)).toEqual(before);
  });

  it('imports the valid registry, then re-importing it changes nothing', async () => {
    const before = await counts(ds);
    const first = await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: registry }).expect(200);
    expect(first.body).toEqual({ received: 1000, created: 1000, updated: 0, unchanged: 0, dryRun: false, resent: 0 });
    const after = await counts(ds);
    expect(after.enterprises).toBe(1000);
    expect(after.lines).toBe(registry.reduce((n, e) => n + e.lines.length, 0));
    expect(after.contacts).toBe(registry.reduce((n, e) => n + e.contacts.length, 0));
    expect(after.audit - before.audit).toBe(1000);
    // The bulk path (COPY, rows hashed as they stream) keeps the audit chain whole, and the row holds what was imported.
    const verified = await t.http.get('/api/v1/audit/verify').set('Authorization', admin).expect(200);
    expect(verified.body).toMatchObject({ ok: true, firstBroken: null });
    expect(verified.body.checked).toBeGreaterThanOrEqual(1000);
    const [row] = await ds.query(`SELECT action, before, after FROM audit_log WHERE entity_type = 'enterprise' AND entity_id = $1`, [registry[7].code]);
    expect(row).toEqual({ action: 'enterprise.import.create', before: null, after: JSON.parse(JSON.stringify(registry[7])) });

    const again = await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: registry }).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 1000 });
    expect(await counts(ds)).toEqual(after);

    const got = await t.http.get(`/api/v1/enterprises/${registry[42].code}`).set('Authorization', admin).expect(200);
    const { active, version, updatedAt, ...form } = got.body;
    expect(form).toEqual(registry[42]);
    expect({ active, version, updatedAt: typeof updatedAt }).toEqual({ active: true, version: 1, updatedAt: 'string' });
  });

  it('updates only what changed, and a dry run writes nothing', async () => {
    const changed = structuredClone(registry);
    changed[3].name = changed[3].name + '（更名）';
    const dry = await t.http.post('/api/v1/registry/import?dryRun=true').set('Authorization', admin).send({ enterprises: changed }).expect(200);
    expect(dry.body).toMatchObject({ created: 0, updated: 1, unchanged: 999, dryRun: true });
    const before = await counts(ds);
    expect(before.versions).toBe(1000);
    const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: changed }).expect(200);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 999 });
    const after = await counts(ds);
    expect(after.versions).toBe(1001);
    expect(after.audit).toBe(before.audit + 1);
    const [audit] = await ds.query(`SELECT action, before->>'name' AS b, after->>'name' AS a FROM audit_log ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ action: 'enterprise.import.update', b: registry[3].name, a: changed[3].name });
    // Put it back for the following tests.
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: registry }).expect(200);
  });

  it('takes the same data as CSV and as XLSX: unchanged on re-import', async () => {
    const csv = registryToCsv(registry.slice(0, 200));
    const viaCsv = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', 'text/csv; charset=utf-8').send(csv).expect(200);
    expect(viaCsv.body).toMatchObject({ received: 200, created: 0, updated: 0, unchanged: 200 });
    const xlsx = await registryToXlsx(registry.slice(200, 300));
    const viaXlsx = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', XLSX).send(xlsx).expect(200);
    expect(viaXlsx.body).toMatchObject({ received: 100, created: 0, updated: 0, unchanged: 100 });
  });

  it('names the spreadsheet row of every bad CSV row and writes nothing', async () => {
    const fresh = generateRegistry({ seed: 99, enterprises: 30, city: loadCityConfig() }).filter((e) => !registry.some((r) => r.code === e.code));
    const lines = registryToCsv(fresh).split(/\r?\n/);
    const header = lines[0].split(',');
    const capacityCol = header.indexOf('line_capacity');
    const corrupt = (rowIndex: number) => {
      const cells = lines[rowIndex].split(',');
      cells[capacityCol] = 'abc';
      lines[rowIndex] = cells.join(',');
    };
    [2, 9, 17].forEach(corrupt);
    const before = await counts(ds);
    const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', 'text/csv').send(lines.join('\n')).expect(422);
    const details = res.body.error.details as Array<{ row: number; field: string }>;
    expect(details.map((d) => [d.row, d.field])).toEqual([
      [3, 'line_capacity'],
      [10, 'line_capacity'],
      [18, 'line_capacity'],
    ]);
    expect(await counts(ds)).toEqual(before);
  });

  it('refuses other media types and other roles', async () => {
    const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', 'application/xml').send('<x/>').expect(415);
    expect(res.body.error.message).toContain('text/csv');
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ nope: 1 }).expect(422);
    await t.http.post('/api/v1/registry/import').send({ enterprises: [] }).expect(401);
  });

  it('the audit log is append-only in the database itself', async () => {
    // The service's role has no right to change audit rows; even the owner meets the trigger.
    await expect(ds.query(`UPDATE audit_log SET actor = 'mallory' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/permission denied/);
    await expect(ds.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    await expect(ownerQuery(t.db.url, `UPDATE audit_log SET actor = 'mallory' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(ownerQuery(t.db.url, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(ownerQuery(t.db.url, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const list = await t.http.get('/api/v1/audit?entityType=enterprise&limit=5').set('Authorization', admin).expect(200);
    expect(list.body.items).toHaveLength(5);
    expect(list.body.items[0]).toMatchObject({ actor: 'chief', actorRole: 'commander', entityType: 'enterprise' });
  });
});
