// What StationControl is asked, checked against the simulated hardware: an EVSE or a connector that does not
// exist, or a token that is not one, is a ControlError whose message says what there is.
import { ControlError } from '../control/station-control.js';
import { ID_TOKEN_TYPES } from '../device-model/standardized/auth-ctrlr.js';
import type { IdTokenEnumType } from '../messages/types.js';
import type { ConnectorState, SimulatedEvse } from './simulated-evse.js';

const MAX_ID_TOKEN_LENGTH = 36;

export function evseOf(evses: ReadonlyMap<number, SimulatedEvse>, evseId: number): SimulatedEvse {
  const evse = evses.get(evseId);
  if (!evse) throw new ControlError(`EVSE ${evseId} does not exist (EVSEs: ${[...evses.keys()].join(', ')})`);
  return evse;
}

export function connectorOf(evse: SimulatedEvse, connectorId: number): ConnectorState {
  const connector = evse.connector(connectorId);
  if (!connector) {
    throw new ControlError(`EVSE ${evse.id} has no connector ${connectorId} (connectors: ${[...evse.connectors.keys()].join(', ')})`);
  }
  return connector;
}

/** An idToken of 1 to 36 characters, of one of the types the specification names. */
export function checkIdToken(idToken: string, type: IdTokenEnumType): void {
  if (typeof idToken !== 'string' || idToken.length === 0 || idToken.length > MAX_ID_TOKEN_LENGTH) {
    throw new ControlError(`an idToken has 1 to ${MAX_ID_TOKEN_LENGTH} characters, got "${String(idToken)}"`);
  }
  if (!ID_TOKEN_TYPES.includes(type)) throw new ControlError(`"${type}" is not an idToken type (${ID_TOKEN_TYPES.join(', ')})`);
}
