import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { AckLinkService, type PageResult } from './ack-link.service.js';

function send(res: Response, page: PageResult): void {
  res.status(page.status).type('html').setHeader('Cache-Control', 'no-store').setHeader('Referrer-Policy', 'no-referrer').send(page.html);
}

/** Public by design: the signed, expiring token in the path is the credential. */
@ApiExcludeController()
@Controller('ack')
export class AckLinkController {
  constructor(private readonly links: AckLinkService) {}

  @Get(':token')
  @Public()
  async show(@Param('token') token: string, @Res() res: Response) {
    send(res, await this.links.show(token));
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  async acknowledge(@Param('token') token: string, @Res() res: Response) {
    send(res, await this.links.acknowledge(token));
  }

  @Post(':token/implementation')
  @Public()
  @HttpCode(200)
  async implement(@Param('token') token: string, @Body() body: Record<string, string>, @Res() res: Response) {
    send(res, await this.links.implement(token, { lineCode: body.lineCode, implementedAt: body.implementedAt }));
  }
}
