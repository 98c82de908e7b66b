// Node module hooks for the shell under test: `electron` and `electron-updater` resolve to the
// recording stand-in (TypeScript, loaded through tsx), everything else as usual.
const standIns = {
  electron: new URL('./electron.ts', import.meta.url).href,
  'electron-updater': new URL('./electron-updater.ts', import.meta.url).href,
};

export async function resolve(specifier, context, nextResolve) {
  const standIn = standIns[specifier];
  if (standIn) return { url: standIn, shortCircuit: true, format: 'module' };
  return nextResolve(specifier, context);
}
