// LocalAuthListCtrlr (Part 2, Referenced Components §2.5 Local Authorization List Management): the list of
// idTokens the CSMS sends with SendLocalList.
import { controller, optional, required } from '../declare.js';

/** How many idTokens this station keeps in its local list at most (Entries' maxLimit, which must be given). */
export const LOCAL_AUTH_LIST_CAPACITY = 10000;

export const LocalAuthListCtrlr = controller('LocalAuthListCtrlr', 'LocalAuthList', {
  Enabled: optional.boolean({
    default: true,
    description: 'Use the local authorization list. Switching it off keeps its entries.',
  }),
  // Required "when LocalAuthListAvailable is true", that is: when the block is supported.
  Entries: required.integer({
    mutability: 'ReadOnly',
    default: 0,
    max: LOCAL_AUTH_LIST_CAPACITY,
    description: 'idTokens in the local list now; maxLimit is how many it can hold.',
  }),
  Available: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: true,
    description: 'The station supports a local authorization list.',
  }),
  // No instance in the spec (unlike DeviceDataCtrlr's ItemsPerMessage): it is about SendLocalList.
  ItemsPerMessage: required.integer({
    mutability: 'ReadOnly',
    constant: true,
    default: 250,
    description: 'Most idTokens one SendLocalList may carry.',
  }),
  BytesPerMessage: required.integer({
    mutability: 'ReadOnly',
    constant: true,
    default: 65536,
    description: 'Largest SendLocalList message accepted, in bytes.',
  }),
  Storage: optional.integer({
    mutability: 'ReadOnly',
    description: 'Bytes the local list uses now; maxLimit is the most it may use.',
  }),
  DisablePostAuthorize: optional.boolean({
    default: false,
    description: 'Do not ask the CSMS about listed idTokens whose status is not Accepted.',
  }),
  // No default: present only when the station honours cacheExpiryDateTime for list entries.
  SupportsExpiryDateTime: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    description: 'Listed idTokens whose cacheExpiryDateTime has passed count as not listed.',
  }),
});
