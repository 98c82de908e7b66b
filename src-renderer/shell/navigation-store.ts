import { create } from 'zustand';

export const VIEWS = ['accounts', 'invitations', 'connections'] as const;
export type View = (typeof VIEWS)[number];

interface NavigationState {
  view: View;
  go(view: View): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  view: 'accounts',
  go: (view) => set({ view }),
}));
