// Which ChargingStationCertificate the TLS client presents (security profile 3), and the trial of a renewed one
// (A02.FR.08/10/28/29 as the 2025 errata have them, A03.FR.08/10/24/25 the same). A renewed certificate is stored
// 'active' with its predecessor kept as 'fallback'. Attempts present the new one; each time a whole round of
// attempts (every NetworkConfigurationPriority entry, NetworkProfileConnectionAttempts each) fails, the station
// alternates to the other certificate, and keeps alternating: it never stops trying (B10.FR.09). The first
// connection that opens at profile 3 decides: the certificate it presented stays, the other one and its key are
// discarded (A02.FR.10); when the discarded one is the renewed one the CSMS hears of it with
// DiscardedRenewedClientCertificate (A02.FR.29), so it can trigger a new renewal. The trial is the store's state
// (a 'fallback' exists), so it goes on after a restart, starting with the new certificate again.
import type { KeyStore } from '../../storage/key-store.js';
import type { InstalledCertificate, InstalledCertificates } from './installed-certificates.js';

export interface ClientCertificateTrialOptions {
  readonly certificates: InstalledCertificates;
  readonly keys: KeyStore;
  /** Failed attempts that make one round: priority entries × attempts per entry. */
  readonly roundLength: () => number;
  readonly securityEvent: (type: string, techInfo: string) => void;
  readonly logger: { info(fields: object, message: string): void };
}

export interface ClientCertificate {
  readonly certificateChain: string;
  readonly privateKey: string;
}

export class ClientCertificateTrial {
  private presentFallback = false;
  private failuresInRound = 0;
  /** The certificate the latest attempt presented. */
  private presentedId: number | undefined;

  constructor(private readonly options: ClientCertificateTrialOptions) {}

  /** A renewed certificate is waiting to be proven by a connection. */
  get inTrial(): boolean {
    return this.fallback() !== undefined;
  }

  /** A renewed certificate was stored: attempts start with it. */
  begin(): void {
    this.presentFallback = false;
    this.failuresInRound = 0;
  }

  /** The certificate (with its key) for the next connection attempt. */
  clientCertificate(): ClientCertificate | undefined {
    const active = this.active();
    const fallback = this.fallback();
    const chosen = (this.presentFallback ? fallback : active) ?? active ?? fallback;
    this.presentedId = chosen?.stored.id;
    if (chosen?.stored.keyId === undefined) return undefined;
    const privateKey = this.options.keys.load(chosen.stored.keyId);
    return privateKey === undefined ? undefined : { certificateChain: chosen.stored.pem, privateKey };
  }

  /** An attempt failed: after a whole round the other certificate gets its turn (A02.FR.28). */
  attemptFailed(): void {
    if (!this.inTrial) return;
    this.failuresInRound++;
    if (this.failuresInRound < Math.max(1, this.options.roundLength())) return;
    this.failuresInRound = 0;
    this.presentFallback = !this.presentFallback;
    this.options.logger.info({ presenting: this.presentFallback ? 'previous' : 'renewed' }, 'no connection in a whole round: trying the other client certificate');
  }

  /** A connection opened: at profile 3 the certificate it presented stays and the other one goes (A02.FR.10). */
  connected(securityProfile: number): void {
    if (securityProfile !== 3 || !this.inTrial || this.presentedId === undefined) return;
    const kept = this.presentedId;
    const keptEntry = this.stationCertificates().find((entry) => entry.stored.id === kept);
    if (keptEntry === undefined) return;
    const discarded = this.stationCertificates().filter((entry) => entry.stored.id !== kept);
    for (const entry of discarded) {
      this.options.certificates.remove(entry.stored.id);
      if (entry.stored.keyId !== undefined && entry.stored.keyId !== keptEntry.stored.keyId) this.options.keys.remove(entry.stored.keyId);
    }
    if (keptEntry.stored.state === 'fallback') {
      this.options.certificates.setState(kept, 'active');
      this.options.securityEvent(
        'DiscardedRenewedClientCertificate',
        `connected with the previous client certificate (serial ${keptEntry.chain[0]!.serialNumber}); the renewed one is discarded`,
      );
    }
    this.options.logger.info({ kept: keptEntry.stored.state === 'fallback' ? 'previous' : 'renewed' }, 'client certificate trial ended');
    this.begin();
  }

  private stationCertificates(): InstalledCertificate[] {
    return this.options.certificates.ofRole('ChargingStationCertificate', ['active', 'fallback']);
  }

  private active(): InstalledCertificate | undefined {
    // Newest first by the start of validity, should more than one be active (e.g. seeded and installed).
    return this.options.certificates
      .ofRole('ChargingStationCertificate', ['active'])
      .sort((a, b) => Date.parse(b.chain[0]!.validFrom) - Date.parse(a.chain[0]!.validFrom))[0];
  }

  private fallback(): InstalledCertificate | undefined {
    return this.options.certificates.ofRole('ChargingStationCertificate', ['fallback'])[0];
  }
}
