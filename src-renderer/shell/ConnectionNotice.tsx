import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../bridge/get-bridge.js';
import { WireBridge } from '../bridge/wire-bridge.js';

/** In web mode, says when the socket to main dropped; the bridge reconnects by itself. */
export function ConnectionNotice() {
  const { t } = useTranslation();
  const [lost, setLost] = useState(false);
  useEffect(() => {
    const bridge = getBridge();
    if (!(bridge instanceof WireBridge)) return;
    let opened = bridge.state === 'open';
    return bridge.onState((state) => {
      if (state === 'open') {
        opened = true;
        setLost(false);
      } else if (state === 'closed' && opened) {
        setLost(true);
      }
    });
  }, []);
  return (
    <div role="status" className="connection-notice">
      {lost && <div className="banner banner--warn">{t('errors.reconnecting')}</div>}
    </div>
  );
}
