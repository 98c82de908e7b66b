import { create } from 'zustand';
import type { NavigateTarget } from '../../src-shared/ipc/events.js';

/** The views of the main navigation; an account's detail opens from the accounts. */
export const VIEWS = ['accounts', 'invitations', 'connections', 'settings', 'access-review', 'bulk'] as const;
export type View = (typeof VIEWS)[number] | 'account';

export interface AccountRef {
  connectionId: string;
  accountId: string;
}

interface NavigationState {
  view: View;
  /** The account whose detail is open (view 'account'). */
  account: AccountRef | null;
  /** An invitation to bring into view and focus (from a deep link or the palette). */
  focusInvitation: string | null;
  /** Something in the next view to focus once it renders, e.g. the add-provider form. */
  focusTarget: 'add-provider' | null;
  go(view: Exclude<View, 'account'>, options?: { focusInvitation?: string; focusTarget?: 'add-provider' }): void;
  openAccount(ref: AccountRef): void;
  consumeFocus(): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  view: 'accounts',
  account: null,
  focusInvitation: null,
  focusTarget: null,
  go: (view, options) => set({ view, account: null, focusInvitation: options?.focusInvitation ?? null, focusTarget: options?.focusTarget ?? null }),
  openAccount: (ref) => set({ view: 'account', account: ref, focusInvitation: null, focusTarget: null }),
  consumeFocus: () => set({ focusInvitation: null, focusTarget: null }),
}));

/** Goes where a deep link or a notification points. */
export function followTarget(target: NavigateTarget): void {
  const nav = useNavigation.getState();
  if (target.view === 'account') {
    if (target.connectionId && target.accountId) nav.openAccount({ connectionId: target.connectionId, accountId: target.accountId });
    else nav.go('accounts');
  } else if (target.view === 'invitations') {
    nav.go('invitations', target.invitationId ? { focusInvitation: target.invitationId } : undefined);
  } else {
    nav.go(target.view);
  }
}
