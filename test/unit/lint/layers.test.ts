// The layers of src/ as eslint.config.js enforces them (eslint/layers.js): each case lints one import, in a
// file that need not exist, and expects it allowed or banned with a message that says why.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

/** The no-restricted-imports messages for `code` linted as if it were the file `path`. */
async function layerMessages(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path) });
  assert.ok(result);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const allowed: [file: string, code: string][] = [
  ['src/blocks/metering/probe.ts', "import type { LinkSettings } from '../../link/link-settings.js';"],
  ['src/blocks/metering/probe.ts', "import { AuthorizationBlock } from '../authorization/authorization.js';"],
  ['src/blocks/metering/probe.ts', "import type { Send } from '../shared/ports.js';"],
  ['src/blocks/smart-charging/profiles/probe.ts', "import type { RegistrationGate } from '../../../link/registration-gate.js';"],
  ['src/blocks/shared/probe.ts', "import type { Clock } from '../../clock.js';"],
  ['src/blocks/shared/probe.ts', "import type { X } from './other.js';"],
  ['src/storage/probe.ts', "import type { DeviceModelStore } from '../device-model/device-model-store.js';"],
  ['src/transport/probe.ts', "import { OcppError } from '../rpc/errors.js';"],
  ['src/transfer/probe.ts', "import { OcppStationError } from '../errors.js';"],
  ['src/transfer/probe.ts', "import type { Logger } from '../logger.js';"],
  ['src/blocks/metering/probe.ts', "import { downloadFile } from '../../transfer/file-transfer.js';"],
  ['src/queue/probe.ts', "import type { Backoff } from '../transport/backoff.js';"],
  ['src/link/probe.ts', "import { MessageQueue } from '../queue/message-queue.js';"],
  ['src/station/probe.ts', "import { OcppLink } from '../link/ocpp-link.js';"],
  ['src/simulator/probe.ts', "import { ChargingStation } from '../station/charging-station.js';"],
  ['src/simulator/probe.ts', "import type { StationControl } from '../control/station-control.js';"],
  ['src/console/probe.ts', "import type { StationControl } from '../control/station-control.js';"],
  ['src/demo/probe.ts', "import { RPCServer } from 'ocpp-rpc';"],
  ['src/demo/probe.ts', "import { SimulatedStation } from '../simulator/index.js';"],
  ['src/cli/probe.ts', "import { startDemo } from '../demo/demo-session.js';"],
  ['src/index.ts', "export { ChargingStation } from './station/charging-station.js';"],
  ['src/entries/simulator.ts', "export { SimulatedStation } from '../simulator/index.js';"],
  ['src/entries/simulator.ts', "export * from '../index.js';"],
  ['test/unit/probe.test.ts', "import { RPCClient } from 'ocpp-rpc';\nimport { main } from '../../src/cli/main.js';"],
  ['bench/probe.ts', "import { RPCClient } from 'ocpp-rpc';"],
];

const banned: [file: string, code: string, message: RegExp][] = [
  ['src/blocks/metering/probe.ts', "import type { OcppLink } from '../../link/ocpp-link.js';", /blocks must not import the concrete link class.*Send\/LinkPort types in src\/blocks\/shared/],
  ['src/blocks/smart-charging/profiles/probe.ts', "import { OcppLink } from '../../../link/ocpp-link.js';", /concrete link class/],
  ['src/blocks/metering/probe.ts', "import type { StationHost } from '../../station/host.js';", /blocks must not import src\/station/],
  ['src/blocks/metering/probe.ts', "export { SimulatedStation } from '../../simulator/index.js';", /a block must not import src\/simulator: imports only go down the layers \(foundation < transfer < rpc/],
  ['src/blocks/metering/probe.ts', "import { RPCServer } from 'ocpp-rpc';", /ocpp-rpc .* may only be imported in src\/demo, test\/ and bench\//],
  ['src/blocks/shared/probe.ts', "import type { Metering } from '../metering/metering.js';", /src\/blocks\/shared sits below the blocks/],
  ['src/blocks/shared/probe.ts', "import type { OcppLink } from '../../link/ocpp-link.js';", /concrete link class/],
  ['src/device-model/probe.ts', "import { MemoryQueueStore } from '../storage/memory/memory-queue-store.js';", /storage implements the device model's store port/],
  ['src/transport/probe.ts', "import type { LinkSettings } from '../link/link-settings.js';", /src\/transport sits below the link/],
  ['src/queue/probe.ts', "import { OcppLink } from '../link/ocpp-link.js';", /src\/queue sits below the link/],
  ['src/transfer/probe.ts', "import { OcppError } from '../rpc/errors.js';", /src\/transfer sits just above the foundation/],
  ['src/transfer/probe.ts', "import type { LinkSettings } from '../link/link-settings.js';", /src\/transfer must not import src\/link: imports only go down the layers \(foundation < transfer < rpc/],
  ['src/errors.ts', "import { TransferError } from './transfer/transfer-error.js';", /the foundation must not import src\/transfer/],
  ['src/rpc/probe.ts', "import { reconnectDelayMs } from '../transport/backoff.js';", /src\/rpc must not import src\/transport: imports only go down the layers/],
  ['src/messages/probe.ts', "import { OcppError } from '../rpc/errors.js';", /the foundation must not import src\/rpc/],
  ['src/clock.ts', "import { OcppError } from './rpc/errors.js';", /the foundation must not import src\/rpc/],
  ['src/link/probe.ts', "import type { DeviceModel } from '../blocks/provisioning/registration.js';", /src\/link must not import a block/],
  ['src/station/probe.ts', "import { SimulatedStation } from '../simulator/index.js';", /src\/station must not import src\/simulator/],
  ['src/station/probe.ts', "import { waitFor } from '../../test/support/wait-for.js';", /src must not import test\/, bench\/ or scripts\//],
  ['src/control/probe.ts', "import type { ChargingStation } from '../station/charging-station.js';", /src\/control must not import src\/station/],
  ['src/control/probe.ts', "import { SimulatedStation } from '../simulator/index.js';", /src\/control must not import src\/simulator/],
  ['src/console/probe.ts', "import { SimulatedStation } from '../simulator/index.js';", /side by side/],
  ['src/simulator/probe.ts', "import { main } from '../cli/main.js';", /src\/simulator must not import src\/cli/],
  ['src/demo/probe.ts', "import { MessageLog } from '../cli/message-log.js';", /src\/demo must not import src\/cli/],
  ['src/link/probe.ts', "import { OcppLink } from '../index.js';", /nothing in src imports an entry point/],
  ['src/index.ts', "export { SimulatedStation } from './simulator/index.js';", /the root entry src\/index.ts is the station library/],
  ['src/index.ts', "export { startControlServer } from './control/http-server.js';", /separate simulator entry point/],
  ['src/index.ts', "export { RPCServer } from 'ocpp-rpc';", /ocpp-rpc/],
  ['src/cli/probe.ts', "import { RPCServer } from 'ocpp-rpc';", /ocpp-rpc/],
  ['src/entries/simulator.ts', "import { RPCServer } from 'ocpp-rpc';", /ocpp-rpc/],
];

describe('layers: allowed imports', () => {
  for (const [file, code] of allowed) {
    it(`${file}: ${code.split('\n')[0]}`, async () => {
      assert.deepEqual(await layerMessages(file, code), []);
    });
  }
});

describe('layers: banned imports', () => {
  for (const [file, code, message] of banned) {
    it(`${file}: ${code}`, async () => {
      const messages = await layerMessages(file, code);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0] ?? '', message);
    });
  }
});
