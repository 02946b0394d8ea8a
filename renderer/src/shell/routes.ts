export const routes = [
  { id: 'rooms', label: 'Rooms' },
  { id: 'connections', label: 'Connections' },
  { id: 'event-log', label: 'Event log' },
  { id: 'settings', label: 'Settings' },
  { id: 'fleet', label: 'Fleet' },
] as const;

export type RouteId = (typeof routes)[number]['id'];

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '');
  return routes.find((r) => r.id === id)?.id ?? 'rooms';
}
