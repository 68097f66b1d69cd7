/** One problem found in a bulk registry import. */
export interface ImportIssue {
  /** 1-based spreadsheet row (the header is row 1) for CSV / XLSX; null for JSON. */
  row: number | null;
  /** Position in the `enterprises` array for JSON; null for CSV / XLSX. */
  index: number | null;
  /** The enterprise's code as written (trimmed, uppercased), null when blank or unknown. */
  enterpriseCode: string | null;
  /** A JSON path (`lines[1].capacity`) for JSON, a column name (`line_capacity`) for CSV / XLSX. */
  field: string;
  message: string;
}

export interface RegistryImportResult<E> {
  /** The records that passed validation; the caller decides whether to apply a partly bad file. */
  enterprises: E[];
  errors: ImportIssue[];
}
