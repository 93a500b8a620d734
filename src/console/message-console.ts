// A readable line per OCPP-J frame for the terminal: direction, action, message id and a short payload,
// coloured when the output is a terminal. Whatever comes from the peer is cut to maxPayloadChars (a frame of
// megabytes is one short line). Answers are labelled with the action of the call they answer. The
// BasicAuthPassword a SetVariables call carries is censored first (A01.FR.12, frame-redaction.ts).
import { redactFrame } from '../frame-redaction.js';

export interface ConsoleFormatOptions {
  /** ANSI colours (when writing to a terminal). */
  colour: boolean;
  /** Longest payload shown before it is cut. */
  maxPayloadChars?: number;
}

const COLOURS = { out: '\u001b[36m', in: '\u001b[32m', error: '\u001b[31m', dim: '\u001b[2m', reset: '\u001b[0m' };

/** Formats frames; remembers the action of each CALL so that its answer can be named. */
export class MessageConsole {
  private readonly pending = new Map<string, string>();

  constructor(private readonly options: ConsoleFormatOptions) {}

  format(direction: 'in' | 'out', frameText: string): string {
    const text = redactFrame(frameText);
    const arrow = direction === 'out' ? '→' : '←';
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return this.paint('error', `${arrow} (not JSON) ${this.cut(text)}`);
    }
    if (!Array.isArray(frame)) return this.paint('error', `${arrow} (not a frame) ${this.cut(text)}`);
    const [type, id] = frame as [unknown, unknown];
    const messageId = typeof id === 'string' ? id : '?';
    const shortId = messageId.slice(0, 8);
    if (type === 2) {
      const action = this.cut(String(frame[2]));
      this.pending.set(messageId, action);
      return this.paint(direction, `${arrow} ${action} #${shortId} ${this.cut(JSON.stringify(frame[3]))}`);
    }
    const action = this.pending.get(messageId) ?? '?';
    this.pending.delete(messageId);
    if (type === 3) return this.paint(direction, `${arrow} ${action} answer #${shortId} ${this.cut(JSON.stringify(frame[2]))}`);
    if (type === 4) return this.paint('error', `${arrow} ${action} CALLERROR #${shortId} ${this.cut(String(frame[2]))}: ${this.cut(String(frame[3]))}`);
    return this.paint('error', `${arrow} message type ${this.cut(String(type))} #${shortId}`);
  }

  private cut(text: string | undefined): string {
    const max = this.options.maxPayloadChars ?? 120;
    if (text === undefined) return '';
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  private paint(kind: keyof typeof COLOURS, line: string): string {
    return this.options.colour ? `${COLOURS[kind]}${line}${COLOURS.reset}` : line;
  }
}
