import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Liveness: the process answers, without touching the database. */
  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  /** 200 when the database answers, 503 when it does not. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const started = Date.now();
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: { status: 'up', ms: Date.now() - started } };
    } catch (err) {
      res.status(503);
      return { status: 'error', database: { status: 'down', message: err instanceof Error ? err.message : String(err) } };
    }
  }
}
