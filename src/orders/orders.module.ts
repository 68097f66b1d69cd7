import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { OrderPreviewService } from './order-preview.service.js';
import { OrderTimelineSnapshotService } from './order-timeline-snapshot.service.js';
import { OrderVersionsRepository } from './order-versions.repository.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

@Module({
  imports: [RegistryModule],
  controllers: [OrdersController],
  providers: [OrderPreviewService, OrdersService, OrderVersionsRepository, OrderTimelineSnapshotService],
  exports: [OrdersService, OrderVersionsRepository, OrderTimelineSnapshotService],
})
export class OrdersModule {}
