// AuthCtrlr (Part 2, Referenced Components §2.3 Authorization; SupportedIdTokenTypes from the 2025 errata):
// how idTokens are authorized before and during transactions.
import type { IdTokenEnumType } from '../../messages/types.js';
import { controller, optional, required } from '../declare.js';

const ID_TOKEN_TYPE_SET: Record<IdTokenEnumType, true> = {
  Central: true,
  eMAID: true,
  ISO14443: true,
  ISO15693: true,
  KeyCode: true,
  Local: true,
  MacAddress: true,
  NoAuthorization: true,
};

/** Every IdTokenEnumType value, in schema order. */
export const ID_TOKEN_TYPES: readonly IdTokenEnumType[] = Object.freeze(Object.keys(ID_TOKEN_TYPE_SET) as IdTokenEnumType[]);

export const AuthCtrlr = controller('AuthCtrlr', 'Authorization', {
  Enabled: optional.boolean({
    default: true,
    description: 'When false, no idToken is authorized: transactions start without asking anyone.',
  }),
  // Spelled "AdditionallInfoItemsPerMessage" in the Part 2 table (a typo); Appendix 3 has the name used here.
  AdditionalInfoItemsPerMessage: optional.integer({
    mutability: 'ReadOnly',
    constant: true,
    description: 'Most AdditionalInfo entries one message may carry (only when AdditionalInfo is supported).',
  }),
  // Default false: the variable exists (the stack supports offline authorization of unknown ids), switched off.
  OfflineTxForUnknownIdEnabled: optional.boolean({
    default: false,
    description: 'While offline, start transactions for idTokens the station does not know.',
  }),
  // The spec lets the station choose ReadOnly or ReadWrite; ReadWrite here.
  AuthorizeRemoteStart: required.boolean({
    default: true,
    description: 'Authorize the idToken of a RequestStartTransaction first, as for a local start.',
  }),
  // The markdown copy of Part 2 reads "LocalAuthorizationOffline"; the table heading, C07.FR.09 and libocpp
  // name it LocalAuthorizeOffline.
  LocalAuthorizeOffline: required.boolean({
    default: true,
    description: 'While offline, start transactions for idTokens accepted by the local list or the cache.',
  }),
  // The markdown copy of Part 2 reads "LocalPreauthorize"; the errata's test table and libocpp use LocalPreAuthorize.
  LocalPreAuthorize: required.boolean({
    default: true,
    description: 'While online, start at once for idTokens accepted locally, without waiting for the CSMS.',
  }),
  MasterPassGroupId: optional.string({
    maxLength: 36,
    description: 'groupId of the master pass: its idTokens may stop any transaction but start none.',
  }),
  DisableRemoteAuthorization: optional.boolean({
    default: false,
    description: 'Never send Authorize: decide with the local list and the cache only.',
  }),
  // 2025 errata: which idToken types the station accepts. No default: that depends on the readers fitted.
  SupportedIdTokenTypes: optional.memberList(ID_TOKEN_TYPES, {
    mutability: 'ReadOnly',
    constant: true,
    description: 'The idToken types this station supports.',
  }),
});
