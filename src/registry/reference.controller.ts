import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { ConfigService } from '../config/config.service.js';
import { CountyResponse, ReferenceResponse } from './dto/registry-response.dto.js';

const EVERYONE = ['commander', 'county_officer', 'viewer', 'inspector', 'enterprise'] as const;

/** The city's keys and names, for forms and for checking files before an import. */
@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1')
export class ReferenceController {
  constructor(private readonly config: ConfigService) {}

  @Get('counties')
  @Roles(...EVERYONE)
  @ApiResponse({ status: 200, type: CountyResponse, isArray: true })
  counties() {
    return this.config.city.counties;
  }

  @Get('reference')
  @Roles(...EVERYONE)
  @ApiResponse({ status: 200, type: ReferenceResponse })
  reference() {
    const { city, counties, industries, processes, fuels, grades, contactRoles, livelihoodDuties, levels } = this.config.city;
    return { city, counties, industries, processes, fuels, grades, contactRoles, livelihoodDuties, levels };
  }
}
