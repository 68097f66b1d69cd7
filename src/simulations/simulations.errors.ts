// Season simulator error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum SimulationErrorCode {
  /** Neither a text/csv body nor JSON { csv } was sent (400). */
  SIMULATION_CSV_MISSING = 'SIMULATION_CSV_MISSING',
  /** The AQI CSV has row or column problems, each listed in details as { row, column, message } (422). */
  SIMULATION_CSV_INVALID = 'SIMULATION_CSV_INVALID',
  /** The overlay names a field or value the configuration would refuse, listed as { field, message } (422). */
  SIMULATION_OVERLAY_INVALID = 'SIMULATION_OVERLAY_INVALID',
}
