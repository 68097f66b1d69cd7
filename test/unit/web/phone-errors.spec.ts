import { describe, expect, it } from 'vitest';
import { ApiError, errorLines, NetworkError } from '../../../src/web/phone/common/api-errors.js';

describe('what the phone pages say when a call fails', () => {
  it('names known fields in Chinese, with the allowed range of a time in the city zone', () => {
    const e = new ApiError(422, 'UNPROCESSABLE', 'observedAt is in the future', [
      { field: 'observedAt', value: '2026-12-11T10:00:00+08:00', allowed: { from: '2026-11-10T02:00:00Z', to: '2026-12-10T02:05:00Z' }, message: 'too late' },
      { field: 'lines[0].stoppedAt', message: 'bad' },
    ]);
    expect(errorLines(e, '提交失败', { timezone: 'Asia/Shanghai' })).toEqual([
      '提交失败：提交的内容未通过校验，请按提示修改',
      '核查时间：应在 2026年11月10日 10:00 至 2026年12月10日 10:05 之间',
      '落实时间：填写有误',
    ]);
  });

  it('shows the service text for what it does not know, except on the enterprise page', () => {
    const e = new ApiError(418, 'TEAPOT', 'short and stout', [{ field: 'spout', message: 'too narrow' }]);
    expect(errorLines(e, '提交失败')).toEqual(['提交失败：请求失败（418）', 'spout：too narrow', 'short and stout（TEAPOT）']);
    expect(errorLines(e, '签收失败', { withServerText: false })).toEqual(['签收失败：请求失败（418）']);
    expect(errorLines(new ApiError(401, 'INVALID_CREDENTIALS', 'Wrong username or password', null), '登录失败')).toEqual(['登录失败：用户名或密码错误']);
    expect(errorLines(new NetworkError(), '任务加载失败')).toEqual(['任务加载失败：网络不可用，请检查网络后重试']);
  });
});
