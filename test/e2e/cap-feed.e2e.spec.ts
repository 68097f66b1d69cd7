import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectiveJobsService } from '../../src/directives/directive-jobs.service.js';
import { ControllableClock } from '../../src/common/clock.js';
import { alertsOfFeed, CapConsumer, capSchemaErrors, type ConsumedAlert } from '../support/cap-consumer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WARNINGS = new Set(['blue', 'yellow', 'orange', 'red']);
const [A, B, C, D, E, F] = ['修武县', '博爱县', '武陟县', '温县', '沁阳市', '孟州市'];

/**
 * A consumer of the CAP feed must see, per county, exactly the warning the engine has in
 * force: after each directive the consumer model (Alert adds, Update replaces what it
 * references, Cancel removes) is compared with GET /directives/levels for every county.
 */
describe('CAP feed: what a consumer holds matches the county levels after every step (HTTP, PostgreSQL, CAP 1.2 schema)', () => {
  let t: TestApp;
  let admin: string;
  const clock = new ControllableClock(new Date());
  const consumer = new CapConsumer();
  let feed: ConsumedAlert[] = [];
  const validated = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t?.close();
  });

  const directive = async (body: Record<string, unknown>): Promise<void> => {
    const res = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ basis: '市气象台预报AQI持续超标', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  /** Reads the feed, checks every new message against the schema, applies it, compares with the engine. */
  const check = async (step: string): Promise<ConsumedAlert[]> => {
    const res = await t.http.get('/api/v1/warnings/cap').expect(200);
    const all = alertsOfFeed(res.text);
    const fresh = all.filter((a) => !feed.some((f) => f.identifier === a.identifier));
    feed = all;
    for (const a of fresh) {
      if (validated.has(a.identifier)) continue;
      expect(await capSchemaErrors(`<?xml version="1.0" encoding="UTF-8"?>\n${a.xml}`), `${step}: ${a.identifier}`).toEqual([]);
      validated.add(a.identifier);
      if (a.msgType !== 'Alert') expect(a.references.length, `${step}: ${a.msgType} references what it replaces`).toBeGreaterThan(0);
    }
    consumer.apply(fresh);
    const levels = (await t.http.get('/api/v1/directives/levels').set('Authorization', admin).expect(200)).body as Array<{ county: string; levelNow: string }>;
    const shown = consumer.shownAt(clock.now().getTime());
    for (const { county, levelNow } of levels) {
      const expected = WARNINGS.has(levelNow) ? [levelNow] : [];
      expect(shown.get(county) ?? [], `${step}: ${county} (engine: ${levelNow})`).toEqual(expected);
    }
    return fresh;
  };

  const at = (ms: number) => new Date(ms).toISOString();

  it('issue two counties, then lift one: the other stays covered at its level', async () => {
    await directive({ action: 'issue', level: 'orange', counties: [A, B], endsAt: null });
    const [alert] = await check('issue A+B orange');
    expect(alert!.msgType).toBe('Alert');
    await directive({ action: 'lift', counties: [B] });
    const [update] = await check('lift B');
    expect(update!.msgType).toBe('Update');
    expect(update!.references.map((r) => r.identifier)).toEqual([alert!.identifier]);
    expect(update!.infos.flatMap((i) => i.areas)).toEqual([A]);
  });

  it('issue two separately, then adjust both together: the update replaces both', async () => {
    await directive({ action: 'issue', level: 'orange', counties: [C], endsAt: null });
    const [c] = await check('issue C orange');
    await directive({ action: 'issue', level: 'orange', counties: [D], endsAt: null });
    const [d] = await check('issue D orange');
    await directive({ action: 'adjust', level: 'red', counties: [C, D], endsAt: null });
    const [update] = await check('adjust C+D red');
    expect(update!.msgType).toBe('Update');
    expect(update!.references.map((r) => r.identifier).sort()).toEqual([c!.identifier, d!.identifier].sort());
    expect(update!.infos.map((i) => i.severity)).toEqual(['Extreme']);
  });

  it('re-issuing a county replaces the alert in force for it', async () => {
    const before = consumer.heldIdentifiers();
    await directive({ action: 'issue', level: 'red', counties: [A], endsAt: null });
    const [reissue] = await check('re-issue A red');
    expect(reissue!.msgType).toBe('Update');
    expect(before).toContain(reissue!.references[0]!.identifier);
  });

  it('adjusting a warning down to moderate control ends the warning; the lift after it changes nothing', async () => {
    await directive({ action: 'adjust', level: 'moderate', counties: [A], endsAt: null });
    const [cancel] = await check('adjust A moderate');
    expect(cancel!.msgType).toBe('Cancel');
    await directive({ action: 'lift', counties: [A] });
    expect(await check('lift A')).toEqual([]);
  });

  it('a blue warning expires by itself: expires is set, and the expiry job adds nothing a consumer would show', async () => {
    const ends = clock.now().getTime() + 2 * HOUR;
    await directive({ action: 'issue', level: 'blue', counties: [E], endsAt: at(ends) });
    const [blue] = await check('issue E blue for 2 h');
    expect(blue!.infos[0]!.expires).toBe(Math.floor(ends / 1000) * 1000);
    clock.advance(2 * HOUR + MINUTE);
    await check('E blue past its end, before the job');
    await t.app.get(DirectiveJobsService).expireLevels();
    await check('E after the expiry job');
  });

  it('a later stricter level announced ahead: the current one stays shown until it starts', async () => {
    await directive({ action: 'issue', level: 'orange', counties: [F, B], endsAt: null });
    await check('issue F+B orange');
    const redAt = clock.now().getTime() + HOUR;
    await directive({ action: 'adjust', level: 'red', counties: [F], startsAt: at(redAt), endsAt: null });
    const [update] = await check('F red from in 1 h');
    expect(update!.infos.map((i) => i.severity).sort()).toEqual(['Extreme', 'Severe', 'Severe']);
    clock.advance(HOUR + MINUTE);
    await check('F red has started');
    await directive({ action: 'lift', counties: [A, B, C, D, F].filter((c) => c !== A) });
    const [last] = await check('lift all');
    // The test clock runs ahead of the database's issue time, so this lift reads as one
    // announced ahead: an Update whose every stretch ends at the lift (a Cancel when not ahead).
    const now = clock.now().getTime();
    expect(last!.msgType === 'Cancel' || last!.infos.every((i) => i.expires !== null && i.expires <= now)).toBe(true);
    expect(consumer.shownAt(now).size).toBe(0);
    expect(consumer.shownAt(now + 365 * 24 * HOUR).size).toBe(0);
  });

  it('a lift announced ahead ends the warning at its time', async () => {
    await directive({ action: 'issue', level: 'yellow', counties: [C], endsAt: null });
    await check('issue C yellow');
    const liftAt = clock.now().getTime() + HOUR;
    await directive({ action: 'lift', counties: [C], startsAt: at(liftAt) });
    const [update] = await check('lift C in 1 h');
    expect(update!.msgType).toBe('Update');
    expect(update!.infos.find((i) => i.areas.includes(C) && i.severity === 'Moderate')).toMatchObject({ severity: 'Moderate', expires: Math.floor(liftAt / 1000) * 1000 });
    clock.advance(HOUR + MINUTE);
    await check('C lifted');
  });

  it('a directive dated year 0999 is refused with 422; a stored one does not take the feed down', async () => {
    for (const startsAt of ['0999-12-10T20:00:00+08:00', '99999-12-10T20:00:00+08:00']) {
      const res = await t.http
        .post('/api/v1/directives')
        .set('Authorization', admin)
        .send({ action: 'issue', level: 'orange', counties: [A], startsAt, endsAt: null, basis: '测试' });
      expect([400, 422], JSON.stringify(res.body)).toContain(res.status);
      if (startsAt.startsWith('0999')) expect(res.status).toBe(422);
      expect(res.body.error.message).toContain('startsAt');
    }
    await t.app
      .get<DataSource>(getDataSourceToken())
      .query(
        `INSERT INTO directives (number, kind, level, counties, city, starts_at, ends_at, basis, issued_by) VALUES ('legacy-0999', 'issue', 'orange', $1, false, '0999-12-10T20:00:00+08:00', NULL, '旧数据', 'legacy')`,
        [[A]],
      );
    const res = await t.http.get('/api/v1/warnings/cap').expect(200);
    for (const a of alertsOfFeed(res.text)) {
      const id = /warning-([0-9a-f-]{36})$/.exec(a.identifier)![1];
      await t.http.get(`/api/v1/warnings/cap/${id}`).expect(200);
    }
  });
});
