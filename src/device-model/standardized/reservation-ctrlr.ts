// ReservationCtrlr (Part 2, Referenced Components §2.8 Reservation): reserving EVSEs (ReserveNow). Nothing here is
// required.
import { controller, optional } from '../declare.js';

export const ReservationCtrlr = controller('ReservationCtrlr', 'Reservation', {
  Enabled: optional.boolean({
    default: true,
    description: 'Accept and honour reservations. Switching it off keeps the stored reservations.',
  }),
  Available: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: true,
    description: 'The station supports reservations.',
  }),
  // No default: present (and true) only when reservations without an EVSE id are implemented.
  NonEvseSpecific: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    description: 'Reservations that name no EVSE are supported.',
  }),
});
