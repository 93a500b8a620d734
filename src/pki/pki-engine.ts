// The one place pkijs meets Node's WebCrypto: every pkijs operation of the stack runs on this engine, so no
// global engine has to be set and nothing depends on what else in the process configured pkijs.
import { webcrypto } from 'node:crypto';
import { CryptoEngine } from 'pkijs';

export const pkiEngine = new CryptoEngine({ name: 'node', crypto: webcrypto as never });
