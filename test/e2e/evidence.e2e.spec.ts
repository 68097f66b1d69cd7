import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A real JPEG made by libvips, with the EXIF a phone camera writes. */
function jpeg(exifTime: string | null, gps = true): Promise<Buffer> {
  const exif: Record<string, Record<string, string>> = { IFD0: { Make: 'TestCam' } };
  if (exifTime) exif.IFD2 = { DateTimeOriginal: exifTime };
  if (gps) exif.IFD3 = { GPSLatitudeRef: 'N', GPSLatitude: '35/1 14/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '113/1 15/1 0/1' };
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#886644' } })
    .jpeg()
    .withExif(exif)
    .toBuffer();
}

describe('evidence photos are decoded before they are stored (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let inspector: string;
  let findingId: string;
  const clock = new ControllableClock(new Date('2026-12-10T11:00:00+08:00'));
  const plant = sampleEnterprise(41);

  const upload = (type: string, body: Buffer) => t.http.post(`/api/v1/findings/${findingId}/evidence`).set('Authorization', inspector).set('Content-Type', type).send(body);
  const stored = async () => (await t.http.get(`/api/v1/findings/${findingId}/evidence`).set('Authorization', admin).expect(200)).body as Array<Record<string, unknown>>;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(plant).expect(201);
    await t.http.post('/api/v1/teams').set('Authorization', admin).send({ key: 'team-ev', name: '取证组' }).expect(201);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'insp-ev', password: 'inspector-pass', role: 'inspector', team: 'team-ev' }).expect(201);
    inspector = await t.login('insp-ev', 'inspector-pass');
    const task = await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: plant.code, team: 'team-ev', reason: '例行检查' }).expect(201);
    const finding = await t.http
      .post(`/api/v1/tasks/${task.body.id}/findings`)
      .set('Authorization', inspector)
      .send({ lineCode: 'L1', observedState: 'stopped', observedAt: '2026-12-10T10:00:00+08:00' })
      .expect(201);
    findingId = finding.body.id;
  });
  afterAll(() => t.close());

  it('keeps the EXIF time (read in the city zone) and GPS position with the photo', async () => {
    const res = await upload('image/jpeg', await jpeg('2026:12:10 10:20:00')).expect(201);
    expect(res.body).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48, timeCheck: 'ok' });
    expect(res.body.exif.takenAt).toBe('2026-12-10T02:20:00.000Z');
    expect(res.body.exif.lat).toBeCloseTo(35.241667, 5);
    expect(res.body.exif.lng).toBeCloseTo(113.25, 5);
    const [row] = await stored();
    expect(row).toMatchObject({ id: res.body.id, timeCheck: 'ok', exif: res.body.exif });
  });

  it('flags a photo whose EXIF time is far from the observed time; one without EXIF time says so', async () => {
    const far = await upload('image/jpeg', await jpeg('2026:12:09 20:00:00')).expect(201);
    expect(far.body.timeCheck).toBe('far');
    const none = await upload('image/jpeg', await jpeg(null, false)).expect(201);
    expect(none.body).toMatchObject({ timeCheck: 'no_exif_time', exif: { takenAt: null, lat: null, lng: null } });
    const png = await sharp({ create: { width: 4, height: 4, channels: 4, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await upload('image/png', png).expect(201)).body.timeCheck).toBe('no_exif_time');
  });

  it('refuses what is not an image of the declared type, storing nothing', async () => {
    const before = await stored();
    const files = () => (existsSync(join(t.dataDir, 'evidence')) ? readdirSync(join(t.dataDir, 'evidence'), { recursive: true }).length : 0);
    const filesBefore = files();
    const good = await jpeg('2026:12:10 10:05:00');
    const cases: Array<[string, Buffer]> = [
      ['image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(1)</script></html>'.repeat(20))])],
      ['image/jpeg', good.subarray(0, Math.floor(good.length / 2))],
      ['image/png', good],
      ['image/webp', Buffer.concat([Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'), Buffer.from('<html></html>')])],
    ];
    for (const [type, body] of cases) {
      const res = await upload(type, body).expect(422);
      expect(res.body.error.message).toMatch(/Not stored/);
    }
    expect(await stored()).toHaveLength(before.length);
    expect(files()).toBe(filesBefore);
  });
});
