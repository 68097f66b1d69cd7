import { Module } from '@nestjs/common';
import { InspectorPageController, InspectorWorkerController } from './inspector-page.controller.js';

/** The inspection teams' phone page; its data come from the inspections API. */
@Module({ controllers: [InspectorPageController, InspectorWorkerController] })
export class InspectorPageModule {}
