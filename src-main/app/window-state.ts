import type { Logger } from 'pino';
import { z } from 'zod';
import { openConf } from '../storage/conf-file.js';

/**
 * The app window's size, position and maximised state, remembered per display layout (the laptop
 * alone, the laptop at its desk with two monitors...), so docking and undocking each find the
 * window where the user last left it there. Plain Node: the shell passes Electron's displays in.
 */
const Rect = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
export type Rect = z.infer<typeof Rect>;
const SavedWindow = z.object({ bounds: Rect, maximized: z.boolean() });
export type SavedWindow = z.infer<typeof SavedWindow>;

export interface DisplayArea {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

/** How much of a restored window must lie on a screen for the user to be able to grab it. */
const MIN_VISIBLE = 80;

/** The same monitors in the same arrangement give the same key. */
export function displayLayoutKey(displays: readonly DisplayArea[]): string {
  return displays
    .map((d) => `${d.bounds.x},${d.bounds.y},${d.bounds.width}x${d.bounds.height}`)
    .sort()
    .join('|');
}

function visibleArea(rect: Rect, area: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x)),
    height: Math.max(0, Math.min(rect.y + rect.height, area.y + area.height) - Math.max(rect.y, area.y)),
  };
}

/**
 * Where to open the window: the saved bounds when enough of them is on some screen's work area,
 * otherwise the saved size (shrunk to fit) centred on the primary screen; nothing saved keeps the
 * defaults, centred.
 */
export function restoredBounds(saved: SavedWindow | null, displays: readonly DisplayArea[], defaults: { width: number; height: number }): SavedWindow {
  const primary = displays[0]?.workArea ?? { x: 0, y: 0, width: defaults.width, height: defaults.height };
  if (saved) {
    const onScreen = displays.some((d) => {
      const v = visibleArea(saved.bounds, d.workArea);
      return v.width >= MIN_VISIBLE && v.height >= MIN_VISIBLE;
    });
    if (onScreen) return saved;
  }
  const width = Math.min(saved?.bounds.width ?? defaults.width, primary.width);
  const height = Math.min(saved?.bounds.height ?? defaults.height, primary.height);
  const bounds = { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height };
  return { bounds, maximized: saved?.maximized ?? false };
}

interface WindowStateFile extends Record<string, unknown> {
  version: 1;
  layouts: Record<string, unknown>;
}

/** `<dataDir>/window-state.json`, through the same conf files as the other stores. */
export class WindowStateStore {
  readonly #conf;

  constructor(dataDir: string, logger: Logger) {
    this.#conf = openConf<WindowStateFile>(dataDir, 'window-state', { version: 1, layouts: {} }, logger);
  }

  /** What was saved for this layout, or else for the layout used last (a new monitor arrangement). */
  read(displays: readonly DisplayArea[]): SavedWindow | null {
    const layouts = this.#conf.get('layouts');
    const exact = SavedWindow.safeParse(layouts[displayLayoutKey(displays)]);
    if (exact.success) return exact.data;
    const last = SavedWindow.safeParse(layouts[String(this.#conf.get('last'))]);
    return last.success ? last.data : null;
  }

  save(displays: readonly DisplayArea[], state: SavedWindow): void {
    const key = displayLayoutKey(displays);
    const parsed = SavedWindow.safeParse(state);
    if (!parsed.success) return;
    this.#conf.set('layouts', { ...this.#conf.get('layouts'), [key]: parsed.data });
    this.#conf.set('last', key);
  }
}
