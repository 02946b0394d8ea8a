// The names of each connection's Listener Services, as the server's list gave them: the root-cause line
// says "Listener Service AUS-LS1" rather than an id. Filled by the infrastructure service (which reads the
// list through the request budget); read by the root-cause tracker, which asks for names when it lacks one.
export class ListenerNames {
  readonly #names = new Map<string, Map<string, string>>();
  #wanted: ((connectionId: string) => void) | null = null;
  #changed: ((connectionId: string) => void) | null = null;

  nameOf(connectionId: string, listenerServiceId: string): string | null {
    return this.#names.get(connectionId)?.get(listenerServiceId) ?? null;
  }

  /** The list was read; at most 10,000 names per connection are kept. */
  set(connectionId: string, names: ReadonlyMap<string, string>): void {
    const before = this.#names.get(connectionId);
    const next = new Map([...names].slice(0, 10_000));
    this.#names.set(connectionId, next);
    if (!before || before.size !== next.size || [...next].some(([id, name]) => before.get(id) !== name)) this.#changed?.(connectionId);
  }

  forget(connectionId: string): void {
    this.#names.delete(connectionId);
  }

  want(connectionId: string): void {
    this.#wanted?.(connectionId);
  }

  /** Who reads the names when they are wanted (the infrastructure service). */
  onWant(listener: (connectionId: string) => void): void {
    this.#wanted = listener;
  }

  /** Who shows them (the root-cause tracker). */
  onChange(listener: (connectionId: string) => void): void {
    this.#changed = listener;
  }
}
