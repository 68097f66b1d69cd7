import { describe, expect, it } from 'vitest';
import { exifInstant } from '../../../src/inspections/photo-decoder.js';

describe('EXIF time of a photo', () => {
  it('reads a zone-less EXIF time in the city zone', () => {
    expect(exifInstant('2026:12:10 10:20:00', undefined, 'Asia/Shanghai')?.toISOString()).toBe('2026-12-10T02:20:00.000Z');
  });
  it('uses OffsetTimeOriginal when the camera wrote one', () => {
    expect(exifInstant('2026:12:10 10:20:00', '+01:00', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-10T09:20:00.000Z');
  });
  it('answers null for what is not an EXIF time', () => {
    expect(exifInstant('0000:00:00 00:00:00', undefined, 'Asia/Shanghai')).toBeNull();
    expect(exifInstant('yesterday', undefined, 'Asia/Shanghai')).toBeNull();
    expect(exifInstant(undefined, undefined, 'Asia/Shanghai')).toBeNull();
  });
});
