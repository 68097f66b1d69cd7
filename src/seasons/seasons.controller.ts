import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { SeasonsService } from './seasons.service.js';
import { SeasonCalendarResponse, SeasonResponse } from './dto/season-response.dto.js';

@ApiTags('seasons')
@ApiBearerAuth()
@Controller('api/v1/seasons')
export class SeasonsController {
  constructor(private readonly seasons: SeasonsService) {}

  @Get()
  @Roles('commander', 'county_officer', 'viewer', 'inspector', 'enterprise')
  @ApiResponse({ status: 200, type: SeasonResponse, isArray: true })
  list() {
    return this.seasons.list();
  }

  @Get(':season/calendar')
  @Roles('commander', 'county_officer', 'viewer', 'inspector', 'enterprise')
  @ApiResponse({ status: 200, type: SeasonCalendarResponse })
  calendar(@Param('season') season: string) {
    return this.seasons.calendar(season);
  }
}
