// An OcppLink aimed at a test CSMS peer, with a FakeClock, fixed back-off randomness and no pings: what the
// link end-to-end tests share.
import { OcppLink } from '../../src/link/ocpp-link.js';
import type { LinkSettings } from '../../src/link/link-settings.js';
import { MemoryQueueStore } from '../../src/storage/memory/memory-queue-store.js';
import { InMemoryNetworkProfiles } from '../../src/transport/network-profiles.js';
import { FakeClock } from '../fakes/fake-clock.js';
import type { CsmsPeer } from './csms-peer.js';

export interface TestLinkOptions {
  stationId: string;
  password?: string;
  settings?: Partial<LinkSettings>;
  /** A clock of its own for the network (OcppLinkOptions.networkClock); the link's clock by default. */
  networkClock?: FakeClock;
}

export function createTestLink(peer: CsmsPeer, options: TestLinkOptions): { link: OcppLink; clock: FakeClock } {
  const clock = new FakeClock(new Date());
  const link = new OcppLink({
    stationId: options.stationId,
    store: new MemoryQueueStore(),
    profiles: InMemoryNetworkProfiles.forCsms(peer.url),
    credentials: () => ({ basicAuthPassword: options.password ?? 'test-password-000001' }),
    clock,
    ...(options.networkClock ? { networkClock: options.networkClock } : {}),
    random: () => 0,
    settings: { webSocketPingIntervalSeconds: 0, ...options.settings },
  });
  return { link, clock };
}
