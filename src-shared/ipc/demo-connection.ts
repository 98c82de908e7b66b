/**
 * The label main gives the demo connection. The renderer shows it in the user's language for as
 * long as the label is still this one, i.e. the user has not renamed the connection. Plain text in
 * a file of its own: the renderer's frame reads it without building the contract's schemas.
 */
export const DEMO_LABEL = 'Demo provider';
