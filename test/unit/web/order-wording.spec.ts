import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../src/rules/time/local-time.js';
import { formatDatetimeLocalValue, formatYuan, localInputToIso, requireInstant } from '../../../src/web/shared/order-wording.js';
import { errorText } from '../../../src/web/shared/wording.js';

describe('the wording the pages share with the server', () => {
  it('reads a datetime-local value in the city zone, whatever the machine zone', () => {
    expect(localInputToIso('2026-12-10T19:30', 'Asia/Shanghai')).toBe('2026-12-10T19:30:00+08:00');
    expect(localInputToIso('2026-12-10T19:30:15', 'Asia/Shanghai')).toBe('2026-12-10T19:30:15+08:00');
    // A zone with DST: the offset is the one in force at that local time.
    expect(localInputToIso('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T12:00:00+02:00');
    expect(localInputToIso('2026-01-01T12:00', 'America/New_York')).toBe('2026-01-01T12:00:00-05:00');
    for (const bad of ['', '2026-12-10', '2026-12-10 19:30', '19:30', 'x']) expect(localInputToIso(bad, 'Asia/Shanghai')).toBeNull();
  });

  it('round-trips with the input value the server pre-fills', () => {
    const iso = localInputToIso(formatDatetimeLocalValue('2026-12-10T11:30:00Z', 'Asia/Shanghai'), 'Asia/Shanghai')!;
    expect(new Date(iso).toISOString()).toBe('2026-12-10T11:30:00.000Z');
  });

  it('writes yuan with separators, and names unknown error codes by status', () => {
    expect(formatYuan(100000)).toBe('¥100,000');
    expect(formatYuan(999.6)).toBe('¥1,000');
    expect(errorText('INVALID_CREDENTIALS', 401)).toBe('用户名或密码错误');
    expect(errorText('SOMETHING_NEW', 418)).toBe('请求失败（418）');
  });
});

describe('one time parser', () => {
  it('requireInstant reads what parseInstant reads and throws where it answers NaN', () => {
    for (const iso of ['2026-12-10T00:00:00Z', '2026-12-10T08:00:00.123+08:00', '2026-12-10T08:00+08:00']) expect(requireInstant(iso)).toBe(parseInstant(iso));
    expect(requireInstant('2026-12-10T08:00:00+08:00')).toBe(Date.UTC(2026, 11, 10, 0, 0, 0));
    for (const bad of ['2026-12-10T08:00:00', '2026-12-10', 'yesterday', '']) {
      expect(Number.isNaN(parseInstant(bad))).toBe(true);
      expect(() => requireInstant(bad)).toThrow(/zone offset/);
    }
  });
});
