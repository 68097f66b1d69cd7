import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { ConfirmImplementationDto } from './dto/confirm-implementation.dto.js';
import { PhonePage } from '../web/phone-pages/phone-build.js';
import { AckLinkService } from './ack-link.service.js';
import { AckPageResponse } from './dto/ack-response.dto.js';

/** `/ack/<token>`: the built acknowledgement page (src/web/phone/ack); it reads and acts through the API below. */
@ApiExcludeController()
@Controller('ack')
export class AckLinkPageController {
  private readonly page = new PhonePage('ack', {});

  constructor(private readonly links: AckLinkService) {}

  @Get(':token')
  @Public()
  show(@Param('token') token: string, @Res() res: Response): void {
    // The page explains a refused link in Chinese (from the API); its status says so too.
    this.page.send(res, this.links.pageStatus(token));
  }
}

/** Public by design: the signed, expiring token in the path is the credential. */
@ApiTags('acknowledgement link')
@Controller('api/v1/ack')
export class AckLinkController {
  constructor(private readonly links: AckLinkService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: "The acknowledgement page's view model for a signed link" })
  @ApiResponse({ status: 200, type: AckPageResponse })
  show(@Param('token') token: string) {
    return this.links.show(token);
  }

  @Post(':token/acknowledge')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '签收 through the link (idempotent); answers the fresh view model' })
  @ApiResponse({ status: 200, type: AckPageResponse })
  acknowledge(@Param('token') token: string) {
    return this.links.acknowledge(token);
  }

  @Post(':token/implementation')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '确认已落实 for lines through the link; answers the fresh view model' })
  @ApiResponse({ status: 200, type: AckPageResponse })
  implement(@Param('token') token: string, @Body() dto: ConfirmImplementationDto) {
    return this.links.implement(token, dto.lines);
  }
}
