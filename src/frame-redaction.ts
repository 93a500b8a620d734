// A01.FR.12: the station never shows SecurityCtrlr.BasicAuthPassword in what it writes down. The one frame that
// carries it is the CSMS's SetVariables call setting it; before a frame reaches the message log or the console,
// the attributeValue of every such setVariableData entry is replaced (whatever component the entry names: a
// password sent to the wrong component is still a password). A frame that names the variable where a value
// could be, or a SetVariables call of a shape not understood, is replaced as a whole.
import { REDACTED } from './log-redaction.js';

const SECRET_VARIABLE = 'BasicAuthPassword';

/** What stands for a frame that mentions the password but is not a SetVariables call the redaction understands. */
export const REDACTED_FRAME = `${REDACTED} (a frame naming ${SECRET_VARIABLE})`;

/** The frame text with every BasicAuthPassword value censored; the text itself when there is none. */
export function redactFrame(text: string): string {
  // Cheap test first: nearly every frame does not name the variable at all.
  if (!text.includes(SECRET_VARIABLE)) return text;
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return REDACTED_FRAME;
  }
  if (!Array.isArray(frame)) return REDACTED_FRAME;
  // [2, messageId, "SetVariables", payload]: the only message that carries the value.
  if (frame[0] === 2 && frame[2] === 'SetVariables' && frame.length === 4) {
    const payload = redactSetVariables(frame[3]);
    if (payload === undefined) return REDACTED_FRAME;
    return payload === frame[3] ? text : JSON.stringify([frame[0], frame[1], frame[2], payload]);
  }
  // Any other frame may name the variable (a SetVariablesResponse, a report) but never holds its value; unless
  // the name sits in a place a value could be, e.g. a CALLERROR's details echoing the request.
  return mentionsOnlyAsName(frame) ? text : REDACTED_FRAME;
}

/** The payload with the password values censored, itself when it has none, undefined when its shape is unknown. */
function redactSetVariables(payload: unknown): unknown {
  if (!isRecord(payload) || !Array.isArray(payload.setVariableData)) return undefined;
  let changed = false;
  const data = payload.setVariableData.map((entry: unknown) => {
    if (!isRecord(entry) || !isPasswordEntry(entry)) return entry;
    changed = true;
    return { ...entry, attributeValue: REDACTED };
  });
  if (!changed) return undefined; // It names the variable, yet in no entry we recognise.
  return { ...payload, setVariableData: data };
}

function isPasswordEntry(entry: Record<string, unknown>): boolean {
  const { variable } = entry;
  return isRecord(variable) && variable.name === SECRET_VARIABLE;
}

/**
 * True when every string equal to or containing the variable's name is the `name` of a `variable` object,
 * i.e. it names the variable and holds no value (a SetVariablesResult, a GetVariablesResult, a report item).
 */
function mentionsOnlyAsName(value: unknown, key?: string, parentKey?: string): boolean {
  if (typeof value === 'string') return !value.includes(SECRET_VARIABLE) || (key === 'name' && parentKey === 'variable');
  if (Array.isArray(value)) return value.every((item) => mentionsOnlyAsName(item, undefined, key));
  if (isRecord(value)) return Object.entries(value).every(([k, v]) => mentionsOnlyAsName(v, k, key));
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
