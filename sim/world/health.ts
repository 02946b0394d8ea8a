// The services GET /api/system/health reports (reference §2.5: a map of service → "ok" or "hosed", plus
// the hostname; 200 when all are ok, else 503). The control API can mark one hosed.
export const healthServices = ['amqp', 'db', 'amqp_cluster', 'api', 'grid'] as const;
export type HealthService = (typeof healthServices)[number];
export type HealthState = 'ok' | 'hosed';

export interface Health {
  get(): Record<HealthService, HealthState>;
  set(service: HealthService, state: HealthState): void;
  ok(): boolean;
}

export function createHealth(): Health {
  const states = Object.fromEntries(healthServices.map((s) => [s, 'ok'])) as Record<HealthService, HealthState>;
  return {
    get: () => ({ ...states }),
    set(service, state) {
      states[service] = state;
    },
    ok: () => healthServices.every((s) => states[s] === 'ok'),
  };
}
