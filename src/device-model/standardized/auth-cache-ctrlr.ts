// AuthCacheCtrlr (Part 2, Referenced Components §2.4 Authorization Cache): the cache of idToken answers the
// station keeps for local and offline authorization. Nothing here is required.
import { controller, optional } from '../declare.js';

export const AUTH_CACHE_POLICIES = ['LRU', 'LFU', 'FIFO', 'CUSTOM'] as const;
export type AuthCachePolicy = (typeof AUTH_CACHE_POLICIES)[number];

export const AuthCacheCtrlr = controller('AuthCacheCtrlr', 'AuthCache', {
  Enabled: optional.boolean({
    default: true,
    description: 'Use the authorization cache. Switching it off keeps its entries.',
  }),
  Available: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: true,
    description: 'The station has an authorization cache.',
  }),
  LifeTime: optional.integer({
    unit: 's',
    default: 86400,
    description: 'Seconds an entry stays valid after it was last updated.',
  }),
  Storage: optional.integer({
    mutability: 'ReadOnly',
    description: 'Bytes the cache uses now; maxLimit is the most it may use.',
  }),
  Policy: optional.optionList(AUTH_CACHE_POLICIES, {
    default: 'LRU',
    description: 'Which entry is dropped when the cache is full: least recently used, least frequently used, oldest, or custom.',
  }),
  DisablePostAuthorize: optional.boolean({
    default: false,
    description: 'Do not ask the CSMS again about cached idTokens whose status is not Accepted.',
  }),
});
