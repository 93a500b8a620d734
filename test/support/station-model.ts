// The device model a ChargingStation would build for a configuration, in memory: for tests of one block that
// need the station's real variables without the whole station.
import type { Clock } from '../../src/clock.js';
import { DeviceModel, liveValue } from '../../src/device-model/device-model.js';
import { ClockCtrlr } from '../../src/device-model/standardized/index.js';
import type { StationConfig } from '../../src/device-model/station-config.js';
import { stationDeclarations, stationInitialValues, stationSupportedBlocks } from '../../src/station/station-declarations.js';
import { servedControllers } from '../../src/station/station-blocks.js';
import { MemoryDeviceModelStore } from '../../src/storage/memory/memory-device-model-store.js';

export function memoryStationModel(config: StationConfig, clock: Clock, stationId: string): DeviceModel {
  const declarations = stationDeclarations(config);
  return DeviceModel.load({
    declarations,
    store: new MemoryDeviceModelStore(),
    initialValues: stationInitialValues(config, declarations, {
      stationId,
      securityProfile: 1,
      basicAuthPassword: 'test-password-000001',
      servedControllers: servedControllers(),
    }),
    supportedBlocks: stationSupportedBlocks(config),
    liveValues: [liveValue(ClockCtrlr.DateTime, () => clock.now())],
    clock,
  });
}
