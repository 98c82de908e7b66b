/**
 * The tabs of an account's detail, apart from the view that lays them out, so a panel that links to
 * another tab (the overview) need not import the view that contains it.
 */
export type DetailTab = 'overview' | 'people' | 'invitations' | 'contacts' | 'newUsers' | 'activity';
