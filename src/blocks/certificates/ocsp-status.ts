// M06: the station keeps an OCSP response for each certificate of its V2G chain — the leaf and its sub-CAs, not
// the V2G root — fetched through the CSMS with GetCertificateStatus, so that an ISO 15118 stack can hand it to the
// EV without a network round trip during the TLS handshake. The request data is the station's own (CertID of the
// certificate and its issuer, the responder URL of its AIA); the answer is checked with readOcspResponse before it
// is cached (M06.FR.06). When it asks:
//   - at once after a new V2G certificate was installed, for the leaf and every sub-CA (M06.FR.07);
//   - for a certificate without a cached answer, or whose answer is a week old (M06.FR.10) or past the responder's
//     nextUpdate (but not sooner than OCSP_RETRY_MS after fetching it);
//   - after a failure (offline, no answer, Failed, an answer that does not check out): again OCSP_RETRY_MS later,
//     or as soon as the station is online again.
// Every timer is the block's clock's, so tests move time by hand.
import type { X509Certificate } from 'node:crypto';
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { CertificateHashDataType, OCSPRequestDataType, Request, Response } from '../../messages/types.js';
import { isSelfSigned } from '../../pki/chain-verification.js';
import { ocspRequestData, readOcspResponse } from '../../pki/ocsp.js';
import type { CachedOcspResponse, CertificateStore } from '../../storage/certificate-store.js';
import type { BlockContext } from '../shared/block-contract.js';
import { isOnline } from '../shared/link-port.js';
import type { InstalledCertificates } from './installed-certificates.js';

/** M06.FR.10: a cached answer is refreshed at least this often. */
export const OCSP_REFRESH_MS = 7 * 24 * 3600 * 1000;
/** How long the station waits before asking again after a failure (and at least after any answer). */
export const OCSP_RETRY_MS = 3600 * 1000;

/** The cache key of a certificate: its hash data, lower case, serial without leading zeroes. */
export function ocspKey(hash: CertificateHashDataType): string {
  const serial = hash.serialNumber.toLowerCase().replace(/^0+(?=.)/, '');
  return [hash.hashAlgorithm, hash.issuerNameHash.toLowerCase(), hash.issuerKeyHash.toLowerCase(), serial].join(':');
}

/** One certificate of the V2G chain with what the station has of its OCSP status. */
export interface V2gOcspStatus {
  /** PEM. */
  readonly certificate: string;
  /** The request data the station sends for it; undefined when it cannot make one (no responder URL, no issuer). */
  readonly ocspRequestData?: OCSPRequestDataType;
  /** The cached answer (base64 DER OCSPResponse), when there is one. */
  readonly cached?: CachedOcspResponse;
}

/** What ISO 15118 stacks read: the cached OCSP status of each certificate of the V2G chain, leaf first. */
export interface V2gOcspCache {
  v2gOcspResponses(): Promise<V2gOcspStatus[]>;
}

declare module '../shared/block-ports.js' {
  interface BlockPorts {
    v2gOcspCache: V2gOcspCache;
  }
}

export interface OcspStatusOptions {
  readonly certificates: InstalledCertificates;
  readonly store: CertificateStore;
  readonly clock: Clock;
  readonly send: (request: Request<'GetCertificateStatus'>) => Promise<Response<'GetCertificateStatus'>>;
  /** Connected and registration Accepted. */
  readonly isOnline: () => boolean;
  readonly logger: Logger;
}

/** The block's OcspStatus: GetCertificateStatus through the block's send, its clock, link and logger. */
export function ocspStatusOf(context: BlockContext, certificates: InstalledCertificates, store: CertificateStore): OcspStatus {
  return new OcspStatus({
    certificates,
    store,
    clock: context.clock,
    send: (request) => context.send('GetCertificateStatus', request),
    isOnline: () => isOnline(context.link),
    logger: context.logger,
  });
}

interface ChainEntry {
  readonly certificate: X509Certificate;
  readonly issuer: X509Certificate | undefined;
  readonly requestData: OCSPRequestDataType | undefined;
  readonly key: string | undefined;
}

export class OcspStatus implements V2gOcspCache {
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  /** A run was asked for while one was running: what it should do. */
  private queued: { force: boolean } | undefined;
  private stopped = true;
  /** The certificates last logged as impossible to ask about (logged once, not every round). */
  private unaskableLogged = '';

  constructor(private readonly options: OcspStatusOptions) {}

  start(): void {
    this.stopped = false;
    this.kick(false);
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  /** M06.FR.07: a new V2G certificate was installed: ask for all of its chain now. */
  certificateChanged(): void {
    this.kick(true);
  }

  /** The station is online again: what is due (or failed while offline) goes now. */
  online(): void {
    this.kick(false);
  }

  /** Resolves when no run is going on (for tests and for an orderly stop). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async v2gOcspResponses(): Promise<V2gOcspStatus[]> {
    const cached = this.cachedByKey();
    return (await this.chainEntries()).map((entry) => ({
      certificate: entry.certificate.toString(),
      ...(entry.requestData ? { ocspRequestData: entry.requestData } : {}),
      ...(entry.key !== undefined && cached.has(entry.key) ? { cached: cached.get(entry.key)! } : {}),
    }));
  }

  private kick(force: boolean): void {
    if (this.stopped) return;
    if (this.running) {
      this.queued = { force: force || (this.queued?.force ?? false) };
      return;
    }
    this.running = this.run(force)
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'refreshing the OCSP status of the V2G certificates failed');
        this.arm(OCSP_RETRY_MS);
      })
      .finally(() => {
        this.running = undefined;
        const next = this.queued;
        this.queued = undefined;
        if (next) this.kick(next.force);
      });
  }

  /** One round: fetch what is due (everything when forced) if online, then arm the timer for the next round. */
  private async run(force: boolean): Promise<void> {
    const entries = await this.chainEntries();
    const now = this.options.clock.now().getTime();
    const cached = this.cachedByKey();
    const due = entries.filter((entry) => entry.key !== undefined && (force || this.dueAt(cached.get(entry.key)) <= now));
    const unaskable = entries.filter((entry) => entry.key === undefined);
    const subjects = unaskable.map((entry) => entry.certificate.subject.split('\n').join(', '));
    if (subjects.length > 0 && subjects.join('|') !== this.unaskableLogged) {
      this.unaskableLogged = subjects.join('|');
      this.options.logger.warn({ subjects }, 'no OCSP request can be made for these V2G certificates (no OCSP responder URL or no issuer)');
    }
    let failed = false;
    if (due.length > 0) {
      if (!this.options.isOnline()) {
        this.options.logger.info({ certificates: due.length }, 'the OCSP status of the V2G certificates waits until the station is online');
        failed = true;
      } else {
        for (const entry of due) {
          if (this.stopped) return;
          failed = !(await this.fetch(entry)) || failed;
        }
      }
    }
    if (this.stopped) return;
    this.prune(entries);
    if (failed) {
      this.arm(OCSP_RETRY_MS);
      return;
    }
    const after = this.cachedByKey();
    const next = Math.min(...entries.filter((entry) => entry.key !== undefined).map((entry) => this.dueAt(after.get(entry.key!))));
    if (Number.isFinite(next)) this.arm(Math.max(0, next - this.options.clock.now().getTime()));
    else this.disarm();
  }

  /** Asks for one certificate's status and caches a good answer; false when none could be had. */
  private async fetch(entry: ChainEntry): Promise<boolean> {
    const { logger } = this.options;
    const serialNumber = entry.requestData!.serialNumber;
    let response: Response<'GetCertificateStatus'>;
    try {
      response = await this.options.send({ ocspRequestData: entry.requestData! });
    } catch (error) {
      logger.warn({ err: error, serialNumber }, 'GetCertificateStatus got no answer');
      return false;
    }
    if (response.status !== 'Accepted' || response.ocspResult === undefined) {
      logger.warn({ serialNumber, status: response.status, reasonCode: response.statusInfo?.reasonCode }, 'the CSMS could not get the OCSP status');
      return false;
    }
    try {
      const answer = await readOcspResponse(response.ocspResult, entry.certificate, entry.issuer!);
      if (answer.certificateStatus !== 'good') logger.warn({ serialNumber, certificateStatus: answer.certificateStatus }, 'the OCSP responder does not call a V2G certificate good');
      this.options.store.putOcspResponse({
        key: entry.key!,
        response: response.ocspResult,
        fetchedAt: this.options.clock.now().toISOString(),
        ...(answer.nextUpdate !== undefined ? { nextUpdate: answer.nextUpdate.toISOString() } : {}),
      });
      return true;
    } catch (error) {
      logger.warn({ err: error, serialNumber }, 'the OCSP response from GetCertificateStatus is not usable; it is not cached');
      return false;
    }
  }

  /** When a cached answer needs refreshing: a week after fetching, or at nextUpdate (not sooner than the retry wait). */
  private dueAt(cached: CachedOcspResponse | undefined): number {
    if (cached === undefined) return -Infinity;
    const fetched = Date.parse(cached.fetchedAt);
    if (Number.isNaN(fetched)) return -Infinity;
    const nextUpdate = cached.nextUpdate === undefined ? Infinity : Date.parse(cached.nextUpdate);
    return Math.min(fetched + OCSP_REFRESH_MS, Math.max(Number.isNaN(nextUpdate) ? Infinity : nextUpdate, fetched + OCSP_RETRY_MS));
  }

  /** Answers for certificates no longer in the V2G chain go (e.g. the previous leaf). */
  private prune(entries: readonly ChainEntry[]): void {
    const keep = new Set(entries.flatMap((entry) => (entry.key !== undefined ? [entry.key] : [])));
    for (const cached of this.options.store.ocspResponses()) {
      if (!keep.has(cached.key)) this.options.store.removeOcspResponse(cached.key);
    }
  }

  private cachedByKey(): Map<string, CachedOcspResponse> {
    return new Map(this.options.store.ocspResponses().map((cached) => [cached.key, cached]));
  }

  /** The active V2G chain (the newest one), leaf and sub-CAs, each with its issuer and request data. */
  private async chainEntries(): Promise<ChainEntry[]> {
    const { certificates } = this.options;
    const installed = certificates.ofRole('V2GCertificate', ['active']).at(-1);
    if (installed === undefined) return [];
    const entries: ChainEntry[] = [];
    for (const [index, certificate] of installed.chain.entries()) {
      if (isSelfSigned(certificate)) continue; // a root that came with the chain is not asked about
      const found = certificates.issuerOf(installed.chain, index);
      const issuer = found.fingerprint256 === certificate.fingerprint256 ? undefined : found;
      const requestData = issuer === undefined ? undefined : await ocspRequestData(certificate, issuer);
      entries.push({ certificate, issuer, requestData, key: requestData ? ocspKey(requestData) : undefined });
    }
    return entries;
  }

  private arm(delayMs: number): void {
    this.disarm();
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.kick(false);
    }, delayMs);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
