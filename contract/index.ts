export * from './errors.ts';
export * from './define.ts';
export * from './app.ts';
export * from './channels.ts';
export type * from './api.ts';
