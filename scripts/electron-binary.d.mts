export type ElectronBinaryCheck = { ok: true; binary: string } | { ok: false; missing: string };
export function checkElectronBinary(electronDir: string, env?: NodeJS.ProcessEnv): ElectronBinaryCheck;
export function missingElectronMessage(missing: string): string;
