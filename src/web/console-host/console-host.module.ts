import { Module } from '@nestjs/common';
import { ConsoleHostController } from './console-host.controller.js';

/** Serves the command-center console built into dist/web/console. */
@Module({ controllers: [ConsoleHostController] })
export class ConsoleHostModule {}
