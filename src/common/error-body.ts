// The JSON body of every error answer. Declared in common so that middleware answering
// before the HttpErrorFilter (src/app) runs writes the same shape without importing app.
export interface ErrorBody {
  /** `detailsTotal`: how many problems there were when `details` lists only the first MAX_ERROR_DETAILS. */
  error: { code: string; message: string; details?: unknown; detailsTotal?: number };
}
