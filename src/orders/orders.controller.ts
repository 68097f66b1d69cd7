import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { ListOrdersQuery } from './dto/list-orders.query.js';
import { PreviewOrderDto } from './dto/preview-order.dto.js';
import { OrdersService } from './orders.service.js';
import { OrderPreviewService } from './order-preview.service.js';
import { OrderDetailResponse, OrderPageResponse, OrderPreviewResponse } from './dto/order-response.dto.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/v1/orders')
export class OrdersController {
  constructor(
    private readonly preview: OrderPreviewService,
    private readonly orders: OrdersService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Roles('commander', 'county_officer')
  @ApiResponse({ status: 200, type: OrderPreviewResponse })
  previewOrder(@CurrentPrincipal() principal: Principal, @Body() dto: PreviewOrderDto) {
    return this.preview.preview(principal, dto);
  }

  @Get()
  @Roles('commander', 'county_officer', 'viewer', 'enterprise')
  @ApiResponse({ status: 200, type: OrderPageResponse })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrdersQuery) {
    return this.orders.list(principal, query);
  }

  @Get(':orderId')
  @Roles('commander', 'county_officer', 'viewer', 'enterprise', 'inspector')
  @ApiResponse({ status: 200, type: OrderDetailResponse })
  get(@CurrentPrincipal() principal: Principal, @Param('orderId', new ParseUUIDPipe()) orderId: string) {
    return this.orders.get(principal, orderId);
  }
}
