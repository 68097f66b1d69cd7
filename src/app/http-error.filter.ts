import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuthErrorCode } from '../auth/auth.errors.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import type { ErrorBody } from '../common/error-body.js';
import { ComplianceErrorCode } from '../compliance/compliance.errors.js';
import { DirectiveErrorCode } from '../directives/directives.errors.js';
import { DutyErrorCode } from '../duty/duty.errors.js';
import { InspectionErrorCode } from '../inspections/inspections.errors.js';
import { LevelErrorCode } from '../levels/levels.errors.js';
import { OrderErrorCode } from '../orders/orders.errors.js';
import { AcknowledgementErrorCode } from '../acknowledgements/acknowledgements.errors.js';
import { RegistryErrorCode } from '../registry/registry.errors.js';
import { RulesErrorCode } from '../rules/rules.errors.js';
import { SeasonErrorCode } from '../seasons/seasons.errors.js';
import { SimulationErrorCode } from '../simulations/simulations.errors.js';
import { WarningErrorCode } from '../warnings/warnings.errors.js';

/** Every module's error codes; statusOf's switch must name each of them (exhaustiveness check). */
export type DomainErrorCode =
  | CommonErrorCode
  | AuthErrorCode
  | RegistryErrorCode
  | RulesErrorCode
  | OrderErrorCode
  | AcknowledgementErrorCode
  | SeasonErrorCode
  | LevelErrorCode
  | SimulationErrorCode
  | WarningErrorCode
  | DirectiveErrorCode
  | InspectionErrorCode
  | ComplianceErrorCode
  | DutyErrorCode;

/** An error answer lists at most this many problems (a 60 MB import can have millions). */
export const MAX_ERROR_DETAILS = 1000;
/** …and its message names at most this many. */
const MAX_MESSAGE_PROBLEMS = 20;

/** Caps the list of problems, saying how many there were in all. */
export function capErrorDetails(error: ErrorBody['error']): ErrorBody['error'] {
  if (!Array.isArray(error.details) || error.details.length <= MAX_ERROR_DETAILS) return error;
  const total = error.details.length;
  return { ...error, message: `${error.message} (${total} problems; the first ${MAX_ERROR_DETAILS} are listed)`, details: error.details.slice(0, MAX_ERROR_DETAILS), detailsTotal: total };
}

/** The one place where domain error codes become HTTP statuses. */
export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case CommonErrorCode.INVALID_INPUT:
    case RegistryErrorCode.CODE_MISMATCH:
    case DirectiveErrorCode.LEVEL_END_REQUIRED:
    case InspectionErrorCode.PHOTO_MISSING:
    case InspectionErrorCode.READINGS_UNREADABLE:
    case InspectionErrorCode.READINGS_EMPTY:
    case ComplianceErrorCode.REPORT_DATE_INVALID:
    case SimulationErrorCode.SIMULATION_CSV_MISSING:
      return HttpStatus.BAD_REQUEST;
    case AuthErrorCode.UNAUTHENTICATED:
    case AuthErrorCode.INVALID_CREDENTIALS:
      return HttpStatus.UNAUTHORIZED;
    case AuthErrorCode.FORBIDDEN:
    case AuthErrorCode.CSRF_MISMATCH:
    case AuthErrorCode.PASSWORD_CHANGE_REQUIRED:
    case AcknowledgementErrorCode.LINK_INVALID:
      return HttpStatus.FORBIDDEN;
    case CommonErrorCode.NOT_FOUND:
    case RegistryErrorCode.ENTERPRISE_NOT_FOUND:
    case SeasonErrorCode.SEASON_NOT_FOUND:
    case OrderErrorCode.ORDER_NOT_FOUND:
    case WarningErrorCode.WARNING_NOT_FOUND:
    case DirectiveErrorCode.DIRECTIVE_NOT_FOUND:
    case InspectionErrorCode.DRAW_NOT_FOUND:
    case InspectionErrorCode.TASK_NOT_FOUND:
    case InspectionErrorCode.FINDING_NOT_FOUND:
    case InspectionErrorCode.PHOTO_NOT_FOUND:
    case ComplianceErrorCode.LEDGER_ENTRY_NOT_FOUND:
    case ComplianceErrorCode.DIRECTIVE_NOT_FOUND:
    case DutyErrorCode.SHIFT_NOT_FOUND:
    case AcknowledgementErrorCode.SHORT_LINK_NOT_FOUND:
    case AcknowledgementErrorCode.SMS_CALLBACK_REFUSED:
      return HttpStatus.NOT_FOUND;
    case CommonErrorCode.CONFLICT:
    case RegistryErrorCode.ENTERPRISE_EXISTS:
    case RegistryErrorCode.VERSION_CONFLICT:
    case AuthErrorCode.USERNAME_TAKEN:
    case OrderErrorCode.ORDER_SUPERSEDED:
    case AcknowledgementErrorCode.NOT_ACKNOWLEDGED:
    case DirectiveErrorCode.LEVEL_CONFLICT:
    case DirectiveErrorCode.LEVEL_CHANGE_REFUSED:
    case InspectionErrorCode.TEAM_EXISTS:
    case ComplianceErrorCode.LEDGER_ENTRY_VOIDED:
    case DutyErrorCode.SHIFT_OVERLAP:
      return HttpStatus.CONFLICT;
    case AcknowledgementErrorCode.LINK_EXPIRED:
    case AcknowledgementErrorCode.SHORT_LINK_EXPIRED:
      return HttpStatus.GONE;
    case CommonErrorCode.PAYLOAD_TOO_LARGE:
    case InspectionErrorCode.PHOTO_TOO_LARGE:
    case InspectionErrorCode.READINGS_TOO_MANY:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case CommonErrorCode.UNSUPPORTED_MEDIA_TYPE:
    case InspectionErrorCode.PHOTO_TYPE_NOT_ALLOWED:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case CommonErrorCode.UNPROCESSABLE:
    case RegistryErrorCode.ENTERPRISE_INVALID:
    case RegistryErrorCode.IMPORT_INVALID:
    case RulesErrorCode.RULES_INPUT_INVALID:
    case AcknowledgementErrorCode.LINE_NOT_RESTRICTED:
    case LevelErrorCode.FORECAST_UNKNOWN_KEYS:
    case SimulationErrorCode.SIMULATION_CSV_INVALID:
    case SimulationErrorCode.SIMULATION_OVERLAY_INVALID:
    case DirectiveErrorCode.UNKNOWN_COUNTY:
    case InspectionErrorCode.TEAM_COUNTY_UNKNOWN:
    case InspectionErrorCode.TEAM_UNKNOWN:
    case InspectionErrorCode.DRAW_NO_CANDIDATES:
    case InspectionErrorCode.DRAW_NO_TEAMS:
    case InspectionErrorCode.DRAW_TOO_LARGE:
    case InspectionErrorCode.TASK_ENTERPRISE_UNKNOWN:
    case InspectionErrorCode.FINDING_LINE_UNKNOWN:
    case InspectionErrorCode.PHOTO_UNREADABLE:
    case InspectionErrorCode.PHOTO_LIMIT_REACHED:
    case InspectionErrorCode.READINGS_INVALID:
    case DutyErrorCode.SHIFT_INVALID:
    case DutyErrorCode.DUTY_USER_INVALID:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case AuthErrorCode.TOO_MANY_ATTEMPTS:
      return HttpStatus.TOO_MANY_REQUESTS;
    default: {
      const unhandled: never = code;
      throw new Error(`unmapped domain error code ${String(unhandled)}`);
    }
  }
}

const HTTP_CODES: Record<number, string> = {
  400: CommonErrorCode.INVALID_INPUT,
  401: AuthErrorCode.UNAUTHENTICATED,
  403: AuthErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  409: CommonErrorCode.CONFLICT,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
  422: CommonErrorCode.UNPROCESSABLE,
  429: AuthErrorCode.TOO_MANY_ATTEMPTS,
};

/** Errors thrown by express's body parser carry a status and a type. */
interface BodyParserError {
  status: number;
  type: string;
  message: string;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return typeof e === 'object' && e !== null && typeof (e as BodyParserError).status === 'number' && typeof (e as BodyParserError).type === 'string';
}

/** Seconds a throttled caller should wait, from the error's details (`retryAfterSeconds`), else a minute. */
function retryAfterSeconds(details: unknown): number {
  const s = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof s === 'number' && Number.isFinite(s) && s > 0 ? Math.ceil(s) : 60;
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toResponse(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (status === 429 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(retryAfterSeconds(body.error.details)));
    res.status(status).json({ error: capErrorDetails(body.error) });
  }

  private toResponse(exception: unknown): [number, ErrorBody] {
    if (exception instanceof DomainError) {
      const error: ErrorBody['error'] = { code: exception.code, message: exception.message };
      if (exception.details !== undefined) error.details = exception.details;
      return [statusOf(exception.code), { error }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      let message = exception.message;
      let details: unknown;
      if (typeof response === 'object' && response !== null) {
        const m = (response as { message?: unknown }).message;
        // ValidationPipe puts the list of problems in `message`.
        if (Array.isArray(m)) {
          message = m.slice(0, MAX_MESSAGE_PROBLEMS).map(String).join('; ') + (m.length > MAX_MESSAGE_PROBLEMS ? `; … (${m.length} problems in all)` : '');
          details = m;
        } else if (typeof m === 'string') {
          message = m;
        }
      }
      const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'HTTP_' + status);
      return [status, { error: { code, message, ...(details !== undefined ? { details } : {}) } }];
    }
    if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) {
      const message =
        exception.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON: ' + exception.message
          : exception.type === 'entity.too.large'
            ? 'The request body is too large'
            : exception.message;
      return [exception.status, { error: { code: HTTP_CODES[exception.status] ?? 'HTTP_' + exception.status, message } }];
    }
    return [500, { error: { code: 'INTERNAL', message: 'Internal error; the request id in X-Request-Id helps the operators find it.' } }];
  }
}
