import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { Clock } from '../common/clock.js';
import { HandoverDto, ListShiftsQuery, OnDutyQuery, ShiftDto, SwapDto } from './dto/shift.dto.js';
import { OnDutyResponse, ShiftListResponse, ShiftResponse } from './dto/shift-response.dto.js';
import { DutyService } from './duty.service.js';

@ApiTags('duty')
@ApiBearerAuth()
@Controller('api/v1/duty')
export class DutyController {
  constructor(
    private readonly duty: DutyService,
    private readonly clock: Clock,
  ) {}

  @Get('shifts')
  @Roles('commander', 'viewer')
  @ApiResponse({ status: 200, type: ShiftListResponse })
  list(@Query() q: ListShiftsQuery) {
    return this.duty.list(q.from, q.to);
  }

  @Get('on-duty')
  @Roles('commander', 'viewer')
  @ApiResponse({ status: 200, type: OnDutyResponse })
  async onDuty(@Query() q: OnDutyQuery) {
    const at = q.at ? new Date(q.at) : this.clock.now();
    return this.duty.onDutyView(at);
  }

  @Post('shifts')
  @Roles('commander')
  @ApiResponse({ status: 201, type: ShiftResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: ShiftDto) {
    return this.duty.create(principal, dto);
  }

  @Put('shifts/:id')
  @Roles('commander')
  @ApiResponse({ status: 200, type: ShiftResponse })
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: ShiftDto) {
    return this.duty.update(principal, id, dto);
  }

  @Post('shifts/:id/swap')
  @HttpCode(200)
  @Roles('commander')
  @ApiResponse({ status: 200, type: ShiftResponse })
  swap(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: SwapDto) {
    return this.duty.swap(principal, id, dto.position, dto.userId, dto.reason);
  }

  @Post('shifts/:id/handover')
  @Roles('commander')
  @ApiResponse({ status: 201, type: ShiftResponse })
  handover(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: HandoverDto) {
    return this.duty.handover(principal, id, dto.notes);
  }
}
