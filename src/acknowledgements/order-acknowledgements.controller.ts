import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { OrderVersionResponse } from '../orders/dto/order-response.dto.js';
import { AcknowledgementService } from './acknowledgement.service.js';
import { ConfirmImplementationDto } from './dto/confirm-implementation.dto.js';
import { AcknowledgeResponse, DeliveryEvidenceResponse, PhoneNoticeResponse } from './dto/notice-response.dto.js';
import { RecordPhoneNoticeDto } from './dto/record-phone-notice.dto.js';
import { PhoneNoticesService } from './phone-notices.service.js';

/** The operation id these routes had in the orders controller (no summary, as before). */
const OperationId = (operationId: string) => ApiOperation({ operationId, summary: undefined });

/**
 * What happens to an order version once it is sent: receipt, implementation, phone notices and
 * the proof of delivery. The routes sit under the order they answer (`/api/v1/orders/...`); the
 * operation ids and tag are the ones these routes had in the orders controller, which the typed
 * console client is generated from.
 */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/v1/orders')
export class OrderAcknowledgementsController {
  constructor(
    private readonly acks: AcknowledgementService,
    private readonly phoneNotices: PhoneNoticesService,
  ) {}

  /** Receipt (签收) by the enterprise itself; idempotent. */
  @Post(':orderId/versions/:modification/acknowledge')
  @HttpCode(200)
  @Roles('enterprise')
  @OperationId('OrdersController_acknowledge')
  @ApiResponse({ status: 200, type: AcknowledgeResponse })
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('orderId', new ParseUUIDPipe()) orderId: string, @Param('modification', ParseIntPipe) modification: number) {
    return this.acks.acknowledge(principal, orderId, modification);
  }

  @Post(':orderId/versions/:modification/implementation')
  @HttpCode(200)
  @Roles('enterprise')
  @OperationId('OrdersController_implement')
  @ApiResponse({ status: 200, type: OrderVersionResponse })
  implement(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId', new ParseUUIDPipe()) orderId: string,
    @Param('modification', ParseIntPipe) modification: number,
    @Body() dto: ConfirmImplementationDto,
  ) {
    return this.acks.implement(principal, orderId, modification, dto);
  }

  /** A county officer's call that told the enterprise: counts as delivery and receipt of this version. */
  @Post(':orderId/versions/:modification/phone-notices')
  @Roles('commander', 'county_officer')
  @OperationId('OrdersController_recordPhoneNotice')
  @ApiResponse({ status: 201, type: PhoneNoticeResponse })
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
  @OperationId('OrdersController_listPhoneNotices')
  @ApiResponse({ status: 200, type: PhoneNoticeResponse, isArray: true })
  listPhoneNotices(@CurrentPrincipal() principal: Principal, @Param('orderId', new ParseUUIDPipe()) orderId: string, @Param('modification', ParseIntPipe) modification: number) {
    return this.phoneNotices.list(principal, orderId, modification);
  }

  /** Delivery attempts, phone notices and receipt of one version. */
  @Get(':orderId/versions/:modification/delivery-evidence')
  @Roles('commander', 'county_officer', 'viewer', 'enterprise')
  @OperationId('OrdersController_deliveryEvidence')
  @ApiResponse({ status: 200, type: DeliveryEvidenceResponse })
  deliveryEvidence(@CurrentPrincipal() principal: Principal, @Param('orderId', new ParseUUIDPipe()) orderId: string, @Param('modification', ParseIntPipe) modification: number) {
    return this.phoneNotices.evidence(principal, orderId, modification);
  }
}
