// SecurityCtrlr (Part 2, Referenced Components §2.2 Security; the 2025 errata add AllowSecurityProfileDowngrade
// and AllowCSMSTLSWildcards): security of the connection to the CSMS and of the station certificates.
import { controller, optional, required } from '../declare.js';

/** How many certificates this station stores at most (CertificateEntries' maxLimit). */
export const CERTIFICATE_CAPACITY = 100;

export const SecurityCtrlr = controller('SecurityCtrlr', 'Security', {
  // "Every Controller component has an 'Enabled' variable" (Part 2, Referenced Components §1). No default.
  Enabled: optional.boolean({ description: 'Security settings are in use.' }),
  // Optional in the table, though needed unless the station only does security profile 3. Write-only: never
  // reported, and not monitorable so its value cannot leak through events. 16 to 40 characters; the 2025 errata
  // allow a maxLimit between 40 and 64, this station keeps 40.
  BasicAuthPassword: optional.string({
    mutability: 'WriteOnly',
    minLength: 16,
    maxLength: 40,
    supportsMonitoring: false,
    description: 'Password for HTTP Basic authentication (security profiles 1 and 2), 16 to 40 characters; write-only.',
  }),
  // The spec allows ReadOnly or ReadWrite; ReadOnly because the link takes the identity from its configuration.
  Identity: optional.string({
    mutability: 'ReadOnly',
    maxLength: 48,
    description: 'Station identity: last part of the connection URL and the Basic-auth user name (no colon).',
  }),
  // No default: it names the operator.
  OrganizationName: required.string({
    description: 'Organization (O) put in the station certificate requests: the CSO or one it trusts.',
  }),
  CertificateEntries: required.integer({
    mutability: 'ReadOnly',
    default: 0,
    max: CERTIFICATE_CAPACITY,
    description: 'Certificates installed now; maxLimit is how many can be installed.',
  }),
  // No default: it must equal the security profile of the network profile in use, which the configuration (or
  // the stack, after an upgrade) gives. Persistent although read-only: the station never goes back below it.
  SecurityProfile: required.integer({
    mutability: 'ReadOnly',
    persistent: true,
    min: 1,
    max: 3,
    description: 'Security profile of the connection in use (1 Basic auth, 2 TLS + Basic auth, 3 TLS with client certificate).',
  }),
  // Optional in the table, though meant to be present unless the station only does profile 1; false says the
  // feature is not offered.
  AdditionalRootCertificateCheck: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: false,
    description: 'Only one CSMS root certificate at a time, each new one signed by the one it replaces.',
  }),
  MaxCertificateChainSize: optional.integer({
    mutability: 'ReadOnly',
    constant: true,
    max: 10000,
    description: 'Largest certificateChain accepted in CertificateSigned, in characters.',
  }),
  CertSigningWaitMinimum: optional.integer({
    unit: 's',
    default: 30,
    description: 'Seconds to wait for a signed certificate before sending a new SignCertificate; doubles every time.',
  }),
  CertSigningRepeatTimes: optional.integer({
    default: 3,
    description: 'How often SignCertificate is sent again (with the wait doubled) before the station waits for a TriggerMessage.',
  }),
  // 2025 errata. ReadWrite or ReadOnly by choice; ReadOnly so that only the station owner can allow it.
  AllowSecurityProfileDowngrade: optional.boolean({
    mutability: 'ReadOnly',
    description: 'Allow going from security profile 3 to 2 (never to 1).',
  }),
  // 2025 errata: ReadWrite whenever present. No default: not compliant behaviour, present only when implemented.
  AllowCSMSTLSWildcards: optional.boolean({
    description: 'Accept a CSMS whose TLS server certificate is a wildcard certificate (not recommended).',
  }),
});
