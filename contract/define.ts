import type { z } from 'zod';

// A phantom marker that carries an output type through a plain object at no run-time cost.
export interface Returns<T> {
  readonly __returns?: T;
}
// Stryker disable next-line ArrowFunction: equivalent, the marker only carries a type; nothing reads it at run time
export const returns = <T>(): Returns<T> => ({});

export interface ChannelDef<I extends z.ZodType = z.ZodType, O = unknown> {
  /** The wire name used by ipcMain.handle and by the preview bridge. */
  readonly channel: string;
  /** Validated in main for every call; the renderer never runs it. */
  readonly input: I;
  readonly output: Returns<O>;
}

export const defineChannel = <I extends z.ZodType, O>(channel: string, input: I, output: Returns<O>): ChannelDef<I, O> => ({
  channel,
  input,
  output,
});

export type InputOf<C> = C extends ChannelDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends ChannelDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends ChannelDef<z.ZodType, infer O> ? O : never;
