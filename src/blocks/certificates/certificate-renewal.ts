// A03.FR.02: the station renews its own certificates by itself, once a month before they expire. Checked when the
// CSMS accepts the registration and then once a day on the station's clock; a use is skipped while a CSR of it
// waits for its certificate or the station waits for a TriggerMessage (A03.FR.19).
import type { Clock, TimerHandle } from '../../clock.js';
import type { SigningUse } from '../../storage/certificate-store.js';

/** A03.FR.02's "one month". */
export const RENEWAL_LEAD_MS = 30 * 24 * 3600 * 1000;
const CHECK_INTERVAL_MS = 24 * 3600 * 1000;

export interface CertificateRenewalOptions {
  readonly clock: Clock;
  /** When the certificate of `use` in service expires, if there is one. */
  readonly expiry: (use: SigningUse) => Date | undefined;
  /** Whether the station may send a CSR of `use` by itself now (one is not already waiting, …). */
  readonly mayRenew: (use: SigningUse) => boolean;
  readonly renew: (use: SigningUse) => void;
  readonly uses: () => readonly SigningUse[];
}

export class CertificateRenewal {
  private timer: TimerHandle | undefined;

  constructor(private readonly options: CertificateRenewalOptions) {}

  /** Checks now and then daily. */
  start(): void {
    this.stop();
    this.check();
  }

  stop(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = this.options.clock.now().getTime();
    for (const use of this.options.uses()) {
      const expiry = this.options.expiry(use);
      if (expiry !== undefined && expiry.getTime() - now <= RENEWAL_LEAD_MS && this.options.mayRenew(use)) this.options.renew(use);
    }
    this.timer = this.options.clock.setTimeout(() => this.check(), CHECK_INTERVAL_MS);
  }
}
