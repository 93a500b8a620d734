// MeterRegisterStore in memory: registers survive reboots of the simulated station, not the process.
import type { MeterRegisterStore } from '../meter-register-store.js';

export class MemoryMeterRegisterStore implements MeterRegisterStore {
  private readonly registers = new Map<number, number>();

  loadAll(): Map<number, number> {
    return new Map(this.registers);
  }

  save(evseId: number, registerWh: number): void {
    this.registers.set(evseId, Math.max(this.registers.get(evseId) ?? 0, registerWh));
  }
}
