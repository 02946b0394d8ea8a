import { describe, expect, it } from 'vitest';
import {
  defaultWindowSize,
  loadWindowState,
  minimumWindowSize,
  restoreWindowState,
  saveWindowState,
  windowStateKey,
  type Rect,
} from '../../../main/app/window-state.ts';
import { memorySettings } from './memory-settings.ts';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 1280, height: 984 };
const inside = (r: Rect, area: Rect) =>
  r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height;

describe('window state', () => {
  it('keeps a stored window that fits where it was', () => {
    const stored = { x: 100, y: 80, width: 1200, height: 800, maximized: true };
    expect(restoreWindowState(stored, [primary], primary)).toEqual(stored);
  });

  it('opens centred at the default size on a first launch', () => {
    const state = restoreWindowState(undefined, [primary], primary);
    expect(state).toMatchObject({ ...defaultWindowSize, maximized: false });
    expect(state.x).toBe((primary.width - defaultWindowSize.width) / 2);
  });

  it.each([
    ['null', null],
    ['a string', 'garbage'],
    ['missing fields', { x: 1, y: 2 }],
    ['negative size', { x: 0, y: 0, width: -5, height: 600 }],
    ['NaN', { x: Number.NaN, y: 0, width: 800, height: 600 }],
    ['Infinity', { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 600 }],
    ['huge numbers', { x: 1e12, y: 0, width: 800, height: 600 }],
    ['strings for numbers', { x: '10', y: '10', width: '800', height: '600' }],
    ['maximized not a boolean', { x: 0, y: 0, width: 800, height: 600, maximized: 'yes' }],
  ])('ignores a corrupt stored value (%s)', (_name, stored) => {
    const state = restoreWindowState(stored, [primary], primary);
    expect(state).toMatchObject({ ...defaultWindowSize, maximized: false });
    expect(inside(state, primary)).toBe(true);
  });

  it('moves a window from an unplugged monitor back onto the primary display', () => {
    const stored = { x: 1920 + 200, y: 100, width: 1000, height: 700 };
    const state = restoreWindowState(stored, [primary], primary);
    expect(inside(state, primary)).toBe(true);
    expect(state).toMatchObject({ width: 1000, height: 700 });
  });

  it('pulls a half off-screen window fully onto the display it overlaps most', () => {
    const state = restoreWindowState({ x: 1920 + 900, y: -300, width: 1000, height: 700 }, [primary, right], primary);
    expect(inside(state, right)).toBe(true);
    expect(state).toMatchObject({ x: right.x + right.width - 1000, y: 0 });
  });

  it('shrinks a window larger than the display, but never below the minimum size', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 700 };
    expect(restoreWindowState({ x: 0, y: 0, width: 5000, height: 4000 }, [small], small)).toMatchObject({ x: 0, y: 0, width: 1024, height: 700 });
    expect(restoreWindowState({ x: 10, y: 10, width: 100, height: 100 }, [small], small)).toMatchObject(minimumWindowSize);
  });

  it('round-trips through the settings store, and survives a store that throws', () => {
    const settings = memorySettings();
    saveWindowState(settings, { x: 10.4, y: 20.6, width: 900.2, height: 650 }, false);
    expect(settings.values.get(windowStateKey)).toEqual({ x: 10, y: 21, width: 900, height: 650, maximized: false });
    expect(loadWindowState(settings, [primary], primary)).toEqual({ x: 10, y: 21, width: 900, height: 650, maximized: false });

    const broken = {
      ...settings,
      get: () => {
        throw new Error('unreadable');
      },
    };
    expect(loadWindowState(broken, [primary], primary)).toMatchObject(defaultWindowSize);
  });
});
