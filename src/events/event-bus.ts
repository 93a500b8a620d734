// A typed, synchronous publish/subscribe hub. Listeners run in the order they subscribed, inside emit(), so
// whoever emits knows every reaction has happened when emit returns. A listener that throws is reported and
// the others still run: one faulty subscriber must never break the station.

/** Event names and the payload each carries: an interface (which blocks may extend) or a type. */
export type EventMap = object;

export type EventListener<T> = (event: T) => void;

/** The subscribing side, for those who only listen. */
export interface EventSource<E extends EventMap> {
  /** Calls `listener` on every `name` event until the returned function is called. */
  on<K extends keyof E & string>(name: K, listener: EventListener<E[K]>): () => void;
  /** Calls `listener` on the next `name` event only. */
  once<K extends keyof E & string>(name: K, listener: EventListener<E[K]>): () => void;
}

export interface EventBusOptions {
  /** Hears a listener's exception (default: ignored, so a listener cannot break the emitter). */
  onListenerError?: (error: unknown, name: string) => void;
}

export class EventBus<E extends EventMap> implements EventSource<E> {
  private readonly listeners = new Map<keyof E, Set<EventListener<never>>>();

  constructor(private readonly options: EventBusOptions = {}) {}

  on<K extends keyof E & string>(name: K, listener: EventListener<E[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry: EventListener<E[K]> = (event) => listener(event);
    set.add(entry as EventListener<never>);
    return () => {
      set.delete(entry as EventListener<never>);
    };
  }

  once<K extends keyof E & string>(name: K, listener: EventListener<E[K]>): () => void {
    const off = this.on(name, (event) => {
      off();
      listener(event);
    });
    return off;
  }

  /** Whether anyone listens for `name` (to skip building payloads nobody reads). */
  has(name: keyof E & string): boolean {
    return (this.listeners.get(name)?.size ?? 0) > 0;
  }

  emit<K extends keyof E & string>(name: K, event: E[K]): void {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return;
    for (const listener of [...set] as EventListener<E[K]>[]) {
      try {
        listener(event);
      } catch (error) {
        try {
          this.options.onListenerError?.(error, name);
        } catch {
          // The error reporter itself failed: nothing more can be done here.
        }
      }
    }
  }
}
