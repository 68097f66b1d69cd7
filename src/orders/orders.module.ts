import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { OrderPreviewService } from './order-preview.service.js';
import { OrdersController } from './orders.controller.js';

@Module({ imports: [RegistryModule], controllers: [OrdersController], providers: [OrderPreviewService] })
export class OrdersModule {}
