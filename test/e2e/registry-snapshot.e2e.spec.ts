import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigService } from '../../src/config/config.service.js';
import { loadActiveEnterprisesOf } from '../../src/registry/enterprise.repository.js';
import { RegistrySnapshotService } from '../../src/registry/registry-snapshot.service.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ownerQuery } from '../support/test-database.js';

// The in-memory registry snapshot (issue 14, item 1) equals a fresh load from the tables after
// every kind of registry write: create, update (lines, measures, county), import, deactivate,
// activate — each through the API, each caught up through the version and its change log.

describe('registry snapshot: equal to a fresh load after registry writes', () => {
  let t: TestApp;
  let ds: DataSource;
  let snapshot: RegistrySnapshotService;
  let counties: string[];
  let admin: string;

  const fresh = () => ds.transaction((m) => loadActiveEnterprisesOf(m, counties));
  const version = async () => Number((await ownerQuery<{ version: string }>(t.db.url, 'SELECT version FROM registry_snapshot_version'))[0]!.version);

  async function expectEqualToFresh(): Promise<void> {
    const inMemory = await snapshot.activeOf(counties);
    expect(inMemory).toEqual(await fresh());
    expect(snapshot.stats().version).toBe(await version());
  }

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    snapshot = t.app.get(RegistrySnapshotService);
    counties = t.app.get(ConfigService).city.counties.map((c) => c.name);
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads once, then follows create, update, import, deactivate and activate by patches', async () => {
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(sampleEnterprise(1)).expect(201);
    await t.http
      .post('/api/v1/enterprises')
      .set('Authorization', admin)
      .send(sampleEnterprise(2, { code: codeFor(2, '410822'), county: '博爱县' }))
      .expect(201);
    await expectEqualToFresh();
    expect(snapshot.stats()).toMatchObject({ loaded: true, enterprises: 2, fullLoads: 1, patches: 0 });

    // Update: a line more, a measure changed, moved to another county.
    const v = (
      await t.http
        .get(`/api/v1/enterprises/${codeFor(1)}`)
        .set('Authorization', admin)
        .expect(200)
    ).body.version as number;
    const changed = sampleEnterprise(1, {
      county: '博爱县',
      lines: [...sampleEnterprise(1).lines, { code: 'L3', name: '1000t/d 熟料线', capacity: 1000, unit: 't/d', cells: null, emissions: null }],
    });
    await t.http
      .put(`/api/v1/enterprises/${codeFor(1)}`)
      .set('Authorization', admin)
      .send({ ...changed, version: v })
      .expect(200);
    await expectEqualToFresh();
    const one = (await snapshot.activeOf(['博爱县'])).find((e) => e.code === codeFor(1));
    expect(one?.lines.map((l) => l.code)).toEqual(['L1', 'L2', 'L3']);
    expect((await snapshot.activeOf(['修武县'])).map((e) => e.code)).toEqual([]);

    // Import: two new, one changed (contacts).
    const imported = [sampleEnterprise(3), sampleEnterprise(4), sampleEnterprise(2, { code: codeFor(2, '410822'), county: '博爱县', contacts: [] })];
    const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: imported }).expect(200);
    expect(res.body).toMatchObject({ created: 2, updated: 1 });
    await expectEqualToFresh();
    expect((await snapshot.activeOf(counties)).find((e) => e.code === codeFor(2, '410822'))?.contacts).toEqual([]);

    await t.http
      .post(`/api/v1/enterprises/${codeFor(3)}/deactivate`)
      .set('Authorization', admin)
      .expect(200);
    await expectEqualToFresh();
    expect((await snapshot.activeOf(counties)).map((e) => e.code)).not.toContain(codeFor(3));
    await t.http
      .post(`/api/v1/enterprises/${codeFor(3)}/activate`)
      .set('Authorization', admin)
      .expect(200);
    await expectEqualToFresh();
    expect(snapshot.stats().enterprises).toBe(4);

    // Everything after the first load came as patches of the logged codes.
    expect(snapshot.stats().fullLoads).toBe(1);
    expect(snapshot.stats().patches).toBeGreaterThanOrEqual(4);
  });

  it('a write in plain SQL is seen too (the trigger bumps the version), and a rolled-back one changes nothing', async () => {
    const before = await version();
    await ownerQuery(t.db.url, `UPDATE production_lines SET capacity = 4600 WHERE enterprise_code = $1 AND code = 'L1'`, [codeFor(4)]);
    expect(await version()).toBe(before + 1);
    await expectEqualToFresh();
    expect((await snapshot.activeOf(counties)).find((e) => e.code === codeFor(4))?.lines[0]?.capacity).toBe(4600);

    await ownerQuery(t.db.url, `BEGIN; UPDATE enterprises SET name = '回滚' WHERE code = '${codeFor(4)}'; ROLLBACK`);
    expect(await version()).toBe(before + 1);
    const patches = snapshot.stats().patches;
    await expectEqualToFresh();
    expect(snapshot.stats().patches).toBe(patches);
  });

  it('a directive and its dry run derive from the snapshot: the dry run counts what the registry holds now', async () => {
    const dry = await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', endsAt: null, basis: '快照测试', dryRun: true }).expect(200);
    expect(dry.body.summary.totals.enterprises).toBe(4);
    await t.http
      .post(`/api/v1/enterprises/${codeFor(4)}/deactivate`)
      .set('Authorization', admin)
      .expect(200);
    const again = await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', endsAt: null, basis: '快照测试', dryRun: true }).expect(200);
    expect(again.body.summary.totals.enterprises).toBe(3);
    const [{ n }] = await ownerQuery<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM directives');
    expect(n).toBe(0);
  });
});
