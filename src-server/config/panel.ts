/**
 * Development tools of the panel (the mail viewer shows live invitation and activation links):
 * on in demo mode, with NODE_ENV=development, or with CLIENTAREA_DEV_MAIL=1; off otherwise.
 */
export function devToolsEnabled({ demo }: { demo: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return demo || env.NODE_ENV === 'development' || env.CLIENTAREA_DEV_MAIL === '1';
}
