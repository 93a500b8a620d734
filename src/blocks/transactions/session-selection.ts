// Which EVSE a presented token concerns: the transaction it stops (same token, or same group: E07.FR.01,
// E08.FR.02), or the EVSE it authorizes (C01.FR.21 and "authorize first, then plug in anywhere").
import type { IdTokenType } from '../../messages/types.js';
import { type EvseSession, sameToken } from './evse-session.js';

/** The session whose running, authorized transaction belongs to this token (or to this group token). */
export function sessionStoppedBy(
  sessions: Iterable<EvseSession>,
  token: IdTokenType | undefined,
  match: 'token' | 'group',
  evseId?: number,
): EvseSession | undefined {
  if (!token) return undefined;
  for (const session of sessions) {
    if (!session.transaction || !session.conditions.authorized) continue;
    if (evseId !== undefined && session.evseId !== evseId) continue;
    const own = match === 'token' ? session.authorization?.idToken : session.authorization?.groupIdToken;
    if (sameToken(own, token)) return session;
  }
  return undefined;
}

/**
 * The EVSE a token authorizes: the one named (if the CSMS allows it there, C01.FR.21), else the only EVSE, else
 * the one with a cable plugged in and no authorization; undefined when the driver has yet to choose by plugging in.
 */
export function evseToAuthorize(sessions: ReadonlyMap<number, EvseSession>, requested: number | undefined, allowed: number[] | undefined): number | undefined {
  const permitted = (evseId: number) => !allowed || allowed.length === 0 || allowed.includes(evseId);
  if (requested !== undefined) return sessions.has(requested) && permitted(requested) ? requested : undefined;
  // The only EVSE is the one meant, even when another driver holds it (the caller answers 'busy' then).
  if (sessions.size === 1) {
    const only = sessions.values().next().value as EvseSession;
    return permitted(only.evseId) ? only.evseId : undefined;
  }
  const candidates = [...sessions.values()].filter((session) => permitted(session.evseId) && !session.transaction?.conditions.authorized);
  const waiting = candidates.filter((session) => session.conditions.evConnected && !session.conditions.authorized);
  return waiting.length === 1 ? waiting[0]!.evseId : undefined;
}

/** True when the EVSE is authorized for a driver other than this token's (its group did not match either). */
export function authorizedForAnother(session: EvseSession, token: IdTokenType): boolean {
  const own = session.authorization?.idToken;
  return session.conditions.authorized && own !== undefined && !sameToken(own, token);
}
