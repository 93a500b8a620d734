// The station's own errors: a station used after stop(), and two blocks offering the same API name.
import { OcppStationError } from '../errors.js';

/** start() after stop(): a stopped station has closed its stores; make a new one on the same stores instead. */
export class StationStoppedError extends OcppStationError {
  override readonly name = 'StationStoppedError';
  override readonly code = 'STATION_STOPPED';
  constructor() {
    super('this station was stopped; create a new one to start again');
  }
}

/** Two blocks of the station offer a method of the same name, or a block offers one the station has itself. */
export class DuplicateApiError extends OcppStationError {
  override readonly name = 'DuplicateApiError';
  override readonly code = 'BLOCK_DUPLICATE_API';
  constructor(readonly member: string, readonly owner: string) {
    super(`the ${owner} block cannot offer "${member}": the station already has it`);
  }
}
