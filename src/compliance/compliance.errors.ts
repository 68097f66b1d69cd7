// Compliance (ledger, reports) error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum ComplianceErrorCode {
  LEDGER_ENTRY_NOT_FOUND = 'LEDGER_ENTRY_NOT_FOUND',
  /** A voided ledger entry stays voided (409). */
  LEDGER_ENTRY_VOIDED = 'LEDGER_ENTRY_VOIDED',
  /** A report's `date` is not a calendar date (400). */
  REPORT_DATE_INVALID = 'REPORT_DATE_INVALID',
  /** A report asked for a directive that does not exist; same code (and meaning) as the directives module's. */
  DIRECTIVE_NOT_FOUND = 'DIRECTIVE_NOT_FOUND',
}
