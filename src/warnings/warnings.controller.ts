import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { WarningsService } from './warnings.service.js';

/** Public on purpose: warnings are published to everyone (media, neighbouring cities, apps). */
@ApiTags('warnings')
@Controller('api/v1/warnings')
export class WarningsController {
  constructor(private readonly warnings: WarningsService) {}

  @Get('cap')
  @Public()
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  @ApiResponse({ status: 200, description: 'Atom feed, each entry one OASIS CAP 1.2 alert', content: { 'application/atom+xml': { schema: { type: 'string' } } } })
  feed() {
    return this.warnings.feed();
  }

  @Get('cap/:id')
  @Public()
  @Header('Content-Type', 'application/cap+xml; charset=utf-8')
  @ApiProduces('application/cap+xml')
  @ApiResponse({ status: 200, description: 'One OASIS CAP 1.2 alert', content: { 'application/cap+xml': { schema: { type: 'string' } } } })
  one(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.warnings.one(id);
  }
}
