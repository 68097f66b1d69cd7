import type { Response } from 'express';

/** Sends a CSV export as a download (the body from `toCsv`: UTF-8 with BOM). */
export function sendCsv(res: Response, filename: string, body: string): void {
  res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${filename}"`).send(body);
}
