// B06.FR.16/17, B05 (ItemsPerMessage/BytesPerMessage of SetVariables), B08.FR.17/18: a request with more
// items or bytes than DeviceDataCtrlr allows is answered with the CALLERROR the specification names.
import { OcppError } from '../../rpc/errors.js';

export interface MessageLimits {
  readonly items?: number;
  readonly bytes?: number;
}

/** Throws OcppError(OccurrenceConstraintViolation) for too many items, OcppError(FormatViolation) for too many bytes. */
export function enforceMessageLimits(action: string, payload: unknown, itemCount: number, limits: MessageLimits): void {
  if (limits.items !== undefined && limits.items > 0 && itemCount > limits.items) {
    throw new OcppError('OccurrenceConstraintViolation', `${action} holds ${itemCount} items; at most ${limits.items} are allowed`);
  }
  if (limits.bytes !== undefined && limits.bytes > 0) {
    const size = Buffer.byteLength(JSON.stringify(payload), 'utf8');
    if (size > limits.bytes) {
      throw new OcppError('FormatViolation', `${action} is ${size} bytes; at most ${limits.bytes} are allowed`);
    }
  }
}
