import type { Channels, EventName, EventPayloads, MethodName } from './channels.ts';
import type { InputOf, OutputOf } from './define.ts';
import type { Result } from './errors.ts';

type Method<C> = undefined extends InputOf<C>
  ? (input?: InputOf<C>) => Promise<Result<OutputOf<C>>>
  : (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

/** What `window.relay` is, in Electron (preload) and in the preview host (bridge script) alike. */
export type RelayApi = { [K in MethodName]: Method<Channels[K]> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};
