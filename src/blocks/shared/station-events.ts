// What the integrator hears of the station: one typed event bus (`station.events.on(name, listener)`).
// Events of the station as a whole are declared here; each block adds its own with declaration merging
// (`declare module '../shared/station-events.js' { interface StationEvents { … } }`), next to the code that
// emits them. Listeners run synchronously, in subscription order; one that throws is logged and skipped.
import type { VariableChange } from '../../device-model/device-model.js';
import type { FrameDirection } from '../../rpc/frame-codec.js';
import type { ConnectionFailureKind } from '../../transport/websocket-connection.js';

export type { FrameDirection };

/** The connection to the CSMS, as one state at a time. */
export type ConnectionStatus =
  /** An attempt to open the websocket started. `attempt` counts attempts since the last successful one (1 = first). */
  | { readonly state: 'connecting'; readonly slot: number; readonly url: string; readonly attempt: number }
  /** The websocket is open (the BootNotification follows unless the station is already registered). */
  | { readonly state: 'open'; readonly slot: number; readonly url: string; readonly securityProfile: number }
  /** The websocket closed; `willReconnect` tells whether the station tries again by itself. */
  | { readonly state: 'closed'; readonly code: number; readonly reason: string; readonly willReconnect: boolean }
  /** Waiting `delayMs` (the reconnect back-off) before attempt number `attempt`. */
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly delayMs: number }
  /** An attempt failed: refused, TLS, no subprotocol, timeout… (`reason` says what happened). */
  | {
      readonly state: 'failed';
      readonly slot: number;
      readonly url: string;
      readonly kind: ConnectionFailureKind;
      readonly reason: string;
      /** The HTTP status of a refused handshake. */
      readonly statusCode?: number;
      /** Milliseconds until the next attempt; 0 when the station is stopping and will not retry. */
      readonly retryInMs: number;
    };


/** One OCPP-J frame as it was on the wire. */
export interface FrameEvent {
  readonly direction: FrameDirection;
  readonly text: string;
}

/** Every event by name; blocks add theirs (see above). */
export interface StationEvents {
  /** The connection state changed. */
  connectionChanged: ConnectionStatus;
  /** Every OCPP-J frame in and out (for consoles and message logs). */
  frame: FrameEvent;
  /** A device-model variable changed, whoever changed it (CSMS, integrator, station). */
  variableChanged: VariableChange;
}

export type StationEventName = keyof StationEvents & string;
