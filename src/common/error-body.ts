/** The shape of every error answer: the filter in src/app writes it, and so do middlewares that answer before Nest. */
export interface ErrorBody {
  /** `detailsTotal`: how many problems there were when `details` lists only the first MAX_ERROR_DETAILS. */
  error: { code: string; message: string; details?: unknown; detailsTotal?: number };
}
