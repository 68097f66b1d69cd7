import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.decorators.js';
import { sendCsv } from '../web/export/csv-response.js';
import { SeasonSimulationDoc, SeasonSimulationResponse } from './dto/season-simulation.dto.js';
import { SeasonSimulationService } from './season-simulation.service.js';

@ApiTags('simulations')
@ApiBearerAuth()
@Controller('api/v1/simulations')
export class SimulationsController {
  constructor(private readonly simulations: SeasonSimulationService) {}

  /** Replays a season's AQI over the registry: the levels the rules would have issued, the orders, and what they cost and avoided. */
  @Post('season')
  @HttpCode(200)
  @Roles('commander')
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: SeasonSimulationDoc, description: 'JSON { csv, overlay? }, or the CSV itself as text/csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(SeasonSimulationResponse)
  @ApiResponse({
    status: 200,
    description: 'JSON totals per county, industry and city and the day-by-day series; Accept: text/csv for the totals as CSV (UTF-8 with BOM)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(SeasonSimulationResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async season(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const result = await this.simulations.simulate(body);
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') return sendCsv(res, 'season-simulation.csv', this.simulations.csv(result));
    res.json(result);
  }
}
