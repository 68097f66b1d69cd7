import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveriesFor, isReachable, noticeChannelsFor, planDeliveries, smsNumberOf } from '../../../src/acknowledgements/order-delivery.js';
import { loadDispatchConfig } from '../../../src/config/dispatch-config.js';
import type { PlannedVersion } from '../../../src/orders/order-plan.js';
import { sampleEnterprise } from '../../support/fixtures.js';

describe('whom an order version is sent to', () => {
  it('one row per distinct e-mail (trimmed, lower-cased) and the webhook, each key naming its recipient', () => {
    const e = sampleEnterprise(1, {
      contacts: [
        { name: '甲', role: 'env_officer', email: ' Env@Example.com ', phone: null },
        { name: '乙', role: 'manager', email: 'env@example.com', phone: null },
        { name: '丙', role: 'manager', email: null, phone: '13800000000' },
      ],
      webhookUrl: 'https://hooks.test/e1',
    });
    const rows = deliveriesFor(e, 'v1');
    expect(rows.map((r) => [r.channel, r.recipient, r.idempotencyKey])).toEqual([
      ['email', 'env@example.com', 'order:v1:email:env@example.com'],
      ['webhook', 'https://hooks.test/e1', 'order:v1:webhook:https://hooks.test/e1'],
    ]);
    expect(rows.every((r) => r.kind === 'order' && r.orderVersionId === 'v1' && r.enterpriseCode === e.code && r.payload === null)).toBe(true);
  });

  it('counts an enterprise with neither e-mail nor webhook as unreachable, and sends it nothing', () => {
    const reachable = sampleEnterprise(1);
    const silent = sampleEnterprise(2, { contacts: [{ name: '丁', role: 'manager', email: null, phone: '13900000000' }], webhookUrl: null });
    const planned = [
      { enterprise: reachable, versionId: 'a' },
      { enterprise: silent, versionId: 'b' },
    ] as PlannedVersion[];
    const plan = planDeliveries(planned);
    expect(plan.unreachable).toEqual(new Set([silent.code]));
    expect(plan.rows.map((r) => r.orderVersionId)).toEqual(['a']);
  });

  it('with SMS: one row per distinct mainland mobile among the phones; landlines and other numbers get none; a mobile alone makes it reachable', () => {
    const contact = (phone: string | null) => ({ name: '甲', role: 'env_officer', email: null, phone });
    expect(['13912345678', '+86 139-1234-5678', '8613912345678', '0391-7123456', '12912345678', '1391234567', null].map((p) => smsNumberOf(contact(p)))).toEqual([
      '13912345678',
      '13912345678',
      '13912345678',
      null,
      null,
      null,
      null,
    ]);
    const e = sampleEnterprise(3, { contacts: [contact('13912345678'), contact('+8613912345678'), contact('0391-7123456')], webhookUrl: null });
    expect(deliveriesFor(e, 'v3').map((r) => r.channel)).toEqual([]);
    const withSms = ['email', 'webhook', 'sms'];
    expect(deliveriesFor(e, 'v3', withSms).map((r) => [r.channel, r.recipient, r.idempotencyKey])).toEqual([['sms', '13912345678', 'order:v3:sms:13912345678']]);
    expect(planDeliveries([{ enterprise: e, versionId: 'v3' }] as PlannedVersion[], withSms).unreachable.size).toBe(0);
    expect(planDeliveries([{ enterprise: e, versionId: 'v3' }] as PlannedVersion[]).unreachable).toEqual(new Set([e.code]));
  });

  it('a contact with recorded channels gets SMS at its mobile only when it accepts sms; the notice step decides the channels', () => {
    const c = (mobile: string | null, channels: Array<'email' | 'sms' | 'phone'>) => ({ name: '乙', role: 'env_officer', email: 'yi@example.com', phone: '13800000000', mobile, channels });
    expect(smsNumberOf(c('13712345678', ['email', 'sms']))).toBe('13712345678');
    expect(smsNumberOf(c('13712345678', ['email']))).toBeNull();
    // No recorded mobile: a mobile-looking phone is texted while the contact accepts phone or sms.
    expect(smsNumberOf(c(null, ['email', 'phone']))).toBe('13800000000');
    expect(smsNumberOf(c(null, ['email']))).toBeNull();
    const e = sampleEnterprise(4, { contacts: [c('13712345678', ['email', 'sms'])], webhookUrl: 'https://hooks.test/e4' });
    expect(deliveriesFor(e, 'v4', ['email']).map((r) => r.channel)).toEqual(['email']);
    expect(deliveriesFor(e, 'v4', ['webhook', 'sms']).map((r) => [r.channel, r.recipient])).toEqual([
      ['webhook', 'https://hooks.test/e4'],
      ['sms', '13712345678'],
    ]);
    const ladder = loadDispatchConfig().escalation.ladder;
    expect(noticeChannelsFor(ladder, true)).toEqual(['email', 'webhook']);
    const smsNotice = ladder.map((s) => (s.afterMinutes === 0 && s.at === 'delivery' && s.stage === 0 ? { ...s, channels: [...s.channels, 'sms' as const] } : s));
    expect(noticeChannelsFor(smsNotice, true)).toEqual(['email', 'webhook', 'sms']);
    expect(noticeChannelsFor(smsNotice, false)).toEqual(['email', 'webhook']);
  });
});

describe('isReachable', () => {
  it('is true exactly when deliveriesFor gives at least one row, whatever the contacts and channels', () => {
    const contact = fc.record({
      name: fc.constant('张三'),
      role: fc.constant('env_officer'),
      email: fc.constantFrom(null, '', ' ', 'a@example.com'),
      phone: fc.constantFrom(null, '0391-1234567', '13800000000'),
      mobile: fc.constantFrom(null, '13900000000'),
      channels: fc.option(fc.subarray<'email' | 'phone' | 'sms'>(['email', 'phone', 'sms']), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(contact, { maxLength: 3 }), fc.constantFrom(null, 'https://example.com/hook'), fc.subarray(['email', 'webhook', 'sms']), (contacts, webhookUrl, channels) => {
        const enterprise = { code: 'E1', contacts, webhookUrl };
        expect(isReachable(enterprise, channels)).toBe(deliveriesFor(enterprise, 'v1', channels).length > 0);
      }),
    );
  });
});
