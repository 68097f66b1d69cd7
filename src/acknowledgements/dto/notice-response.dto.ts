import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { nullableRef } from '../../common/dto/nullable-ref.js';

export class AcknowledgeResponse {
  @ApiProperty({ type: 'string' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string' })
  versionId!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  acknowledgedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  acknowledgedBy!: string | null;

  @ApiProperty({ type: 'boolean' })
  alreadyAcknowledged!: boolean;
}

export class PhoneNoticeResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string', format: 'uuid' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string', format: 'uuid' })
  orderVersionId!: string;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', description: 'Whom the officer called' })
  calledName!: string;

  @ApiProperty({ type: 'string' })
  phone!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  calledAt!: string;

  @ApiProperty({ type: 'string', description: 'Who answered the call' })
  answeredBy!: string;

  @ApiProperty({ type: 'string', nullable: true })
  notes!: string | null;

  @ApiProperty({ type: 'string' })
  recordedBy!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  recordedAt!: string;
}

export class DeliveryAttemptResponse {
  @ApiProperty({ type: 'string', format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'boolean' })
  ok!: boolean;

  @ApiProperty({ type: 'string', nullable: true })
  error!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'SMS: the provider answer code (OK / Ok, isv.BUSINESS_LIMIT_CONTROL, LimitExceeded.PhoneNumberOneHourLimit, …)' })
  providerCode!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: "SMS: the provider's message id (Alibaba BizId, Tencent SerialNo)" })
  providerMessageId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, enum: ['pending', 'delivered', 'failed', null], description: 'SMS: pending = sent, no receipt yet; delivered = on the handset' })
  receiptStatus!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  receiptCode!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  receiptAt!: string | null;
}

export class DeliveryResponse {
  @ApiProperty({ type: 'string' })
  channel!: string;

  @ApiProperty({ type: 'string' })
  recipient!: string;

  @ApiProperty({ type: 'string' })
  status!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  sentAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Why the row waits or failed (e.g. an SMS held back by the number’s rate limit)' })
  lastError!: string | null;

  @ApiProperty({ type: () => DeliveryAttemptResponse, isArray: true })
  attempts!: DeliveryAttemptResponse[];
}

export class LadderDeliveryResponse extends DeliveryResponse {
  @ApiProperty({ type: 'string', description: 'The escalation ladder step that wrote the row, e.g. s0-delivery+60-enterprise' })
  step!: string;
}

export class NoticeDeliveredResponse {
  @ApiProperty({ type: 'string', enum: ['email', 'webhook', 'sms', 'phone', 'acknowledgement'] })
  channel!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'string', nullable: true })
  recipient!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  phoneNoticeId!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  answeredBy!: string | null;
}

@ApiExtraModels(NoticeDeliveredResponse)
export class NoticeEvidenceResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  orderVersionId!: string;

  @ApiProperty({ type: 'string', format: 'uuid' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string' })
  directiveNumber!: string;

  @ApiProperty(nullableRef(NoticeDeliveredResponse, 'The first proof of delivery by the moment; null when there is none'))
  delivered!: NoticeDeliveredResponse | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  acknowledgedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  acknowledgedBy!: string | null;
}

@ApiExtraModels(NoticeEvidenceResponse)
export class DeliveryEvidenceResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string', format: 'uuid' })
  orderVersionId!: string;

  @ApiProperty({ type: () => DeliveryResponse, isArray: true })
  deliveries!: DeliveryResponse[];

  @ApiProperty({
    type: () => LadderDeliveryResponse,
    isArray: true,
    description: 'The escalation ladder’s steps to the enterprise (reminders by e-mail, webhook, SMS), each with its attempts; skipped ones with why',
  })
  ladder!: LadderDeliveryResponse[];

  @ApiProperty({ type: () => PhoneNoticeResponse, isArray: true })
  phoneNotices!: PhoneNoticeResponse[];

  @ApiProperty(nullableRef(NoticeEvidenceResponse, 'The first proof of notice as of now; null when there is none'))
  proofAsOfNow!: NoticeEvidenceResponse | null;
}
