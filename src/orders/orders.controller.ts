import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { ConfirmImplementationDto } from './dto/confirm-implementation.dto.js';
import { ListOrdersQuery } from './dto/list-orders.query.js';
import { PreviewOrderDto } from './dto/preview-order.dto.js';
import { OrdersService } from './orders.service.js';
import { OrderPreviewService } from './order-preview.service.js';
import { RecordPhoneNoticeDto } from './dto/record-phone-notice.dto.js';
import { PhoneNoticesService } from './phone-notices.service.js';
import { AcknowledgeResponse, OrderDetailResponse, OrderPageResponse, OrderPreviewResponse, OrderVersionResponse } from './dto/order-response.dto.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/v1/orders')
export class OrdersController {
  constructor(
    private readonly preview: OrderPreviewService,
    private readonly orders: OrdersService,
    private readonly phoneNotices: PhoneNoticesService,
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

  /** Receipt (签收) by the enterprise itself; idempotent. */
  @Post(':orderId/versions/:modification/acknowledge')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiResponse({ status: 200, type: AcknowledgeResponse })
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('orderId', new ParseUUIDPipe()) orderId: string, @Param('modification', ParseIntPipe) modification: number) {
    return this.orders.acknowledge(principal, orderId, modification);
  }

  @Post(':orderId/versions/:modification/implementation')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiResponse({ status: 200, type: OrderVersionResponse })
  implement(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId', new ParseUUIDPipe()) orderId: string,
    @Param('modification', ParseIntPipe) modification: number,
    @Body() dto: ConfirmImplementationDto,
  ) {
    return this.orders.implement(principal, orderId, modification, dto);
  }

  /** A county officer's call that told the enterprise: counts as delivery and receipt of this version. */
  @Post(':orderId/versions/:modification/phone-notices')
  @Roles('commander', 'county_officer')
  recordPhoneNotice(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId', new ParseUUIDPipe()) orderId: string,
    @Param('modification', ParseIntPipe) modification: number,
    @Body() dto: RecordPhoneNoticeDto,
  ) {
    return this.phoneNotices.record(principal, orderId, modification, dto);
  }

  @Get(':orderId/versions/:modification/phone-notices')
  @Roles('commander', 'county_officer', 'viewer', 'enterprise')
  listPhoneNotices(@CurrentPrincipal() principal: Principal, @Param('orderId', new ParseUUIDPipe()) orderId: string, @Param('modification', ParseIntPipe) modification: number) {
    return this.phoneNotices.list(principal, orderId, modification);
  }

  /** Delivery attempts, phone notices and receipt of one version. */
  @Get(':orderId/versions/:modification/delivery-evidence')
  @Roles('commander', 'county_officer', 'viewer', 'enterprise')
  deliveryEvidence(@CurrentPrincipal() principal: Principal, @Param('orderId', new ParseUUIDPipe()) orderId: string, @Param('modification', ParseIntPipe) modification: number) {
    return this.phoneNotices.evidence(principal, orderId, modification);
  }
}
