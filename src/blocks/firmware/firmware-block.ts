// Block L, firmware management: UpdateFirmware (L01 signed, L02 unsigned) run by firmware-update-process.ts with
// the integrator's FirmwareHost, FirmwareStatusNotification for every step and on TriggerMessage (L01.FR.25/26,
// F06.FR.16), and the seed's on_firmware_update_status_notification for an updater that runs outside the stack.
// The signing certificate must chain to an installed ManufacturerRootCertificate (L01.FR.21/22). The installation
// waits until no transaction runs (L01.FR.06), the EVSEs closed to new sessions meanwhile unless
// AllowNewSessionsPendingFirmwareUpdate (L01.FR.07); a reboot to activate boots with reason FirmwareUpdate.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FirmwareStatusEnumType, FirmwareType, Request, Response } from '../../messages/types.js';
import { verifyFirmwareSignature, verifySigningCertificate } from '../../pki/firmware-signature.js';
import { parseCertificates } from '../../pki/pem.js';
import { removeDownload } from '../../transfer/index.js';
import type { FirmwareUpdatePhase, FirmwareUpdateStore } from '../../storage/firmware-update-store.js';
import type { CallContext } from '../../rpc/handler-router.js';
import { ChargingStation } from '../../device-model/standardized/index.js';
import { readVariable } from '../shared/model-reads.js';
import { withoutUserInfo, type TransferProgressEvent } from '../shared/transfer-progress.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import type { ResetHost } from '../provisioning/provisioning-hosts.js';
import type { FirmwareHost } from './firmware-host.js';
import { FirmwareUpdateProcess } from './firmware-update-process.js';

/** UpdateFirmwareRequest.retries / retryInterval when the CSMS leaves them out (the spec leaves them to us). */
export const DEFAULT_FIRMWARE_RETRIES = 3;
export const DEFAULT_FIRMWARE_RETRY_INTERVAL_SECONDS = 60;

declare module '../shared/station-events.js' {
  interface StationEvents {
    /** Bytes of the firmware image downloaded so far (the host's reports, as they come). */
    firmwareDownloadProgress: TransferProgressEvent;
  }
}

/** Where firmware stands, for tools (`ctl firmware`). */
export interface FirmwareSummary {
  /** The last FirmwareStatusNotification sent (Idle when none was). */
  readonly lastStatus: FirmwareStatusEnumType;
  readonly lastRequestId?: number;
  /** The update in progress, if any. */
  readonly update?: {
    readonly requestId: number;
    readonly phase: FirmwareUpdatePhase;
    /** The image's location without user info. */
    readonly location: string;
    readonly failedAttempts: number;
  };
}

export interface FirmwareApi {
  /** The seed's on_firmware_update_status_notification: an updater outside the stack reports a step. */
  onFirmwareUpdateStatusNotification(requestId: number, status: FirmwareStatusEnumType): void;
  /** Where firmware stands: the last status sent and the update in progress. */
  firmwareStatus(): FirmwareSummary;
}

export interface FirmwareContext extends BlockContext {
  readonly stores: { readonly firmware: FirmwareUpdateStore };
  readonly host: { readonly firmware?: FirmwareHost; readonly reset: ResetHost };
  readonly options: {
    /** Where downloaded images go; the system's temporary folder by default. */
    readonly firmwareDirectory?: string;
  };
}

export const firmwareBlock: BlockDefinition<FirmwareContext, FirmwareApi> = {
  name: 'firmware',
  create(context) {
    const { logger, clock } = context;
    const store = context.stores.firmware;
    const directory = context.options.firmwareDirectory ?? tmpdir();
    const report = (status: FirmwareStatusEnumType, requestId?: number) => {
      store.saveLastStatus({ status, ...(requestId !== undefined ? { requestId } : {}) });
      return context
        .send('FirmwareStatusNotification', { status, ...(requestId !== undefined ? { requestId } : {}) })
        .then(
          () => undefined,
          (error: unknown) => logger.warn({ status, error: error instanceof Error ? error.name : typeof error }, 'FirmwareStatusNotification not delivered'),
        );
    };
    const securityEvent = (type: string, techInfo: string) => context.ports.find('securityEvents')?.report(type, techInfo);
    const manufacturerRoots = () => context.ports.find('trustedRoots')?.roots('ManufacturerRootCertificate') ?? [];
    const host = context.host.firmware;
    const process = host
      ? new FirmwareUpdateProcess({
          store,
          clock,
          host,
          imagePath: (requestId) => {
            mkdirSync(directory, { recursive: true, mode: 0o700 });
            return join(directory, `firmware-${requestId}.bin`);
          },
          // A crash in the middle of the simulator's or the default transfer leaves a part file beside the image.
          removeImage: (path) => removeDownload(path),
          verifySignature: (filePath, firmware) => verifySignature(filePath, firmware),
          report,
          securityEvent,
          progress: (requestId, location, bytes, totalBytes) =>
            context.events.emit('firmwareDownloadProgress', { requestId, location: withoutUserInfo(location), bytes, ...(totalBytes !== undefined ? { totalBytes } : {}) }),
          whenInstallable: (ready) => {
            const activity = context.ports.find('transactionActivity');
            if (activity === undefined) ready();
            else activity.whenIdle(undefined, ready);
            return () => undefined; // the process ignores a late call of an update it no longer runs
          },
          holdNewSessions: () => {
            const availability = context.ports.find('availability');
            if (availability === undefined || readVariable(context.model, ChargingStation.AllowNewSessionsPendingFirmwareUpdate) === true) return () => undefined;
            return availability.closeToNewSessions();
          },
          reboot: () => void Promise.resolve(context.host.reset.reset('Immediate', undefined, 'FirmwareUpdate')).catch((error: unknown) => logger.error({ err: error }, 'the reboot after the installation failed')),
          logger,
        })
      : undefined;
    let resumed = false;

    const accept = (request: Request<'UpdateFirmware'>, call: CallContext, process: FirmwareUpdateProcess): Response<'UpdateFirmware'> => {
      let status: Response<'UpdateFirmware'>['status'] = 'Accepted';
      if (process.current !== undefined) {
        if (!process.cancellable) return { status: 'Rejected', statusInfo: { reasonCode: 'TxInProgress', additionalInfo: 'the installation of the previous update is running' } }; // L01.FR.27
        process.cancel(); // L01.FR.24
        status = 'AcceptedCanceled';
      }
      const order = {
        requestId: request.requestId,
        firmware: request.firmware,
        retries: request.retries ?? DEFAULT_FIRMWARE_RETRIES,
        retryIntervalSeconds: request.retryInterval ?? DEFAULT_FIRMWARE_RETRY_INTERVAL_SECONDS,
      };
      call.afterResponse(() => process.begin(order));
      return { status };
    };

    const updateFirmware = (request: Request<'UpdateFirmware'>, call: CallContext): Response<'UpdateFirmware'> | Promise<Response<'UpdateFirmware'>> => {
      if (process === undefined || host === undefined) return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo: 'this station has no firmware updater' } };
      const { firmware } = request;
      if (firmware.signingCertificate === undefined && firmware.signature === undefined) return accept(request, call, process);
      const verdict =
        firmware.signingCertificate === undefined
          ? { valid: false as const, reason: 'a signature without a signing certificate' }
          : verifySigningCertificate(firmware.signingCertificate, manufacturerRoots(), clock.now());
      if (!verdict.valid) {
        securityEvent('InvalidFirmwareSigningCertificate', verdict.reason.slice(0, 255)); // L01.FR.02
        return { status: 'InvalidCertificate', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: verdict.reason.slice(0, 512) } };
      }
      const certificate = firmware.signingCertificate!;
      if (host.isSigningCertificateRevoked === undefined) return accept(request, call, process);
      return Promise.resolve()
        .then(() => host.isSigningCertificateRevoked!(certificate))
        .catch((error: unknown) => {
          logger.warn({ err: error, requestId: request.requestId }, 'the revocation check of the firmware signing certificate failed; taken as not revoked');
          return false;
        })
        .then((revoked): Response<'UpdateFirmware'> => {
          if (!revoked) return accept(request, call, process);
          securityEvent('InvalidFirmwareSigningCertificate', 'the firmware signing certificate is revoked');
          return { status: 'RevokedCertificate', statusInfo: { reasonCode: 'CertificateRevoked', additionalInfo: 'the firmware signing certificate is revoked' } };
        });
    };

    return {
      handlers: { UpdateFirmware: updateFirmware },
      triggers: {
        // L01.FR.25/26: the last status sent, Idle after Installed (or when none was sent).
        FirmwareStatusNotification: () => ({
          status: 'Accepted',
          send: () => {
            const last = store.lastStatus();
            const payload = last === undefined || last.status === 'Installed' ? { status: 'Idle' as const } : { status: last.status, ...(last.requestId !== undefined ? { requestId: last.requestId } : {}) };
            context.send('FirmwareStatusNotification', payload, { requestedByCsms: true }).catch(() => undefined);
          },
        }),
      },
      api: {
        onFirmwareUpdateStatusNotification: (requestId, status) => void report(status, requestId),
        firmwareStatus: () => {
          const last = store.lastStatus();
          const current = store.current();
          return {
            lastStatus: last?.status ?? 'Idle',
            ...(last?.requestId !== undefined ? { lastRequestId: last.requestId } : {}),
            ...(current
              ? { update: { requestId: current.requestId, phase: current.phase, location: withoutUserInfo(current.firmware.location), failedAttempts: current.failedAttempts } }
              : {}),
          };
        },
      },
      registrationAccepted() {
        // What a previous run left goes on once messages can reach the CSMS (a status queued before is dropped).
        if (resumed) return;
        resumed = true;
        process?.resume();
      },
      stop() {
        process?.stop();
      },
    };
  },
};

/** L01.FR.04: the image's signature against the (already checked) signing certificate. */
async function verifySignature(filePath: string, firmware: FirmwareType): Promise<boolean> {
  if (firmware.signature === undefined || firmware.signingCertificate === undefined) return false;
  const [leaf] = parseCertificates(firmware.signingCertificate);
  return leaf !== undefined && verifyFirmwareSignature(filePath, firmware.signature, leaf);
}
