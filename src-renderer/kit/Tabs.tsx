import type { KeyboardEvent, ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  /** A count after the label, e.g. pending invitations. */
  count?: number;
}

interface Props<T extends string> {
  baseId: string;
  label: string;
  tabs: TabItem<T>[];
  selected: T;
  onSelect(id: T): void;
}

export const tabId = (baseId: string, id: string) => `${baseId}-tab-${id}`;
export const panelId = (baseId: string, id: string) => `${baseId}-panel-${id}`;

/** The WAI-ARIA tabs pattern: one tab stop, arrows and Home/End move, selection follows focus. */
export function Tabs<T extends string>({ baseId, label, tabs, selected, onSelect }: Props<T>) {
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = tabs.length - 1;
    const to = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[to]!;
    onSelect(next.id);
    document.getElementById(tabId(baseId, next.id))?.focus();
  }
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          id={tabId(baseId, tab.id)}
          type="button"
          role="tab"
          className="tabs__tab"
          aria-selected={tab.id === selected}
          aria-controls={panelId(baseId, tab.id)}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {tab.label}
          {tab.count !== undefined && tab.count > 0 && <span className="tabs__count">{tab.count}</span>}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ baseId, id, children }: { baseId: string; id: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={panelId(baseId, id)} aria-labelledby={tabId(baseId, id)} className="tab-panel" tabIndex={0}>
      {children}
    </div>
  );
}
