// The ports blocks offer each other. A block that others may use declares its port interface in its own folder,
// adds it here by name with declaration merging, and hands the implementation to the station in
// `StationBlock.ports`:
//
//   declare module '../shared/block-ports.js' {
//     interface BlockPorts { tokens: TokenValidator }
//   }
//
// A block that needs one asks for it when it needs it (`ports.get('tokens')`), never while it is being built, so
// blocks may be listed in any order and may use each other both ways without holding each other.
import { OcppStationError } from '../../errors.js';
import type { TransactionActivity } from './transaction-activity.js';

/** Every port by name; each block adds its own (see above). Those several blocks rely on are declared here. */
export interface BlockPorts {
  /** Whether transactions run (the transactions block's). */
  transactionActivity: TransactionActivity;
}

export type PortName = keyof BlockPorts & string;

/** The ports a block provides, by name. */
export type ProvidedPorts = { readonly [K in PortName]?: BlockPorts[K] };

export class MissingPortError extends OcppStationError {
  override readonly name = 'MissingPortError';
  override readonly code = 'BLOCK_MISSING_PORT';
  constructor(readonly port: string) {
    super(`no block of this station provides the port "${port}"`);
  }
}

export class DuplicatePortError extends OcppStationError {
  override readonly name = 'DuplicatePortError';
  override readonly code = 'BLOCK_DUPLICATE_PORT';
  constructor(readonly port: string, readonly owner: string, readonly existingOwner: string) {
    super(`${owner} cannot provide the port "${port}": ${existingOwner} already does`);
  }
}

/** Where blocks find each other's ports. */
export interface PortLookup {
  /** The port; throws MissingPortError when no block of the station provides it. */
  get<K extends PortName>(name: K): BlockPorts[K];
  /** The port, or undefined when no block provides it (for blocks that work without it). */
  find<K extends PortName>(name: K): BlockPorts[K] | undefined;
  /**
   * A stand-in for the port that looks it up at each use: for handing a port to a class while the blocks are
   * still being built. Using it throws MissingPortError when no block provides the port.
   */
  lazy<K extends PortName>(name: K): BlockPorts[K];
}

export class PortRegistry implements PortLookup {
  private readonly ports = new Map<string, { owner: string; port: unknown }>();

  /** Adds a block's ports; throws DuplicatePortError (adding none) when a name is taken. */
  add(owner: string, ports: ProvidedPorts): void {
    const entries = Object.entries(ports).filter(([, port]) => port !== undefined);
    for (const [name] of entries) {
      const existing = this.ports.get(name);
      if (existing) throw new DuplicatePortError(name, owner, existing.owner);
    }
    for (const [name, port] of entries) this.ports.set(name, { owner, port });
  }

  get<K extends PortName>(name: K): BlockPorts[K] {
    const entry = this.ports.get(name);
    if (!entry) throw new MissingPortError(name);
    return entry.port as BlockPorts[K];
  }

  find<K extends PortName>(name: K): BlockPorts[K] | undefined {
    return this.ports.get(name)?.port as BlockPorts[K] | undefined;
  }

  lazy<K extends PortName>(name: K): BlockPorts[K] {
    const lookup = () => this.get(name) as unknown as Record<PropertyKey, unknown>;
    return new Proxy({} as BlockPorts[K] & object, {
      get(_target, property) {
        const port = lookup();
        const member = port[property];
        return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(port) : member;
      },
      has: (_target, property) => property in lookup(),
    });
  }
}
