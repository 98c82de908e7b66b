/**
 * The two Electron IPC channels between preload and main: every request travels on one invoke
 * channel as `{ channel, input }` (so main checks the sender and the contract in one place), and
 * every event on one push channel as `{ event, payload }`.
 */
export const INVOKE_CHANNEL = 'clientdeck:invoke';
export const EVENT_CHANNEL = 'clientdeck:event';
