import exifr from 'exifr';
import sharp from 'sharp';
import { localDateTimeMs } from '../rules/time/local-time.js';

const FORMAT_OF: Record<string, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

export interface DecodedPhoto {
  width: number;
  height: number;
  /** When the camera says it took the photo (EXIF DateTimeOriginal), null when absent or unreadable. */
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
}

export class NotAnImageError extends Error {}

interface ExifFields {
  DateTimeOriginal?: unknown;
  CreateDate?: unknown;
  OffsetTimeOriginal?: unknown;
  latitude?: unknown;
  longitude?: unknown;
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/** EXIF times carry no zone unless OffsetTimeOriginal is set; otherwise they are the city's local time. */
export function exifInstant(raw: unknown, offset: unknown, timeZone: string): Date | null {
  const m = typeof raw === 'string' ? EXIF_DATE.exec(raw) : null;
  // Cameras write "0000:00:00 00:00:00" for an unset clock; any impossible date is no time at all.
  if (!m || Number(m[1]) < 1970 || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31 || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return null;
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  const ms = typeof offset === 'string' && OFFSET.test(offset) ? Date.parse(local + offset) : localDateTimeMs(local, timeZone);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * Decodes the whole picture with libvips (sharp): bytes that only start like an image (HTML
 * behind a JPEG header, a truncated upload) fail here. The format must be the declared one.
 * EXIF is read with exifr; a photo without EXIF is still a photo.
 */
export async function decodePhoto(bytes: Buffer, mime: string, maxPixels: number, timeZone: string): Promise<DecodedPhoto> {
  let width: number;
  let height: number;
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels });
    const meta = await image.metadata();
    if (meta.format !== FORMAT_OF[mime]) throw new NotAnImageError(`the file is ${meta.format ? `a ${meta.format} image` : 'not an image'}, not ${mime}`);
    // Full decode, not just the header: every pixel must come out.
    await image.stats();
    width = meta.width ?? 0;
    height = meta.height ?? 0;
  } catch (err) {
    if (err instanceof NotAnImageError) throw err;
    const why = (err as Error).message.split('\n')[0];
    throw new NotAnImageError(/pixel limit/i.test(why) ? `the picture has more than ${maxPixels} pixels` : `the file is not a readable ${mime} image (${why})`);
  }
  let exif: ExifFields | undefined;
  try {
    exif = (await exifr.parse(bytes, {
      pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
      gps: true,
      reviveValues: false,
    })) as ExifFields | undefined;
  } catch {
    exif = undefined; // unreadable EXIF: kept as a photo without camera data
  }
  const coord = (v: unknown, limit: number) => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit ? v : null);
  return {
    width,
    height,
    takenAt: exifInstant(exif?.DateTimeOriginal ?? exif?.CreateDate, exif?.OffsetTimeOriginal, timeZone),
    lat: coord(exif?.latitude, 90),
    lng: coord(exif?.longitude, 180),
  };
}
