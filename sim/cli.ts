// `npm run sim -- --rooms 500 --port 8787 --seed 7 [--rate-limit strict|lenient|off] [--speed 10]`: runs the simulator
// alone and prints its URLs and the demo credentials. Forked with an IPC channel (the load benchmark),
// it also reports readiness and its CPU use over IPC.
import { parseArgs } from 'node:util';
import { CONTROL_TOKEN_HEADER, MAX_ROOMS, jitterMs, startSim, type RateLimitMode, type RunningSim } from './index.ts';

const HELP = `Usage: npm run sim -- [--rooms N] [--port P] [--seed S] [--rate-limit strict|lenient|off] [--arrival-jitter-ms J] [--speed X] [--host H]
  --rooms       number of rooms, 0..${MAX_ROOMS} (default 24)
  --port        TCP port, 0 = any free port (default 8787)
  --seed        world seed (default 1)
  --rate-limit  strict = a third request per token within any rolling 1,000 ms gets 429 (default);
                lenient = a token bucket of 2 refilled at 2/s; off = unlimited
  --arrival-jitter-ms  strict: count each request at its arrival ± up to J ms (default 0)
  --speed       rooms change this many times faster than real life (default 1)
  --host        interface to bind (default 127.0.0.1)`;

function parse() {
  const { values } = parseArgs({
    options: {
      rooms: { type: 'string', default: '24' },
      port: { type: 'string', default: '8787' },
      seed: { type: 'string', default: '1' },
      'rate-limit': { type: 'string', default: 'strict' },
      'arrival-jitter-ms': { type: 'string', default: '0' },
      speed: { type: 'string', default: '1' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const int = (name: string, raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  const rateLimit = values['rate-limit'];
  if (rateLimit !== 'strict' && rateLimit !== 'lenient' && rateLimit !== 'off') throw new Error('--rate-limit is strict, lenient or off');
  const arrivalJitterMs = jitterMs(Number(values['arrival-jitter-ms']));
  const speed = Number(values.speed);
  if (!(speed > 0)) throw new Error('--speed must be a positive number');
  return {
    help: values.help,
    rooms: int('rooms', values.rooms),
    port: int('port', values.port),
    seed: int('seed', values.seed),
    rateLimit: rateLimit as RateLimitMode,
    arrivalJitterMs,
    speed,
    host: values.host,
  };
}

function describe(sim: RunningSim, rooms: number, seed: number, rateLimit: string): string {
  const c = sim.credentials;
  const lines = [
    `BlueJeans simulator: ${rooms} rooms, seed ${seed}, rate limit ${rateLimit}`,
    '',
    `  API (api.bluejeans.com)        ${sim.urls.api}   (POST /oauth2/token, GET /v1/user/…)`,
    `  Authorize page (bluejeans.com) ${sim.urls.authorize}?clientId=${c.app.clientId}&redirectUri=…&state=…`,
    `  Relay (relay.bluejeans.com)    ${sim.urls.relay}   (GET /api/endpoints, …)`,
    `  Control (loopback only)        ${sim.urls.control}   (header ${CONTROL_TOKEN_HEADER}: ${sim.controlToken})`,
    '',
    'Demo credentials',
    `  Enterprise admin (password grant)  ${c.admin.username} / ${c.admin.password}`,
    `  Regular user (read-only Relay)     ${c.user.username} / ${c.user.password}`,
    `  Relay account (Basic)              ${c.relayAccount.username} / ${c.relayAccount.password}`,
    `  Enterprise app                     client_id ${c.app.clientId}  client_secret ${c.app.clientSecret}`,
    `    redirect URLs                    ${[...c.app.redirectUrls, c.app.loopbackRedirect].join(', ')}`,
    '  Meetings (numeric id: moderator / participant passcode)',
    ...c.meetings.map((m) => `    ${m.numericId.padEnd(11)} ${m.moderatorPasscode ?? '(none)'} / ${m.participantPasscode ?? '(none)'}  ${m.title}`),
    `  Pairing codes (Zero Touch)${c.pairingCodes.length > 8 ? `, first 8 of ${c.pairingCodes.length} (all: GET ${sim.urls.control}/rooms)` : ''}`,
    ...c.pairingCodes.slice(0, 8).map((p) => `    ${p.code}  ${p.name}  (${p.endpointId})`),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parse>;
  try {
    opts = parse();
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(HELP);
    return;
  }
  const sim = await startSim({ rooms: opts.rooms, port: opts.port, seed: opts.seed, rateLimit: opts.rateLimit, arrivalJitterMs: opts.arrivalJitterMs, speed: opts.speed, host: opts.host });
  console.log(describe(sim, opts.rooms, opts.seed, opts.rateLimit));
  console.log('\nCtrl-C stops it.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the simulator`);
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (process.send) {
    process.send({ type: 'ready', url: sim.url, controlToken: sim.controlToken, credentials: { relayAccount: sim.credentials.relayAccount } });
    process.on('message', (msg: unknown) => {
      if (msg && typeof msg === 'object' && 'type' in msg && msg.type === 'cpu') process.send?.({ type: 'cpu', usage: process.cpuUsage(), memory: process.memoryUsage().rss });
    });
    process.on('disconnect', () => void stop('parent gone'));
  }
}

await main();
