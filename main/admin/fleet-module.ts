// Fleet administration wired together: provisioning, CSV imports and the infrastructure view over the
// rooms feature's poller (every Relay call through the host's budget, as the room actions' calls), the
// rooms' event log and the secret registry. The core builds one and spreads its handlers.
import type { ConnectionView, EventName, EventPayloads } from '../../contract/index.ts';
import { InfrastructureService } from '../infrastructure/infrastructure-service.ts';
import type { Clock, Logger } from '../ports.ts';
import type { RoomsService } from '../rooms/service.ts';
import type { SecretRegistry } from '../vault/redact.ts';
import { fleetHandlers, type FleetHandlers } from './handlers.ts';
import { FleetImports } from './imports.ts';
import { ProvisioningService } from './provisioning.ts';

export interface FleetModuleOptions {
  clock: Clock;
  log: Logger;
  registry: SecretRegistry;
  rooms: RoomsService;
  /** The connections as the connection manager has them now. */
  connections(): readonly ConnectionView[];
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

export interface FleetModule {
  handlers: FleetHandlers;
  provisioning: ProvisioningService;
  imports: FleetImports;
  infrastructure: InfrastructureService;
  dispose(): void;
}

export function createFleet(o: FleetModuleOptions): FleetModule {
  const { poller, events } = o.rooms;
  const urgentFor = <T>(connectionId: string, fn: Parameters<typeof poller.urgentFor<T>>[1]): Promise<T> => poller.urgentFor(connectionId, fn);
  const appendEvent = (entry: Parameters<typeof events.append>[0]): void => void events.append(entry);
  const relist = (connectionId: string): void => poller.relistNow(connectionId);
  const infrastructure = new InfrastructureService({
    clock: o.clock,
    log: o.log,
    urgentFor,
    connection: (id) => o.connections().find((c) => c.id === id) ?? null,
    rooms: () => poller.rooms(),
    names: o.rooms.listenerNames,
    causes: o.rooms.causes,
    appendEvent,
  });
  const listenerServices = async (connectionId: string): Promise<ReadonlyMap<string, string | null> | null> => {
    const list = await infrastructure.listenerServices(connectionId);
    return list ? new Map(list.map((ls) => [ls.id, ls.name ?? null])) : null;
  };
  const provisioning = new ProvisioningService({
    clock: o.clock,
    log: o.log,
    registry: o.registry,
    connections: o.connections,
    urgentFor,
    listenerServices,
    roomView: (connectionId, endpointId) => {
      for (const room of poller.rooms()) if (room.connectionId === connectionId && room.endpointId === endpointId) return o.rooms.view(room.key);
      return null;
    },
    relist,
    appendEvent,
  });
  const imports = new FleetImports({
    clock: o.clock,
    log: o.log,
    registry: o.registry,
    provisioning,
    urgentFor,
    budgetOf: (connectionId) => {
      try {
        const { client } = poller.connectionAccess(connectionId);
        return poller.hosts().find((h) => h.origin === client.base)?.budgetPerSec ?? null;
      } catch {
        return null;
      }
    },
    listenerServices,
    emit: (progress) => o.emit('fleet.import.progress', progress),
    appendEvent,
    relist,
  });
  return {
    handlers: fleetHandlers({ provisioning, imports, infrastructure, clock: o.clock }),
    provisioning,
    imports,
    infrastructure,
    dispose: () => imports.dispose(),
  };
}
