export * from './errors.ts';
export * from './define.ts';
export * from './app.ts';
export * from './budget.ts';
export * from './connections.ts';
export * from './rooms.ts';
export * from './desktop.ts';
export * from './channels.ts';
export type * from './api.ts';
