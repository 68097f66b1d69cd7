import { describe, expect, it } from 'vitest';
import { type CapAlertInput, capDateTimeInZone, capSeverityForLevel, renderCapAlert, renderCapAtomFeed, toCapDateTime } from '../../../src/warnings/cap/cap-message.js';

function alert(over: Partial<CapAlertInput> = {}): CapAlertInput {
  return {
    identifier: 'jiaozuo-warning-2026-12-0001',
    sender: 'hazeops@jiaozuo.example.gov.cn',
    sent: '2026-12-09T20:00:00+08:00',
    msgType: 'Alert',
    references: [],
    scope: 'Public',
    info: {
      language: 'zh-CN',
      category: 'Env',
      event: '重污染天气橙色预警',
      responseType: ['Execute'],
      urgency: 'Expected',
      severity: 'Severe',
      certainty: 'Likely',
      effective: '2026-12-09T20:00:00+08:00',
      onset: '2026-12-10T08:00:00+08:00',
      expires: '2026-12-13T23:59:00+08:00',
      senderName: '焦作市冬季大气污染防治工作指挥部',
      headline: '焦作市发布重污染天气橙色预警',
      description: '预计12月10日至13日AQI>200，其中24小时>300。',
      instruction: '各企业按"一厂一策"落实减排措施 & 停止露天作业。',
      areas: [{ areaDesc: '修武县', geocode: { valueName: 'GB/T 2260', value: '410821' } }, { areaDesc: '博爱县' }],
    },
    ...over,
  };
}

const ALERT_ORDER = ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'references', 'info'];
const INFO_ORDER = [
  'language',
  'category',
  'event',
  'responseType',
  'urgency',
  'severity',
  'certainty',
  'effective',
  'onset',
  'expires',
  'senderName',
  'headline',
  'description',
  'instruction',
  'area',
];

function positions(xml: string, names: string[]): number[] {
  return names.map((n) => xml.search(new RegExp(`<${n}>`)));
}

describe('CAP 1.2 alert', () => {
  it('renders the required elements in CAP order', () => {
    const xml = renderCapAlert(alert());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">')).toBe(true);
    const present = ALERT_ORDER.filter((n) => n !== 'references');
    const pos = positions(xml, present);
    expect(pos.every((p) => p >= 0)).toBe(true);
    expect([...pos].sort((a, b) => a - b)).toEqual(pos);
    const info = xml.slice(xml.indexOf('<info>'));
    const ipos = positions(info, INFO_ORDER);
    expect(ipos.every((p) => p >= 0)).toBe(true);
    expect([...ipos].sort((a, b) => a - b)).toEqual(ipos);
    expect(xml).toContain('<status>Actual</status>');
    expect(xml).not.toContain('<references>');
    expect(xml).toContain('<sent>2026-12-09T20:00:00+08:00</sent>');
    expect(xml).toMatch(/<area>\s*<areaDesc>修武县<\/areaDesc>\s*<geocode>\s*<valueName>GB\/T 2260<\/valueName>\s*<value>410821<\/value>\s*<\/geocode>\s*<\/area>/);
    expect(xml.match(/<area>/g)).toHaveLength(2);
    expect(xml.trim().endsWith('</alert>')).toBe(true);
  });

  it('escapes text', () => {
    const xml = renderCapAlert(alert({ info: { ...alert().info, headline: '<b>"A" & \'B\'</b>\u0001' } }));
    expect(xml).toContain('<headline>&lt;b&gt;&quot;A&quot; &amp; &apos;B&apos;&lt;/b&gt;</headline>');
    expect(xml).toContain('&quot;一厂一策&quot;落实减排措施 &amp; 停止露天作业');
  });

  it('omits expires for "until lifted"', () => {
    expect(renderCapAlert(alert({ info: { ...alert().info, expires: null } }))).not.toContain('<expires>');
  });

  it('references earlier messages for Update and Cancel as "sender,identifier,sent" separated by spaces', () => {
    const refs = [
      { sender: 'hazeops@jiaozuo.example.gov.cn', identifier: 'w-1', sent: '2026-12-09T12:00:00Z' },
      { sender: 'hazeops@jiaozuo.example.gov.cn', identifier: 'w-2', sent: '2026-12-10T09:30:00.123+08:00' },
    ];
    for (const msgType of ['Update', 'Cancel'] as const) {
      const xml = renderCapAlert(alert({ msgType, references: refs }));
      expect(xml).toContain(`<msgType>${msgType}</msgType>`);
      expect(xml).toContain('<references>hazeops@jiaozuo.example.gov.cn,w-1,2026-12-09T12:00:00-00:00 hazeops@jiaozuo.example.gov.cn,w-2,2026-12-10T09:30:00+08:00</references>');
      expect(xml.indexOf('<scope>')).toBeLessThan(xml.indexOf('<references>'));
      expect(xml.indexOf('<references>')).toBeLessThan(xml.indexOf('<info>'));
      expect(() => renderCapAlert(alert({ msgType, references: [] }))).toThrow(/must reference/);
    }
  });

  it('refuses identifiers CAP cannot carry', () => {
    expect(() => renderCapAlert(alert({ identifier: 'a b' }))).toThrow(/identifier/);
    expect(() => renderCapAlert(alert({ sender: 'a,b' }))).toThrow(/sender/);
    expect(() => renderCapAlert(alert({ info: { ...alert().info, areas: [] } }))).toThrow(/area/);
  });

  it('maps levels to severity', () => {
    expect((['blue', 'yellow', 'orange', 'red'] as const).map(capSeverityForLevel)).toEqual(['Minor', 'Moderate', 'Severe', 'Extreme']);
    expect(capSeverityForLevel('light')).toBeNull();
  });

  it('normalises times to CAP dateTime', () => {
    expect(toCapDateTime('2026-12-10T00:00:00.000Z')).toBe('2026-12-10T00:00:00-00:00');
    expect(capDateTimeInZone(Date.parse('2026-12-10T00:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-10T08:00:00+08:00');
    expect(capDateTimeInZone(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(() => toCapDateTime('2026-12-10 08:00')).toThrow(/CAP time/);
  });
});

describe('Atom feed of CAP alerts', () => {
  it('embeds each alert without its XML declaration', () => {
    const a = renderCapAlert(alert());
    const b = renderCapAlert(alert({ identifier: 'w-2', msgType: 'Cancel', references: [{ sender: 's', identifier: 'jiaozuo-warning-2026-12-0001', sent: '2026-12-09T20:00:00+08:00' }] }));
    const feed = renderCapAtomFeed(
      { id: 'urn:hazeops:jiaozuo:warnings', title: '焦作市重污染天气预警 & 解除', updated: '2026-12-10T12:00:00+08:00', selfUrl: 'https://h.example/warnings.atom?a=1&b=2' },
      [
        { id: 'urn:hazeops:cap:w-2', title: '解除', updated: '2026-12-10T12:00:00+08:00', xml: b, link: 'https://h.example/warnings/w-2.cap' },
        { id: 'urn:hazeops:cap:w-1', title: '<橙色>', updated: '2026-12-09T20:00:00+08:00', xml: a },
      ],
    );
    expect(feed.match(/<\?xml/g)).toHaveLength(1);
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    expect(feed).toContain('<updated>2026-12-10T04:00:00Z</updated>');
    expect(feed).toContain('<title>焦作市重污染天气预警 &amp; 解除</title>');
    expect(feed).toContain('href="https://h.example/warnings.atom?a=1&amp;b=2"');
    expect(feed).toContain('<title>&lt;橙色&gt;</title>');
    expect(feed.match(/<content type="application\/cap\+xml">\s*<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">/g)).toHaveLength(2);
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    expect(() => renderCapAtomFeed({ id: 'x', title: 't', updated: '2026-12-10T12:00:00Z' }, [{ id: 'e', title: 't', updated: '2026-12-10T12:00:00Z', xml: '<p/>' }])).toThrow(/CAP alert/);
  });
});
