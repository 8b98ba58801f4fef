/** Run under dbus-run-session: asks a real session bus, where nothing owns the StatusNotifierWatcher name. */
import { probeStatusNotifierWatcher } from '../../../../electron/core/tray/tray-host';

process.stdout.write(JSON.stringify({ watcher: await probeStatusNotifierWatcher(process.env) }));
