import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../auth/auth.decorators.js';
import { ConfigService } from '../../config/config.service.js';
import { PhonePage, sendInspectorWorker } from '../phone-pages/phone-build.js';
import type { InspectorPageConfig } from '../shared/inspector-page-config.js';

/** The page's configuration: names and limits from the city's files, nothing per request. */
export function inspectorPageConfig(config: ConfigService): InspectorPageConfig {
  const levels: Record<string, string> = {};
  for (const l of config.city.levels) levels[l.key] = l.name;
  const phases: Record<string, string> = {};
  for (const s of config.seasons) for (const g of s.groups) for (const p of g.phases) phases[p.key] ??= p.name;
  const penalties: Record<string, { name: string; clause: string }> = {};
  for (const [key, p] of Object.entries(config.inspection.penalties)) penalties[key] = { name: p.name, clause: p.clause };
  const { maxBytes, allowedMimeTypes, maxPhotosPerFinding } = config.inspection.evidence;
  return {
    commandCenter: config.city.city.commandCenter,
    timezone: config.city.city.timezone,
    levels,
    phases,
    penalties,
    evidence: { maxBytes, allowedMimeTypes: [...allowedMimeTypes], maxPhotosPerFinding },
  };
}

/**
 * 督导组现场核查 (GET /inspect): the built Vue page (src/web/phone/inspector) with the city's
 * names embedded; every datum behind it comes from the API with the inspector's token.
 */
@ApiExcludeController()
@Controller('inspect')
export class InspectorPageController {
  private readonly page: PhonePage;

  constructor(config: ConfigService) {
    this.page = new PhonePage('inspector', inspectorPageConfig(config));
  }

  @Get()
  @Public()
  show(@Res() res: Response): void {
    this.page.send(res);
  }
}

/** `/inspect-sw.js`: the page's service worker, so that a reload without network still opens it. */
@ApiExcludeController()
@Controller()
export class InspectorWorkerController {
  @Get('inspect-sw.js')
  @Public()
  worker(@Res() res: Response): void {
    sendInspectorWorker(res);
  }
}
