import { Module } from '@nestjs/common';
import { AcknowledgementsModule } from '../acknowledgements/acknowledgements.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { OrderMessageRenderer } from './order-message.renderer.js';
import { OrderPreviewService } from './order-preview.service.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { PhoneNoticesService } from './phone-notices.service.js';

@Module({
  imports: [RegistryModule, AcknowledgementsModule],
  controllers: [OrdersController],
  providers: [OrderPreviewService, OrdersService, OrderMessageRenderer, PhoneNoticesService],
})
export class OrdersModule {}
