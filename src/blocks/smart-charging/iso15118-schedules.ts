// K15–K17: schedules negotiated with an ISO 15118 EV. The integrator's 15118 stack reports the EV's charging
// needs and the schedule the EV chose; the station passes them to the CSMS (NotifyEVChargingNeeds,
// NotifyEVChargingSchedule). When the CSMS installs a new TxProfile during such a session the station asks the
// host to renegotiate with the EV (K16.FR.02); a TxProfile that arrives before the needs were sent is refused
// with InvalidMessageSeq (K15.FR.17).
import type { Logger } from '../../logger.js';
import type { Send } from '../shared/send.js';
import type {
  ChargingNeedsType,
  ChargingProfileType,
  ChargingScheduleType,
  GenericStatusEnumType,
  NotifyEVChargingNeedsStatusEnumType,
} from '../../messages/types.js';

/** The integrator's ISO 15118 stack, for renegotiation. */
export interface Iso15118Host {
  /** K16.FR.02/03: offer the EV the new schedule of this TxProfile (a renegotiation). */
  renegotiate(evseId: number, profile: ChargingProfileType): void;
}

export interface Iso15118SchedulesOptions {
  send: Send;
  logger: Logger;
  host?: Iso15118Host;
}

interface Session {
  needsSent: boolean;
}

export class Iso15118Schedules {
  private readonly sessions = new Map<number, Session>();

  constructor(private readonly options: Iso15118SchedulesOptions) {}

  /** An ISO 15118 session began on the EVSE (the EV will send its charging needs). */
  sessionStarted(evseId: number): void {
    this.sessions.set(evseId, { needsSent: false });
  }

  sessionEnded(evseId: number): void {
    this.sessions.delete(evseId);
  }

  /**
   * K15.FR.01 / K17.FR.01: the EV's charging needs go to the CSMS. Resolves with the CSMS's status, or undefined
   * when none came (offline, timeout): then the station keeps to its TxDefaultProfile (K15.FR.15).
   */
  async chargingNeeds(evseId: number, chargingNeeds: ChargingNeedsType, maxScheduleTuples?: number): Promise<NotifyEVChargingNeedsStatusEnumType | undefined> {
    // K15.FR.06: AC or DC parameters, one of the two.
    if ((chargingNeeds.acChargingParameters === undefined) === (chargingNeeds.dcChargingParameters === undefined)) {
      throw new RangeError('charging needs carry either AC or DC charging parameters (K15.FR.06)');
    }
    const session = this.sessions.get(evseId) ?? { needsSent: false };
    session.needsSent = true;
    this.sessions.set(evseId, session);
    try {
      const response = await this.options.send('NotifyEVChargingNeeds', {
        evseId,
        chargingNeeds,
        ...(maxScheduleTuples !== undefined ? { maxScheduleTuples } : {}),
      });
      return response.status;
    } catch (error) {
      this.options.logger.info({ err: error, evseId }, 'NotifyEVChargingNeeds got no answer');
      return undefined;
    }
  }

  /** K15.FR.10 / K16.FR.05: the schedule the EV chose goes to the CSMS; resolves with its verdict. */
  async evChargingSchedule(evseId: number, timeBase: Date, chargingSchedule: ChargingScheduleType): Promise<GenericStatusEnumType | undefined> {
    try {
      const response = await this.options.send('NotifyEVChargingSchedule', { evseId, timeBase: timeBase.toISOString(), chargingSchedule });
      return response.status;
    } catch (error) {
      this.options.logger.info({ err: error, evseId }, 'NotifyEVChargingSchedule got no answer');
      return undefined;
    }
  }

  /** Whether the EVSE's EV negotiates its schedule over ISO 15118 (several schedules per TxProfile allowed, K01.FR.34). */
  negotiating(evseId: number): boolean {
    return this.sessions.has(evseId);
  }

  /** K15.FR.17: a TxProfile for an EVSE whose EV has not yet told its needs comes too early. */
  tooEarlyFor(evseId: number, profile: ChargingProfileType): boolean {
    return profile.chargingProfilePurpose === 'TxProfile' && this.sessions.get(evseId)?.needsSent === false;
  }

  /** K16.FR.02: a TxProfile installed during a 15118 session starts a renegotiation with the EV. */
  profileInstalled(evseId: number, profile: ChargingProfileType): void {
    if (profile.chargingProfilePurpose !== 'TxProfile' || !this.sessions.get(evseId)?.needsSent) return;
    this.options.host?.renegotiate(evseId, profile);
  }
}
