// The fleet channels of the contract (contract/fleet.ts), answered by provisioning, the CSV imports and the
// infrastructure service. Inputs arrive validated by the dispatcher; failures are AppErrors.
import {
  knownAddressStyles,
  knownCalendarTypes,
  knownControlProtocols,
  knownDialStyles,
  knownSignalingProtocols,
  maxImportChunkChars,
  roomFieldLabels,
  roomFieldNames,
} from '../../contract/index.ts';
import type { Handlers } from '../ipc/dispatcher.ts';
import type { Clock } from '../ports.ts';
import type { InfrastructureService } from '../infrastructure/infrastructure-service.ts';
import { fleetCsv } from './fleet-csv.ts';
import type { FleetImports } from './imports.ts';
import type { ProvisioningService } from './provisioning.ts';

export type FleetHandlers = Pick<
  Handlers,
  | 'fleetFormInfo'
  | 'fleetConnections'
  | 'fleetRooms'
  | 'fleetRoom'
  | 'fleetListenerServices'
  | 'fleetSaveRoom'
  | 'fleetDeleteCheck'
  | 'fleetDeleteRoom'
  | 'fleetImportBegin'
  | 'fleetImportChunk'
  | 'fleetImportPlan'
  | 'fleetImportRows'
  | 'fleetImportApply'
  | 'fleetImportPause'
  | 'fleetImportCancel'
  | 'fleetImportReport'
  | 'fleetImportDiscard'
  | 'fleetExport'
  | 'fleetInfrastructure'
>;

const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'fleet';

export function fleetHandlers(deps: { provisioning: ProvisioningService; imports: FleetImports; infrastructure: InfrastructureService; clock: Clock }): FleetHandlers {
  const { provisioning, imports, infrastructure, clock } = deps;
  return {
    fleetFormInfo: () => ({
      fields: [...roomFieldNames],
      labels: roomFieldLabels,
      choices: {
        controlProtocol: [...knownControlProtocols],
        signalingProtocol: [...knownSignalingProtocols],
        dialStyle: [...knownDialStyles],
        addressStyle: [...knownAddressStyles],
        calendarType: [...knownCalendarTypes],
      },
      chunkChars: maxImportChunkChars,
    }),
    fleetConnections: () => provisioning.connections(),
    fleetRooms: ({ connectionId }) => provisioning.rooms(connectionId),
    fleetRoom: ({ connectionId, id }) => provisioning.room(connectionId, id),
    fleetListenerServices: ({ connectionId }) => infrastructure.listenerServiceViews(connectionId),
    fleetSaveRoom: (input) => provisioning.save(input),
    fleetDeleteCheck: ({ connectionId, id }) => provisioning.deleteCheck(connectionId, id),
    fleetDeleteRoom: ({ connectionId, id }) => provisioning.delete(connectionId, id),
    fleetImportBegin: ({ connectionId, fileName, size }) => imports.begin(connectionId, fileName, size),
    fleetImportChunk: ({ importId, index, text }) => imports.chunk(importId, index, text),
    fleetImportPlan: ({ importId }) => imports.plan(importId),
    fleetImportRows: ({ importId, kind, offset, limit }) => imports.rows(importId, kind, offset, limit),
    fleetImportApply: ({ importId }) => imports.apply(importId),
    fleetImportPause: ({ importId, paused }) => imports.pause(importId, paused),
    fleetImportCancel: ({ importId }) => imports.cancel(importId),
    fleetImportReport: ({ importId }) => imports.report(importId),
    fleetImportDiscard: ({ importId }) => imports.discard(importId),
    async fleetExport({ connectionId }) {
      const snap = await provisioning.fleet(connectionId, 0);
      const conn = provisioning.connections().find((c) => c.connectionId === connectionId);
      return { fileName: `${fileSafe(conn?.enterprise ?? conn?.name ?? 'fleet')}-rooms-${stamp(clock.now())}.csv`, text: fleetCsv(snap.records), rooms: snap.records.length };
    },
    fleetInfrastructure: ({ connectionId }) => infrastructure.view(connectionId),
  };
}
