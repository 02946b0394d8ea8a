// The history file never holds a secret: a run with real tokens, passwords and passcodes from the
// simulator, fed to the history the way a careless caller might (secrets inside messages), and every
// file in the history's folder scanned for every one of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { History, type HistoryOptions } from '../../../main/history/history.ts';
import { SecretRegistry } from '../../../main/vault/redact.ts';
import { startSim, type RunningSim } from '../../../sim/index.ts';
import { ManualClock, settle } from '../../helpers/manual-clock.ts';
import { ch, MIN, scratch, T0 } from '../../helpers/history-fixtures.ts';
import { call, relayTokenFor, seamToken } from '../sim/helpers.ts';

let sim: RunningSim;
let secrets: string[];
let tokens: string[];
beforeAll(async () => {
  sim = await startSim({ rooms: 24, seed: 3, rateLimit: 'off' });
  const c = sim.credentials;
  const seams = [await seamToken(sim, 'admin'), await seamToken(sim, 'user'), await seamToken(sim, 'client')];
  const fromSeam = await call<{ accessToken: string }>(sim.url, `/api/auth/accesstokens?seamaccesstoken=${encodeURIComponent(seams[0] as string)}`, { method: 'POST' });
  tokens = [...seams, await relayTokenFor(sim), await relayTokenFor(sim, 'admin'), fromSeam.body.accessToken, c.app.clientSecret];
  secrets = [
    ...tokens,
    c.admin.password,
    c.user.password,
    c.relayAccount.password,
    ...c.meetings.flatMap((m) => [m.moderatorPasscode, m.participantPasscode]).filter((p): p is string => p !== null),
    ...c.pairingCodes.map((p) => p.code),
  ];
});
afterAll(async () => {
  await sim.close();
});

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** A day of a run: every room seen, calls, a failed join, a failed mute, sign-in, slow-down, errors. */
async function run(o: Partial<HistoryOptions>): Promise<string> {
  const s = scratch();
  dirs.push(s);
  const clock = new ManualClock(T0);
  const history = await History.open({ dir: s.dir, clock, ...o });
  const c = sim.credentials;
  const [seam, , , relay] = tokens as [string, string, string, string];
  const ent = c.enterprise.relayId;
  history.connection({ at: T0, connection: `${c.enterprise.label} (${c.relayAccount.username})`, kind: 'signed-in', message: `Signed in with password ${c.relayAccount.password} and token ${relay}.` });
  sim.control.rooms.list().forEach((r, i) => {
    const room = { enterpriseId: ent, endpointId: r.id };
    const base = { room, name: r.name, site: r.site, why: 'poll' as const };
    const meeting = c.meetings[i % c.meetings.length] as (typeof c.meetings)[number];
    const pairing = c.pairingCodes.find((p) => p.endpointId === r.id)?.code ?? '';
    history.transition({ ...base, at: T0 + i, call: ch('unknown', 'idle'), reachability: ch('online', 'online') });
    history.transition({ ...base, at: T0 + MIN + i, call: ch('idle', 'dialing'), meeting: ch(null, { id: meeting.numericId, title: `${meeting.title} (passcode ${meeting.moderatorPasscode ?? ''})` }) });
    history.transition({ ...base, at: T0 + 2 * MIN + i, call: ch('dialing', 'in-call') });
    history.transition({ ...base, at: T0 + 3 * MIN + i, reachability: ch('online', 'unreachable'), detail: `Status failed: 401 for X-Access-Token ${relay} (pairing code ${pairing}).` });
    history.action({ ...base, at: T0 + 4 * MIN + i, action: 'join', result: 'failed', meeting: { id: meeting.numericId, title: meeting.title }, message: `Join failed: passcode ${meeting.participantPasscode ?? ''} was refused.` });
    history.action({ ...base, at: T0 + 5 * MIN + i, action: 'mute', result: 'ok', message: `Mute sent (${seam}).` });
  });
  history.episode({ at: T0 + 6 * MIN, kind: 'slow-down', host: new URL(sim.url).host, until: T0 + 7 * MIN, message: `The server asked to slow down (${sim.url}/api/endpoints?seamaccesstoken=${encodeURIComponent(seam)}).` });
  history.connection({ at: T0 + 8 * MIN, connection: c.enterprise.label, kind: 'reconnect-needed', message: `Refresh with secret ${c.app.clientSecret} failed.` });
  await history.flush();
  await settle();
  const open = filesOf(s.dir);
  await history.close();
  return open + filesOf(s.dir);
}

/** Every file of the folder, as text (latin1: byte for byte). */
function filesOf(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

describe('the history file and secrets', () => {
  it('holds none of a run’s secrets with the vault’s scrubber in front', async () => {
    const registry = new SecretRegistry();
    registry.add(...secrets);
    const bytes = await run({ scrub: (t) => registry.scrub(t) });
    expect(bytes).toContain(sim.control.rooms.list()[0]?.name); // the file does hold the history
    expect(bytes).toContain('Join failed: passcode [secret] was refused.');
    for (const secret of secrets) {
      expect(bytes.includes(secret), `found ${secret}`).toBe(false);
      expect(bytes.includes(encodeURIComponent(secret)), `found ${secret}, URL-encoded`).toBe(false);
    }
  });

  it('masks anything shaped like a token even when the caller forgot to scrub', async () => {
    const bytes = await run({});
    for (const token of tokens) {
      expect(bytes.includes(token), `found ${token}`).toBe(false);
      expect(bytes.includes(encodeURIComponent(token)), `found ${token}, URL-encoded`).toBe(false);
    }
  });
});
