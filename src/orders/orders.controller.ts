import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { PreviewOrderDto } from './dto/preview-order.dto.js';
import { OrderPreviewService } from './order-preview.service.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/v1/orders')
export class OrdersController {
  constructor(private readonly preview: OrderPreviewService) {}

  @Post('preview')
  @HttpCode(200)
  @Roles('commander', 'county_officer')
  previewOrder(@CurrentPrincipal() principal: Principal, @Body() dto: PreviewOrderDto) {
    return this.preview.preview(principal, dto);
  }
}
