// Bulk provisioning from a CSV file: the file arrives in chunks (the preview bridge caps one message), its
// dry run is built against the fleet as Relay has it now (import-plan.ts), and applying it sends one
// request per room to create or update, in row order, through the host's request budget — paced to at
// most `share` of it, so the board's polls keep the rest — with progress, an estimate of the time left
// (requests left at that rate), pause and cancel, and a report to save. Nothing is ever deleted.
//
// A create that failed with the server in trouble (5xx, a timeout) may or may not have happened: it is not
// sent again by itself. Opening the same file again shows what is left to do (the import is idempotent).
import { randomBytes } from 'node:crypto';
import type { ImportPlan, ImportProgress, ImportRow, ImportRowKind, EventLogEntry, FleetExport } from '../../contract/index.ts';
import { maxImportBytes } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import { HttpError } from '../net/errors.ts';
import type { Clock, Logger } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import type { RelayClient } from '../relay/client.ts';
import { csvRow } from '../rooms/csv.ts';
import type { SecretRegistry } from '../vault/redact.ts';
import { parseFleetCsv } from './fleet-csv.ts';
import { planImport, type BuiltPlan, type PlannedRow } from './import-plan.ts';
import type { ProvisioningService } from './provisioning.ts';
import { createBody, updateBody } from './room-fields.ts';

export interface ImportsOptions {
  clock: Clock;
  log?: Logger;
  registry: SecretRegistry;
  provisioning: ProvisioningService;
  urgentFor<T>(connectionId: string, fn: (client: RelayClient) => Promise<T>): Promise<T>;
  /** The request budget of the connection's host (requests a second; null: no limit). */
  budgetOf(connectionId: string): number | null;
  listenerServices(connectionId: string): Promise<ReadonlyMap<string, string | null> | null>;
  emit(progress: ImportProgress): void;
  appendEvent(entry: Omit<EventLogEntry, 'id' | 'at'>): void;
  /** The board's room list is read again when an apply ends. */
  relist(connectionId: string): void;
  /** The most of the host's budget an apply uses (default 0.8: the board's polls keep the rest). */
  share?: number;
  /** Imports kept at once (default 4; the oldest one not applying goes first). */
  maxDrafts?: number;
  /** Spacing of progress events (default 250 ms). */
  progressMs?: number;
}

type Outcome = { row: number; name: string; result: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'not sent'; id: string | null; message: string };

interface Run {
  phase: ImportProgress['phase'];
  queue: PlannedRow[];
  index: number;
  created: number;
  updated: number;
  failed: number;
  outcomes: Map<number, Outcome>;
  /** Wakes the loop from a pause or a wait (pause, resume, cancel). */
  wake: (() => void) | null;
  message: string;
  lastEmit: number;
  /** Average time per request so far (ms), for the estimate where the host has no budget. */
  perRequestMs: number | null;
  startedAt: number;
}

interface Draft {
  id: string;
  connectionId: string;
  fileName: string;
  size: number;
  chunks: string[];
  chars: number;
  plan: BuiltPlan | null;
  view: ImportPlan | null;
  run: Run | null;
}

const sleep = (clock: Clock, ms: number, wakeSlot: (wake: () => void) => void): Promise<void> =>
  new Promise((resolve) => {
    const t = clock.setTimeout(resolve, Math.max(0, Math.min(ms, 3_600_000)));
    wakeSlot(() => {
      t.cancel();
      resolve();
    });
  });

export class FleetImports {
  readonly #o: ImportsOptions;
  readonly #log: Logger;
  readonly #drafts = new Map<string, Draft>();

  constructor(options: ImportsOptions) {
    this.#o = options;
    this.#log = options.log ?? silentLogger;
  }

  begin(connectionId: string, fileName: string, size: number): { importId: string } {
    if (!this.#o.provisioning.connections().some((c) => c.connectionId === connectionId)) fail('not_found', 'There is no such connection (it may have been removed).');
    const max = this.#o.maxDrafts ?? 4;
    for (const d of this.#drafts.values()) {
      if (this.#drafts.size < max) break;
      if (d.run?.phase !== 'applying' && d.run?.phase !== 'paused') this.#drafts.delete(d.id);
    }
    if (this.#drafts.size >= max) fail('conflict', 'Several imports are still running. Let one finish or cancel it first.');
    const id = randomBytes(12).toString('base64url');
    this.#drafts.set(id, { id, connectionId, fileName: fileName.replace(/[\p{Cc}]/gu, '').slice(0, 200) || 'rooms.csv', size, chunks: [], chars: 0, plan: null, view: null, run: null });
    return { importId: id };
  }

  chunk(importId: string, index: number, text: string): null {
    const d = this.#draft(importId);
    if (d.plan) fail('conflict', 'This file was read already; open it again to read a new version.');
    if (index !== d.chunks.length) fail('invalid_input', `Part ${index + 1} of the file arrived out of order; open the file again.`);
    if (d.chars + text.length > maxImportBytes) fail('rejected', `The file is larger than ${Math.round(maxImportBytes / 1024 / 1024)} MB; split it into smaller files.`);
    d.chunks.push(text);
    d.chars += text.length;
    return null;
  }

  /** The dry run (nothing is sent but reads of the fleet and its Listener Services). */
  async plan(importId: string): Promise<ImportPlan> {
    const d = this.#draft(importId);
    if (d.view) return d.view;
    const parsed = parseFleetCsv(d.chunks.join(''));
    d.chunks = [];
    if (!parsed.ok) fail('rejected', parsed.message);
    const [fleet, listenerServices] = await Promise.all([this.#o.provisioning.fleet(d.connectionId, 0), this.#o.listenerServices(d.connectionId)]);
    const plan = planImport(parsed.csv, fleet, listenerServices);
    d.plan = plan;
    const conn = this.#o.provisioning.connections().find((c) => c.connectionId === d.connectionId);
    const requests = plan.counts.create + plan.counts.update;
    const budget = this.#o.budgetOf(d.connectionId);
    let reason: string | null = null;
    if (!conn) reason = 'The connection was removed.';
    else if (!conn.canProvision) reason = conn.reason;
    else if (!conn.connected) reason = `"${conn.name}" is not connected.`;
    else if (requests === 0) reason = plan.counts.error > 0 ? 'Nothing to change: every other row has errors to fix first.' : 'Nothing to change: the fleet already matches the file.';
    d.view = {
      importId,
      fileName: d.fileName,
      connectionId: d.connectionId,
      rows: plan.rows.length,
      counts: plan.counts,
      issues: plan.issues,
      errorTotal: plan.rows.filter((r) => r.kind === 'error').length,
      notInFile: plan.notInFile.slice(0, 1_000),
      notes: plan.notes,
      requests,
      estimateMs: budget === null ? null : Math.round(requests * this.#spacing(budget)),
      budgetPerSec: budget,
      canApply: reason === null,
      reason,
    };
    return d.view;
  }

  rows(importId: string, kind: ImportRowKind, offset: number, limit: number): ImportRow[] {
    const plan = this.#draft(importId).plan ?? fail('conflict', 'Read the file first (the dry run).');
    return plan.rows
      .filter((r) => r.kind === kind)
      .slice(offset, offset + limit)
      .map((r) => ({ row: r.row, kind: r.kind, name: r.name, id: r.id, changes: r.changes }));
  }

  apply(importId: string): ImportProgress {
    const d = this.#draft(importId);
    if (!d.plan || !d.view) fail('conflict', 'Read the file first (the dry run).');
    if (d.run) return this.#progress(d);
    const conn = this.#o.provisioning.connections().find((c) => c.connectionId === d.connectionId);
    if (!conn) fail('not_found', 'The connection was removed.');
    if (!conn.canProvision) fail('forbidden', conn.reason ?? 'This connection may not provision rooms.');
    const queue = d.plan.rows.filter((r) => r.kind === 'create' || r.kind === 'update');
    const outcomes = new Map<number, Outcome>();
    for (const r of d.plan.rows) {
      if (r.kind === 'unchanged') outcomes.set(r.row, { row: r.row, name: r.name, result: 'unchanged', id: r.id, message: 'Already as in the file.' });
      if (r.kind === 'error') outcomes.set(r.row, { row: r.row, name: r.name, result: 'skipped', id: r.id, message: this.#issuesOf(d, r.row) });
    }
    const now = this.#o.clock.now();
    d.run = { phase: 'applying', queue, index: 0, created: 0, updated: 0, failed: 0, outcomes, wake: null, message: 'Applying…', lastEmit: -Infinity, perRequestMs: null, startedAt: now };
    void this.#loop(d).catch((error: unknown) => {
      this.#log.error('import failed', { error: error instanceof Error ? error.message : String(error) });
      if (d.run) this.#finish(d, 'failed', 'The import stopped because of an error inside Relay Console. The details are in the log.');
    });
    return this.#progress(d);
  }

  pause(importId: string, paused: boolean): ImportProgress {
    const d = this.#draft(importId);
    const run = d.run ?? fail('conflict', 'This import is not being applied.');
    if (paused && run.phase === 'applying') {
      run.phase = 'paused';
      run.message = 'Paused: the request in flight finishes, nothing more is sent.';
    } else if (!paused && run.phase === 'paused') {
      run.phase = 'applying';
      run.message = 'Applying…';
    }
    run.wake?.();
    return this.#emit(d, true);
  }

  cancel(importId: string): ImportProgress {
    const d = this.#draft(importId);
    const run = d.run;
    if (!run) {
      this.#drafts.delete(importId);
      return { importId, phase: 'cancelled', total: 0, done: 0, created: 0, updated: 0, failed: 0, etaMs: null, message: 'Cancelled: nothing was sent.' };
    }
    if (run.phase === 'applying' || run.phase === 'paused') {
      run.phase = 'cancelled';
      run.message = 'Cancelling: the request in flight finishes, nothing more is sent.';
      run.wake?.();
    }
    return this.#emit(d, true);
  }

  report(importId: string): FleetExport {
    const d = this.#draft(importId);
    const run = d.run ?? fail('conflict', 'Nothing was applied yet: the report is made by applying the import.');
    const lines = [csvRow(['Row', 'Room', 'Result', 'Room ID', 'Message'])];
    const all = [...run.outcomes.values()];
    for (const r of run.queue.slice(run.index)) if (!run.outcomes.has(r.row)) all.push({ row: r.row, name: r.name, result: 'not sent', id: r.id, message: 'Not sent: the import was stopped before this row.' });
    for (const o of all.sort((a, b) => a.row - b.row)) lines.push(csvRow([o.row, o.name, o.result, o.id, o.message]));
    const stem = d.fileName.replace(/\.[^.]*$/, '');
    return { fileName: `${stem}-import-report.csv`, text: `\uFEFF${lines.join('\r\n')}\r\n`, rooms: all.length };
  }

  discard(importId: string): null {
    const d = this.#drafts.get(importId);
    if (d?.run && (d.run.phase === 'applying' || d.run.phase === 'paused')) fail('conflict', 'This import is being applied: cancel it first.');
    this.#drafts.delete(importId);
    return null;
  }

  dispose(): void {
    for (const d of this.#drafts.values()) {
      if (d.run && (d.run.phase === 'applying' || d.run.phase === 'paused')) {
        d.run.phase = 'cancelled';
        d.run.wake?.();
      }
    }
  }

  // ---- the apply loop ----

  #spacing(budget: number): number {
    return 1_000 / (budget * Math.min(1, Math.max(0.05, this.#o.share ?? 0.8)));
  }

  async #loop(d: Draft): Promise<void> {
    const run = d.run as Run;
    let nextAt = this.#o.clock.now();
    while (run.index < run.queue.length) {
      if (run.phase === 'cancelled') break;
      if (run.phase === 'paused') {
        this.#emit(d, true);
        await sleep(this.#o.clock, 3_600_000, (w) => (run.wake = w));
        run.wake = null;
        continue;
      }
      const wait = nextAt - this.#o.clock.now();
      if (wait > 0) {
        await sleep(this.#o.clock, wait, (w) => (run.wake = w));
        run.wake = null;
        if (run.phase !== 'applying') continue;
        if (nextAt > this.#o.clock.now()) continue;
      }
      const row = run.queue[run.index] as PlannedRow;
      const budget = this.#o.budgetOf(d.connectionId);
      const started = this.#o.clock.now();
      nextAt = started + (budget === null ? 0 : this.#spacing(budget));
      const sent = await this.#send(d, row);
      const took = this.#o.clock.now() - started;
      run.perRequestMs = run.perRequestMs === null ? took : run.perRequestMs * 0.9 + took * 0.1;
      if (sent === 'retry') continue;
      if (sent === 'stop') return;
      run.index++;
      this.#emit(d, false);
    }
    if (run.phase === 'cancelled') return this.#finish(d, 'cancelled', `Cancelled after ${run.index} of ${run.queue.length} rooms.`);
    this.#finish(d, 'done', `Done: ${run.created} created, ${run.updated} updated${run.failed > 0 ? `, ${run.failed} failed (see the report)` : ''}.`);
  }

  /** Sends one row; 'retry' after a 429 (the server did nothing), 'stop' when the connection can no longer provision. */
  async #send(d: Draft, row: PlannedRow): Promise<'ok' | 'retry' | 'stop'> {
    const run = d.run as Run;
    const fields = row.fields;
    if (!fields) return 'ok';
    const password = row.password ?? undefined;
    if (password !== undefined) this.#o.registry.add(password);
    try {
      if (row.kind === 'create') {
        const body = { ...createBody(fields), ...(password !== undefined ? { password } : {}) };
        const record = await this.#o.urgentFor(d.connectionId, (c) => c.createEndpoint(body, password));
        run.created++;
        run.outcomes.set(row.row, { row: row.row, name: row.name, result: 'created', id: record.id, message: 'Created.' });
      } else if (row.record) {
        const body = updateBody(row.record, fields, row.changes);
        const id = row.record.id;
        await this.#o.urgentFor(d.connectionId, (c) => c.updateEndpoint(id, body, undefined));
        run.updated++;
        run.outcomes.set(row.row, { row: row.row, name: row.name, result: 'updated', id, message: `Changed: ${row.changes.join(', ')}.` });
      }
      return 'ok';
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('internal', 'Something went wrong inside Relay Console.');
      if (e.code === 'rate_limited') {
        const wait = e instanceof HttpError && e.retryAfterMs !== undefined ? e.retryAfterMs : 1_000;
        run.message = `The server asked to slow down; going on in ${Math.ceil(wait / 1000)} s.`;
        this.#emit(d, true);
        await sleep(this.#o.clock, Math.max(250, wait), (w) => (run.wake = w));
        run.wake = null;
        return 'retry';
      }
      if (e.code === 'unauthorized' || e.code === 'forbidden' || e.code === 'unavailable' || (e.code === 'not_found' && row.kind === 'create')) {
        run.outcomes.set(row.row, { row: row.row, name: row.name, result: 'failed', id: row.id, message: e.message });
        run.failed++;
        this.#finish(d, 'failed', `Stopped: ${e.message}`);
        return 'stop';
      }
      const unsure = row.kind === 'create' && (e.code === 'server_error' || e.code === 'timeout' || e.code === 'offline');
      run.failed++;
      run.outcomes.set(row.row, {
        row: row.row,
        name: row.name,
        result: 'failed',
        id: row.id,
        message: unsure ? `${e.message} The room may or may not have been created: open the file again to see.` : e.message,
      });
      return 'ok';
    } finally {
      if (password !== undefined) this.#o.registry.forget(password);
    }
  }

  #finish(d: Draft, phase: 'done' | 'cancelled' | 'failed', message: string): void {
    const run = d.run as Run;
    run.phase = phase;
    run.message = message;
    // The passwords of rooms not created are dropped with the plan's rows.
    for (const r of run.queue) r.password = null;
    this.#o.provisioning.invalidate(d.connectionId);
    this.#o.relist(d.connectionId);
    const conn = this.#o.provisioning.connections().find((c) => c.connectionId === d.connectionId);
    this.#o.appendEvent({
      roomKey: null,
      roomName: null,
      connectionName: conn?.name ?? null,
      kind: phase === 'done' && run.failed === 0 ? 'action' : 'error',
      cause: 'user',
      message: `Import of ${d.fileName}: ${message}`,
    });
    this.#emit(d, true);
  }

  #progress(d: Draft): ImportProgress {
    const run = d.run;
    if (!run) return { importId: d.id, phase: 'ready', total: d.view?.requests ?? 0, done: 0, created: 0, updated: 0, failed: 0, etaMs: d.view?.estimateMs ?? null, message: 'Ready to apply.' };
    const left = run.queue.length - run.index;
    const budget = this.#o.budgetOf(d.connectionId);
    const active = run.phase === 'applying' || run.phase === 'paused';
    const per = budget === null ? run.perRequestMs : Math.max(this.#spacing(budget), run.perRequestMs ?? 0);
    return {
      importId: d.id,
      phase: run.phase,
      total: run.queue.length,
      done: run.index,
      created: run.created,
      updated: run.updated,
      failed: run.failed,
      etaMs: active && per !== null ? Math.round(left * per) : null,
      message: run.message,
    };
  }

  #emit(d: Draft, force: boolean): ImportProgress {
    const p = this.#progress(d);
    const run = d.run;
    const now = this.#o.clock.now();
    if (run && (force || now - run.lastEmit >= (this.#o.progressMs ?? 250) || p.done === p.total)) {
      run.lastEmit = now;
      this.#o.emit(p);
    }
    return p;
  }

  #issuesOf(d: Draft, row: number): string {
    const issues = (d.plan?.issues ?? []).filter((i) => i.row === row).map((i) => (i.column ? `${i.column}: ${i.message}` : i.message));
    return issues.length > 0 ? issues.join(' ') : 'Skipped: the row has errors.';
  }

  #draft(importId: string): Draft {
    return this.#drafts.get(importId) ?? fail('not_found', 'This import is no longer open; open the file again.');
  }
}

function fail(code: ConstructorParameters<typeof AppError>[0], message: string): never {
  throw new AppError(code, message);
}
