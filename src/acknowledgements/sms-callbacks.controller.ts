import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, PublicWithToken } from '../auth/auth.decorators.js';
import { SmsCallbackAnswer } from './dto/sms-callback.dto.js';
import { SmsRepliesService, type SmsCallbackProvider } from './sms-replies.service.js';

const PROVIDERS = { aliyun: 'aliyun', tencent: 'tencent' } as const;

/**
 * SMS provider callbacks. Public with a token: the providers cannot sign in, so the secret path
 * token (HAZEOPS_SMS_CALLBACK_TOKEN, compared in constant time) is the credential; a wrong one
 * answers 404 as if absent.
 */
@ApiTags('sms callbacks')
@Controller('api/v1/sms')
export class SmsCallbacksController {
  constructor(private readonly sms: SmsRepliesService) {}

  @Post(':provider/:token/receipts')
  @PublicWithToken('HAZEOPS_SMS_CALLBACK_TOKEN')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delivery receipts pushed by the SMS provider (Alibaba SmsReport, Tencent status callback)' })
  @ApiParam({ name: 'provider', enum: ['aliyun', 'tencent'] })
  @ApiParam({ name: 'token', description: 'HAZEOPS_SMS_CALLBACK_TOKEN, given to the provider in the callback URL' })
  @ApiResponse({ status: 200, type: SmsCallbackAnswer })
  receipts(@Param('provider', new ParseEnumPipe(PROVIDERS)) provider: SmsCallbackProvider, @Param('token') token: string, @Body() body: unknown) {
    return this.sms.receipts(provider, token, body);
  }

  @Post(':provider/:token/replies')
  @PublicWithToken('HAZEOPS_SMS_CALLBACK_TOKEN')
  @HttpCode(200)
  @ApiOperation({ summary: 'SMS replies (上行短信) pushed by the provider; a reply quoting the code of an SMS acknowledges that order version' })
  @ApiParam({ name: 'provider', enum: ['aliyun', 'tencent'] })
  @ApiParam({ name: 'token', description: 'HAZEOPS_SMS_CALLBACK_TOKEN, given to the provider in the callback URL' })
  @ApiResponse({ status: 200, type: SmsCallbackAnswer })
  replies(@Param('provider', new ParseEnumPipe(PROVIDERS)) provider: SmsCallbackProvider, @Param('token') token: string, @Body() body: unknown) {
    return this.sms.receiveReplies(provider, token, body);
  }
}

/** `/a/<code>`: the short link of an SMS, 302 to the signed acknowledgement link (404 unknown, 410 expired). */
@Controller('a')
export class ShortLinkController {
  constructor(private readonly sms: SmsRepliesService) {}

  @Get(':code')
  @Public()
  @ApiExcludeEndpoint()
  async resolve(@Param('code') code: string, @Res() res: Response): Promise<void> {
    res.redirect(302, await this.sms.resolveShort(code));
  }
}
