// The simulation's time: every simulated second the physics of each EVSE steps on, at the draw in force during
// the step, and every meter interval the meters are read. Both run on the simulation's clock.
import type { Clock, TimerHandle } from '../clock.js';
import type { SimulatedEvse } from './simulated-evse.js';

/** Where a simulated station is in its life. */
export type SimulationPhase = 'created' | 'running' | 'rebooting' | 'stopped';

/** Simulated milliseconds between two steps of the physics. */
const TICK_MS = 1000;

export interface SimulationLoopOptions {
  clock: Clock;
  evses: ReadonlyMap<number, SimulatedEvse>;
  meterIntervalMs: number;
  phase: () => SimulationPhase;
  /** After each step of the physics. */
  stepped: () => void;
  /** At each meter interval, once the physics has caught up. */
  meterReading: () => void;
  /** Runs work of a timer: what fails is logged, and the simulation goes on. */
  guarded: (what: string, work: () => void) => void;
}

export class SimulationLoop {
  private lastPhysicsMs: number;
  private tickTimer: TimerHandle | undefined;
  private meterTimer: TimerHandle | undefined;

  constructor(private readonly options: SimulationLoopOptions) {
    this.lastPhysicsMs = options.clock.now().getTime();
  }

  /** The physics goes on from now: the time before does not pass on the EVSEs. */
  startFromNow(): void {
    this.lastPhysicsMs = this.options.clock.now().getTime();
  }

  /** Starts the steps of the physics and the meter readings. */
  startTimers(): void {
    this.scheduleTick();
    this.scheduleMeterReading();
  }

  clearTimers(): void {
    if (this.tickTimer) this.options.clock.clearTimeout(this.tickTimer);
    if (this.meterTimer) this.options.clock.clearTimeout(this.meterTimer);
    this.tickTimer = this.meterTimer = undefined;
  }

  /** Lets the simulated time since the last step pass on every EVSE, at the draw in force during it. */
  advance(): void {
    const nowMs = this.options.clock.now().getTime();
    const elapsedMs = nowMs - this.lastPhysicsMs;
    const phase = this.options.phase();
    if (elapsedMs <= 0 || phase === 'created' || phase === 'stopped') {
      if (phase === 'created') this.lastPhysicsMs = nowMs;
      return;
    }
    for (const evse of this.options.evses.values()) evse.advance(elapsedMs);
    this.lastPhysicsMs = nowMs;
  }

  private scheduleTick(): void {
    this.tickTimer = this.options.clock.setTimeout(() => {
      this.tickTimer = undefined;
      if (this.options.phase() === 'stopped') return;
      this.options.guarded('the physics step', () => {
        this.advance();
        this.options.stepped();
      });
      this.scheduleTick();
    }, TICK_MS);
  }

  private scheduleMeterReading(): void {
    this.meterTimer = this.options.clock.setTimeout(() => {
      this.meterTimer = undefined;
      if (this.options.phase() === 'stopped') return;
      this.options.guarded('the meter reading', () => {
        this.advance();
        this.options.meterReading();
      });
      this.scheduleMeterReading();
    }, this.options.meterIntervalMs);
  }
}
