import { Controller, Get, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { DatabaseProbe } from './database-probe.repository.js';
import { HealthResponse, LiveResponse } from './dto/health-response.dto.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseProbe) {}

  /** Liveness: the process answers, without touching the database. */
  @Get('live')
  @Public()
  @ApiResponse({ status: 200, type: LiveResponse })
  live() {
    return { status: 'ok' };
  }

  /** 200 when the database answers, 503 when it does not. */
  @Get()
  @Public()
  @ApiResponse({ status: 200, type: HealthResponse })
  async health(@Res({ passthrough: true }) res: Response) {
    const started = Date.now();
    try {
      await this.database.ping();
      return { status: 'ok', database: { status: 'up', ms: Date.now() - started } };
    } catch (err) {
      res.status(503);
      return { status: 'error', database: { status: 'down', message: err instanceof Error ? err.message : String(err) } };
    }
  }
}
