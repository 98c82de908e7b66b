import { net, powerMonitor } from 'electron';
import { OnlineTransitions, type OnlineWatcher } from '../sync/online-watcher.js';

const SAMPLE_MS = 5_000;

/**
 * The shell's way to learn the network came back: Chromium's own view of connectivity
 * (`net.isOnline()`, sampled) going from offline to online, and the machine waking up or being
 * unlocked (a laptop lid opened on another network). Providers that were offline are then tried
 * at once; the core's reachability probe covers a single provider coming back.
 */
export class ElectronOnlineWatcher implements OnlineWatcher {
  start(onOnline: (connectionId?: string) => void): () => void {
    const transitions = new OnlineTransitions();
    transitions.observe(net.isOnline());
    const timer = setInterval(() => {
      if (transitions.observe(net.isOnline())) onOnline();
    }, SAMPLE_MS);
    const wake = () => onOnline();
    powerMonitor.on('resume', wake);
    powerMonitor.on('unlock-screen', wake);
    return () => {
      clearInterval(timer);
      powerMonitor.off('resume', wake);
      powerMonitor.off('unlock-screen', wake);
    };
  }
}
