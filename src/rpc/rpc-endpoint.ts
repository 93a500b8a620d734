// One side of an OCPP-J connection: sends CALLs one at a time and matches their answers, and answers the
// peer's CALLs through the handler router. It knows frames and payloads, not sockets: bytes go out through
// `transmit` and come in through `receive`.
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import { isOcppAction, type Action, type Request, type Response } from '../messages/types.js';
import { captureCallSite, type CallSite } from './call-site.js';
import { decodeFrame, encodeCall, encodeCallError, encodeCallResult, type Frame } from './frame-codec.js';
import {
  ConnectionLostError,
  FrameTooLargeError,
  OcppError,
  RpcTimeoutError,
  isRpcErrorCode,
} from './errors.js';
import type { HandlerRouter } from './handler-router.js';
import { assertValidOutgoing, validatePayload } from './schema-validator.js';

/** Why an incoming message was refused; later blocks raise the InvalidMessages security event from it. */
export interface InvalidMessageReport {
  readonly messageId: string;
  readonly action?: string;
  readonly errorCode: string;
  readonly description: string;
}

export interface RpcEndpointOptions {
  clock: Clock;
  logger: Logger;
  router: HandlerRouter;
  /** Puts one text frame on the wire; throws ConnectionLostError when there is no connection. */
  transmit: (text: string) => void;
  /** Read on every call: MessageTimeout in seconds. */
  messageTimeoutSeconds: () => number;
  /** Read on every frame: the largest frame accepted or sent, in UTF-8 bytes. */
  maxFrameBytes: () => number;
  /**
   * Decides whether an incoming CALL may be handled now (e.g. registration rules B02/B03). Returns the
   * error to answer with, or undefined to let the handler run.
   */
  admitCall?: (action: Action) => OcppError | undefined;
  onInvalidMessage?: (report: InvalidMessageReport) => void;
  newMessageId?: () => string;
}

interface OutgoingCall {
  readonly action: Action;
  readonly frame: string;
  readonly messageId: string;
  readonly resolve: (payload: unknown) => void;
  readonly reject: (error: Error) => void;
  /** Where the call was made, for the stack of its timeout. */
  readonly callSite: CallSite;
  timer?: TimerHandle;
}

export interface CallOptions {
  /** The caller validated the payload a moment ago (the queue, at enqueue): it is not checked twice. */
  alreadyValidated?: boolean;
  /** Where the call was really made, when it reaches the endpoint later (through the queue); else captured here. */
  callSite?: CallSite;
}

/** The longest our CALLs wait for a handler's answer before they go anyway (station clock). */
export const HOLD_LIMIT_MS = 2000;

/**
 * Incoming CALLs answered in a row before the chain lets the event loop run once (a setImmediate): a CSMS that
 * floods CALLs would otherwise keep timers, sockets and pings waiting until the whole burst is answered.
 */
export const INBOUND_CALLS_PER_TURN = 32;

export class RpcEndpoint {
  private inFlight: OutgoingCall | undefined;
  private readonly waiting: OutgoingCall[] = [];
  /** Incoming CALLs are answered in arrival order, one at a time. */
  private inboundChain: Promise<void> = Promise.resolve();
  private answeredThisTurn = 0;
  /**
   * Set while a handler decides its answer: our CALLs wait, so the answer goes out before the messages it
   * causes (F06.FR.04, the F03 sequence). Lifted early if the handler takes longer than HOLD_LIMIT_MS, so a
   * handler that awaits a CALL of its own cannot deadlock.
   */
  private hold: { timer: TimerHandle } | undefined;
  private readonly newMessageId: () => string;

  constructor(private readonly options: RpcEndpointOptions) {
    this.newMessageId = options.newMessageId ?? randomUUID;
  }

  /**
   * Sends a CALL and resolves with the validated CALLRESULT payload. Rejects with OcppError for a CALLERROR,
   * RpcTimeoutError after MessageTimeout, ConnectionLostError when the link drops first. A payload that breaks
   * its schema, or a frame over the size limit, throws at once and is never sent: that is a programming error.
   * Calls made while one is outstanding wait their turn (at most one outstanding CALL per direction). The stack
   * of an RpcTimeoutError shows where the call was made.
   */
  call<A extends Action>(action: A, payload: Request<A>, options: CallOptions = {}): Promise<Response<A>> {
    if (!options.alreadyValidated) assertValidOutgoing(action, 'Request', payload);
    const messageId = this.newMessageId();
    const frame = encodeCall(messageId, action, payload);
    this.assertFrameFits(frame);
    const callSite = options.callSite ?? captureCallSite(this.call);
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.push({ action, frame, messageId, resolve, reject, callSite });
      this.sendNext();
    }) as Promise<Response<A>>;
  }

  /** Handles one text frame from the peer. Never throws. */
  receive(text: string): void {
    const limit = this.options.maxFrameBytes();
    const size = byteLength(text, limit);
    if (size > limit) {
      this.refuseOversizedFrame(text, size, limit);
      return;
    }
    const decoded = decodeFrame(text);
    if (!decoded.ok) {
      const { fault } = decoded;
      this.reportInvalid({ messageId: fault.messageId, errorCode: fault.errorCode, description: fault.description });
      if (fault.reply) this.sendError(fault.messageId, new OcppError(fault.errorCode, fault.description));
      else this.options.logger.warn({ fault }, 'dropped a malformed frame');
      return;
    }
    this.dispatch(decoded.frame);
  }

  /** The connection is gone: every outstanding and waiting CALL fails with ConnectionLostError. */
  connectionClosed(): void {
    const failed = [...(this.inFlight ? [this.inFlight] : []), ...this.waiting.splice(0)];
    this.inFlight = undefined;
    for (const call of failed) {
      if (call.timer) this.options.clock.clearTimeout(call.timer);
      call.reject(new ConnectionLostError(call.action, 'the connection to the CSMS closed before an answer came'));
    }
  }

  /** True while a CALL of ours waits for its answer. */
  get hasCallInFlight(): boolean {
    return this.inFlight !== undefined;
  }

  private dispatch(frame: Frame): void {
    switch (frame.type) {
      case 'call':
        this.inboundChain = this.inboundChain
          .then(() => this.yieldNowAndThen())
          .then(() => this.answerCall(frame.messageId, frame.action, frame.payload))
          .catch((error: unknown) => this.options.logger.error({ err: error }, 'failed to answer a call'));
        return;
      case 'callResult':
        this.settle(frame.messageId, (call) => {
          const outcome = validatePayload(call.action, 'Response', frame.payload);
          if (outcome.ok) call.resolve(frame.payload);
          else {
            const description = `${call.action}Response invalid at ${outcome.path || '/'}: ${outcome.message}`;
            this.reportInvalid({ messageId: frame.messageId, action: call.action, errorCode: outcome.errorCode, description });
            call.reject(new OcppError(outcome.errorCode, description, { path: outcome.path }));
          }
        });
        return;
      case 'callError':
        this.settle(frame.messageId, (call) => {
          const code = isRpcErrorCode(frame.errorCode) ? frame.errorCode : 'GenericError';
          const details = isPlainObject(frame.errorDetails) ? frame.errorDetails : {};
          call.reject(new OcppError(code, frame.errorDescription, details));
        });
        return;
    }
  }

  /** Every INBOUND_CALLS_PER_TURN answers, one turn of the event loop before the next. */
  private yieldNowAndThen(): Promise<void> | undefined {
    if (++this.answeredThisTurn < INBOUND_CALLS_PER_TURN) return undefined;
    this.answeredThisTurn = 0;
    return new Promise((resolve) => setImmediate(resolve));
  }

  private async answerCall(messageId: string, action: string, payload: unknown): Promise<void> {
    const { logger, router } = this.options;
    if (!isOcppAction(action)) {
      // Part 4 table 8: NotImplemented = "Requested Action is not known by receiver".
      this.refuseCall(messageId, action, new OcppError('NotImplemented', `${action} is not an OCPP 2.0.1 action`));
      return;
    }
    const validation = validatePayload(action, 'Request', payload);
    if (!validation.ok) {
      const error = new OcppError(
        validation.errorCode,
        `${action}Request invalid at ${validation.path || '/'}: ${validation.message}`,
        { path: validation.path },
      );
      this.refuseCall(messageId, action, error);
      return;
    }
    const handler = router.handlerFor(action);
    if (!handler) {
      // Part 4 table 8 (and its example, corrected by the 2025-09 errata): an action the receiver recognises
      // but does not support is answered NotSupported.
      this.sendError(messageId, new OcppError('NotSupported', `${action} is not supported by this charging station`));
      return;
    }
    const refusal = this.options.admitCall?.(action);
    if (refusal) {
      this.sendError(messageId, refusal);
      return;
    }
    let response: unknown;
    const followUps: (() => void)[] = [];
    this.holdCalls(action);
    try {
      response = await handler(payload as never, { messageId, action, afterResponse: (task) => followUps.push(task) });
    } catch (error) {
      if (error instanceof OcppError) this.sendError(messageId, error);
      else {
        logger.error({ err: error, action, messageId }, 'handler failed');
        this.sendError(messageId, new OcppError('InternalError', `${action} could not be processed`));
      }
      this.releaseCalls();
      return;
    }
    const sent = this.sendResult(messageId, action, response);
    this.releaseCalls();
    if (!sent) return;
    for (const task of followUps) {
      try {
        task();
      } catch (error) {
        logger.error({ err: error, action, messageId }, 'a task after the response failed');
      }
    }
  }

  /** Sends the CALLRESULT; false when the response could not be sent as it was (answered InternalError instead). */
  private sendResult(messageId: string, action: Action, response: unknown): boolean {
    try {
      assertValidOutgoing(action, 'Response', response);
      const frame = encodeCallResult(messageId, response);
      this.assertFrameFits(frame);
      this.transmitQuietly(frame);
      return true;
    } catch (error) {
      // Our own handler produced something we must not send (invalid, too large, not serializable): a bug,
      // answered as such rather than sent.
      this.options.logger.error({ err: error, action, messageId }, 'handler produced an unsendable response');
      this.sendError(messageId, new OcppError('InternalError', `${action} produced an invalid response`));
      return false;
    }
  }

  private refuseCall(messageId: string, action: string, error: OcppError): void {
    this.reportInvalid({ messageId, action, errorCode: error.code, description: error.description });
    this.sendError(messageId, error);
  }

  private sendError(messageId: string, error: OcppError): void {
    this.transmitQuietly(encodeCallError(messageId, error));
  }

  /** Answers are best effort: if the link dropped meanwhile, the peer will time out and retry. */
  private transmitQuietly(frame: string): void {
    try {
      this.options.transmit(frame);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not send an answer: link down');
    }
  }

  private settle(messageId: string, settleCall: (call: OutgoingCall) => void): void {
    const call = this.inFlight;
    if (!call || call.messageId !== messageId) {
      this.options.logger.warn({ messageId }, 'dropped an answer to no outstanding call');
      return;
    }
    if (call.timer) this.options.clock.clearTimeout(call.timer);
    this.inFlight = undefined;
    settleCall(call);
    this.sendNext();
  }

  private holdCalls(action: Action): void {
    const timer = this.options.clock.setTimeout(() => {
      this.options.logger.warn({ action, limitMs: HOLD_LIMIT_MS }, 'a handler is slow to answer: our calls go before its answer');
      this.releaseCalls();
    }, HOLD_LIMIT_MS);
    this.hold = { timer };
  }

  private releaseCalls(): void {
    if (!this.hold) return;
    this.options.clock.clearTimeout(this.hold.timer);
    this.hold = undefined;
    this.sendNext();
  }

  private sendNext(): void {
    if (this.inFlight || this.hold) return;
    const call = this.waiting.shift();
    if (!call) return;
    try {
      this.options.transmit(call.frame);
    } catch (error) {
      call.reject(error instanceof Error ? error : new ConnectionLostError(call.action, undefined, { cause: error }));
      this.sendNext();
      return;
    }
    this.inFlight = call;
    const timeoutMs = this.options.messageTimeoutSeconds() * 1000;
    call.timer = this.options.clock.setTimeout(() => {
      if (this.inFlight !== call) return;
      this.inFlight = undefined;
      call.reject(new RpcTimeoutError(call.action, call.messageId, timeoutMs, call.callSite));
      this.sendNext();
    }, timeoutMs);
  }

  private refuseOversizedFrame(text: string, size: number, limit: number): void {
    const head = /^\s*\[\s*([234])\s*,\s*"([^"\\]{1,36})"/.exec(text.slice(0, 64));
    const error = new FrameTooLargeError(size, limit, 'incoming');
    this.options.logger.warn({ size, limit }, 'refused an oversized frame');
    const type = head?.[1];
    const messageId = head?.[2] ?? '-1';
    if (type === '3' || type === '4') {
      // An answer to our call that we cannot read: the call fails instead of hanging until its timeout.
      this.settle(messageId, (call) => call.reject(error));
      return;
    }
    this.reportInvalid({ messageId, errorCode: 'RpcFrameworkError', description: error.message });
    this.sendError(messageId, new OcppError('RpcFrameworkError', error.message, { limitBytes: limit }));
  }

  private assertFrameFits(frame: string): void {
    const limit = this.options.maxFrameBytes();
    const size = byteLength(frame, limit);
    if (size > limit) throw new FrameTooLargeError(size, limit, 'outgoing');
  }

  private reportInvalid(report: InvalidMessageReport): void {
    this.options.logger.warn(report, 'refused an invalid message');
    this.options.onInvalidMessage?.(report);
  }
}

/** UTF-8 size of a frame, skipping the count when the frame cannot possibly exceed the limit. */
function byteLength(text: string, limit: number): number {
  return text.length * 3 <= limit ? text.length : Buffer.byteLength(text, 'utf8');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
