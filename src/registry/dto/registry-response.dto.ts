import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, OmitType } from '@nestjs/swagger';
import { nullableRef } from '../../common/dto/nullable-ref.js';
import { CONTACT_CHANNELS } from '../../rules/contacts/mobile-number.js';
import { EMISSION_SOURCES } from '../../rules/enterprise.js';

export class CountyResponse {
  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  code!: string;
}

export class ReferenceResponseCity {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  commandCenter!: string;

  @ApiProperty({ type: 'string' })
  timezone!: string;
}

export class ReferenceResponseCounty {
  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  code!: string;
}

export class ReferenceResponseIndustry {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;
}

export class ReferenceResponseProcess {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;
}

export class ReferenceResponseFuel {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;
}

export class ReferenceResponseContactRole {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;
}

export class ReferenceResponseLivelihoodDuty {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;
}

export class ReferenceResponseLevel {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string', enum: ['control', 'warning'] })
  kind!: string;

  @ApiPropertyOptional({ type: 'string', description: 'Warning grade (IV … I); warnings only' })
  grade?: string;
}

export class ReferenceResponse {
  @ApiProperty({ type: () => ReferenceResponseCity })
  city!: ReferenceResponseCity;

  @ApiProperty({ type: () => ReferenceResponseCounty, isArray: true })
  counties!: ReferenceResponseCounty[];

  @ApiProperty({ type: () => ReferenceResponseIndustry, isArray: true })
  industries!: ReferenceResponseIndustry[];

  @ApiProperty({ type: () => ReferenceResponseProcess, isArray: true })
  processes!: ReferenceResponseProcess[];

  @ApiProperty({ type: () => ReferenceResponseFuel, isArray: true })
  fuels!: ReferenceResponseFuel[];

  @ApiProperty({ type: 'string', isArray: true })
  grades!: string[];

  @ApiProperty({ type: () => ReferenceResponseContactRole, isArray: true })
  contactRoles!: ReferenceResponseContactRole[];

  @ApiProperty({ type: () => ReferenceResponseLivelihoodDuty, isArray: true })
  livelihoodDuties!: ReferenceResponseLivelihoodDuty[];

  @ApiProperty({ type: () => ReferenceResponseLevel, isArray: true })
  levels!: ReferenceResponseLevel[];
}

export class ImportSummaryResponse {
  @ApiProperty({ type: 'integer' })
  received!: number;

  @ApiProperty({ type: 'integer' })
  created!: number;

  @ApiProperty({ type: 'integer' })
  updated!: number;

  @ApiProperty({ type: 'integer' })
  unchanged!: number;

  @ApiProperty({ type: 'boolean' })
  dryRun!: boolean;

  @ApiProperty({ type: 'integer', description: 'Open order notices sent again to changed contacts' })
  resent!: number;
}

export class EnterpriseResponseContact {
  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  role!: string;

  @ApiProperty({ type: 'string', nullable: true })
  email!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  phone!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Mainland mobile number, 11 digits', example: '13812345678' })
  mobile!: string | null;

  @ApiProperty({ type: 'string', enum: [...CONTACT_CHANNELS], isArray: true, description: 'The channels the contact accepts (default: those it has an address for)' })
  channels!: string[];
}

export class LineEmissionRatesResponse {
  @ApiProperty({ type: 'number', minimum: 0, description: 'SO2, kg/h at normal load' })
  so2!: number;

  @ApiProperty({ type: 'number', minimum: 0, description: 'NOx, kg/h at normal load' })
  nox!: number;

  @ApiProperty({ type: 'number', minimum: 0, description: 'Particulate matter, kg/h at normal load' })
  pm!: number;

  @ApiProperty({ type: 'number', minimum: 0, description: 'VOCs, kg/h at normal load' })
  vocs!: number;
}

export class LineEmissionsResponse {
  @ApiProperty({ type: () => LineEmissionRatesResponse, description: 'Emission rate of each pollutant at normal load, kg/h (all four; 0 where the line emits none)' })
  kgPerHour!: LineEmissionRatesResponse;

  @ApiProperty({ type: 'string', enum: [...EMISSION_SOURCES], description: 'permit: 排污许可证; inventory: 排放清单; monitoring: 监测' })
  source!: string;

  @ApiProperty({ type: 'integer', description: 'The year the figures describe: from config/city.yaml emissionInventory.earliestYear to the current year' })
  year!: number;
}

@ApiExtraModels(LineEmissionsResponse)
export class EnterpriseResponseLine {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'number' })
  capacity!: number;

  @ApiProperty({ type: 'string' })
  unit!: string;

  @ApiProperty({ type: 'integer', nullable: true })
  cells!: number | null;

  @ApiProperty(nullableRef(LineEmissionsResponse, 'The emission inventory at normal load; null when not reported (未填报)'))
  emissions!: LineEmissionsResponse | null;
}

export class MeasureResponse {
  @ApiProperty({ type: 'string' })
  line!: string;

  @ApiProperty({ type: 'string', enum: ['stop', 'limit'] })
  action!: string;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;
}

@ApiExtraModels(MeasureResponse)
export class EnterpriseResponse {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string' })
  industry!: string;

  @ApiProperty({ type: 'string', nullable: true })
  process!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  fuel!: string | null;

  @ApiProperty({ type: 'boolean' })
  airEmitting!: boolean;

  @ApiProperty({ type: 'string', nullable: true, description: 'Performance grade or class (city.yaml `grades`: A, B, C, D, 引领性, 保障类); null when ungraded' })
  grade!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'Local date of the grading (YYYY-MM-DD); null when not recorded' })
  gradedOn!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Who graded the enterprise (评级单位); null when not recorded' })
  gradingAuthority!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  livelihood!: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  provincialApproval!: Record<string, unknown> | null;

  @ApiProperty({ type: () => EnterpriseResponseContact, isArray: true })
  contacts!: EnterpriseResponseContact[];

  @ApiProperty({ type: () => EnterpriseResponseLine, isArray: true })
  lines!: EnterpriseResponseLine[];

  @ApiProperty({ type: 'object', description: 'Per level key, the measures per line', additionalProperties: { type: 'array', items: { $ref: getSchemaPath(MeasureResponse) } } })
  measures!: Record<string, MeasureResponse[]>;

  @ApiProperty({ type: 'string', nullable: true })
  webhookUrl!: string | null;

  @ApiProperty({ type: 'boolean' })
  active!: boolean;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ type: 'string', format: 'date-time' })
  updatedAt!: string;
}

export class EnterprisePageResponse {
  @ApiProperty({ type: () => EnterpriseResponse, isArray: true })
  items!: EnterpriseResponse[];

  @ApiProperty({ type: 'number' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

/** How webhooks are signed per Standard Webhooks: the headers and the `whsec_` secret for the standardwebhooks library. */
export class StandardWebhookSecret {
  @ApiProperty({ type: [String], example: ['webhook-id', 'webhook-timestamp', 'webhook-signature'] })
  headers!: string[];

  @ApiProperty({ type: 'string' })
  algorithm!: string;

  @ApiProperty({ type: 'string', description: '`whsec_` + base64 of the 32-byte key', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;
}

export class WebhookSecretResponse {
  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: StandardWebhookSecret })
  standard!: StandardWebhookSecret;

  @ApiProperty({ type: 'string', description: 'Deprecated: the X-HazeOps-Signature header, sent beside the standard ones' })
  header!: string;

  @ApiProperty({ type: 'string', description: 'Deprecated: how X-HazeOps-Signature is computed' })
  algorithm!: string;

  @ApiProperty({ type: 'string', description: 'Deprecated: the hex key of X-HazeOps-Signature (the same key as standard.secret)' })
  secret!: string;
}

/** The JSON form an enterprise is written in (POST, PUT, import); validated by the registry's own validator. */
export class EnterpriseInputDoc extends OmitType(EnterpriseResponse, ['active', 'version', 'updatedAt'] as const) {}

export class EnterpriseUpdateDoc extends EnterpriseInputDoc {
  @ApiPropertyOptional({ type: 'integer', description: 'The version you read (or send If-Match)' })
  version?: number;
}

export class RegistryImportDoc {
  @ApiProperty({ type: () => EnterpriseInputDoc, isArray: true })
  enterprises!: EnterpriseInputDoc[];
}
