import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { SeasonsService } from './seasons.service.js';

@ApiTags('seasons')
@ApiBearerAuth()
@Controller('api/v1/seasons')
export class SeasonsController {
  constructor(private readonly seasons: SeasonsService) {}

  @Get()
  @Roles('commander', 'county_officer', 'viewer', 'inspector', 'enterprise')
  list() {
    return this.seasons.list();
  }

  @Get(':season/calendar')
  @Roles('commander', 'county_officer', 'viewer', 'inspector', 'enterprise')
  calendar(@Param('season') season: string) {
    return this.seasons.calendar(season);
  }
}
