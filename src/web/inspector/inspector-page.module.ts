import { Module } from '@nestjs/common';
import { InspectorPageController } from './inspector-page.controller.js';

/** The inspection teams' phone page; its data come from the inspections API. */
@Module({ controllers: [InspectorPageController] })
export class InspectorPageModule {}
