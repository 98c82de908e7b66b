import { lazy, type ComponentType } from 'react';

/**
 * The views a cold start does not show, each in its own chunk: the first script is the frame and
 * the accounts list, so the list is on screen sooner. Each chunk is fetched while the window is idle
 * after the first screen, so the first switch to a view seldom waits for it.
 */
const loaders = {
  AccountDetailView: () => import('../account-detail/AccountDetailView.js').then((m) => ({ default: m.AccountDetailView })),
  InvitationsView: () => import('../invitations/InvitationsView.js').then((m) => ({ default: m.InvitationsView })),
  BulkView: () => import('../bulk/BulkView.js').then((m) => ({ default: m.BulkView })),
  ConnectionsView: () => import('../connections/ConnectionsView.js').then((m) => ({ default: m.ConnectionsView })),
  SettingsView: () => import('../settings/SettingsView.js').then((m) => ({ default: m.SettingsView })),
  AccessReviewView: () => import('../access-review/AccessReviewView.js').then((m) => ({ default: m.AccessReviewView })),
  CommandPalette: () => import('../palette/CommandPalette.js').then((m) => ({ default: m.CommandPalette })),
};

type Loaded<K extends keyof typeof loaders> = Awaited<ReturnType<(typeof loaders)[K]>>['default'];

function lazyView<K extends keyof typeof loaders>(name: K): ComponentType<React.ComponentProps<Loaded<K>>> {
  return lazy(loaders[name] as () => Promise<{ default: ComponentType<React.ComponentProps<Loaded<K>>> }>);
}

export const AccountDetailView = lazyView('AccountDetailView');
export const InvitationsView = lazyView('InvitationsView');
export const BulkView = lazyView('BulkView');
export const ConnectionsView = lazyView('ConnectionsView');
export const SettingsView = lazyView('SettingsView');
export const AccessReviewView = lazyView('AccessReviewView');
export const CommandPalette = lazyView('CommandPalette');

/** Fetches every view's chunk once the window has nothing better to do. */
export function prefetchViews(): void {
  const fetchAll = () => {
    for (const load of Object.values(loaders)) void load().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fetchAll, { timeout: 3_000 });
  else setTimeout(fetchAll, 500);
}
