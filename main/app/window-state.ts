// Window size and position remembered across launches. Pure logic: what is stored is validated (a hand-
// edited or corrupt settings file must not crash the app or open a window off every screen) and then
// fitted onto a display that exists now (a monitor may have been unplugged since the last launch).
import { z } from 'zod';
import type { SettingsStore } from '../ports.ts';

export const windowStateKey = 'window.state';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rect {
  maximized: boolean;
}

export const defaultWindowSize = { width: 1280, height: 800 } as const;
export const minimumWindowSize = { width: 760, height: 480 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const storedWindowState = z.object({ x: coordinate, y: coordinate, width: length, height: length, maximized: z.boolean().default(false) });

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/** Fits a size into a work area (never larger than it) and places the window inside it. */
function fitInto(size: { width: number; height: number }, area: Rect, at?: { x: number; y: number }): Rect {
  const width = Math.min(Math.max(size.width, minimumWindowSize.width), area.width);
  const height = Math.min(Math.max(size.height, minimumWindowSize.height), area.height);
  const x = at ? clamp(at.x, area.x, area.x + area.width - width) : area.x + Math.round((area.width - width) / 2);
  const y = at ? clamp(at.y, area.y, area.y + area.height - height) : area.y + Math.round((area.height - height) / 2);
  return { x, y, width, height };
}

/**
 * The bounds to open the window with. `workAreas` are the displays' work areas now; `primary` is the
 * primary display's. A stored window that overlaps a display is kept there (shrunk and moved to lie fully
 * inside it); one that overlaps none, or a stored value that is not valid, opens centred on the primary.
 */
export function restoreWindowState(stored: unknown, workAreas: readonly Rect[], primary: Rect): WindowState {
  const parsed = storedWindowState.safeParse(stored);
  if (!parsed.success) return { ...fitInto(defaultWindowSize, primary), maximized: false };
  const saved = parsed.data;
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(saved, area);
    if (overlap > bestArea) [best, bestArea] = [area, overlap];
  }
  const bounds = best ? fitInto(saved, best, saved) : fitInto(saved, primary);
  return { ...bounds, maximized: saved.maximized };
}

export function loadWindowState(settings: SettingsStore, workAreas: readonly Rect[], primary: Rect): WindowState {
  let stored: unknown;
  try {
    stored = settings.get(windowStateKey);
  } catch {
    stored = undefined; // an unreadable store is the same as a first launch
  }
  return restoreWindowState(stored, workAreas, primary);
}

export function saveWindowState(settings: SettingsStore, normalBounds: Rect, maximized: boolean): void {
  const { x, y, width, height } = normalBounds;
  // Rounded because fractional bounds (scaled displays) would fail the integer schema on the next launch.
  const state: WindowState = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), maximized };
  settings.set(windowStateKey, state);
}
