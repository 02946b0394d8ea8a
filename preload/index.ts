// The sandboxed preload (bundled into one CommonJS file, out/preload/index.cjs): exposes the contract as
// window.relay and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { buildRelayApi } from './api.ts';

contextBridge.exposeInMainWorld('relay', buildRelayApi(ipcRenderer));
