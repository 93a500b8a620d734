// From the link to the blocks and the integrator: each connection change drives the blocks' lifecycle hooks
// first, then goes out on the event bus; every frame goes out too, when anyone listens.
import type { EventBus } from '../events/event-bus.js';
import type { OcppLink } from '../link/ocpp-link.js';
import type { StationBlock } from '../blocks/shared/block-contract.js';
import type { StationEvents } from '../blocks/shared/station-events.js';

export function watchLink(link: OcppLink, bus: EventBus<StationEvents>, blocks: readonly StationBlock[]): void {
  link.onConnecting((info) => bus.emit('connectionChanged', { state: 'connecting', slot: info.slot, url: info.url, attempt: info.attempt }));
  link.onWaiting((info) => bus.emit('connectionChanged', { state: 'reconnecting', attempt: info.attempt, delayMs: info.delayMs }));
  link.onConnected((info) => {
    for (const block of blocks) block.linkUp?.(info);
    bus.emit('connectionChanged', { state: 'open', slot: info.slot, url: info.url, securityProfile: info.securityProfile });
  });
  link.onDisconnected((info) => {
    for (const block of blocks) block.linkDown?.(info);
    bus.emit('connectionChanged', { state: 'closed', code: info.code, reason: info.reason, willReconnect: info.willReconnect });
  });
  link.onConnectionFailed((failure) =>
    bus.emit('connectionChanged', {
      state: 'failed',
      slot: failure.slot,
      url: failure.url,
      kind: failure.kind,
      reason: failure.message,
      retryInMs: failure.retryInMs,
      ...(failure.statusCode !== undefined ? { statusCode: failure.statusCode } : {}),
    }),
  );
  link.onFrame((direction, text) => {
    if (bus.has('frame')) bus.emit('frame', { direction, text });
  });
}
