/**
 * Runs inside its own dbus-run-session with gnome-keyring, in two processes. `locked`: saves a key
 * under the former service, locks the keyring for real, runs the migration. Then the daemon is
 * restarted unlocked (as a new login does) and `unlocked` looks at what was left and runs the
 * migration again. Each prints one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { migrateKeychain, type KeychainLike } from '../../../../electron/core/migration/keychain';
import { importKeytar } from '../../../../electron/core/platform/secret-store';

const VALUE = 'test-session-key-locked-keyring-value-123';
const kt = (await importKeytar()) as unknown as KeychainLike;

if (process.argv[2] === 'locked') {
  await kt.setPassword('Headroom', 'claudeSessionKey', VALUE);
  execFileSync(
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.secrets',
      '--object-path',
      '/org/freedesktop/secrets',
      '--method',
      'org.freedesktop.Secret.Service.Lock',
      "['/org/freedesktop/secrets/collection/login']",
    ],
    { stdio: 'ignore' },
  );
  const result = await migrateKeychain({ timeoutMs: 8000 });
  process.stdout.write(JSON.stringify({ result }) + '\n');
} else {
  const keptOld = (await kt.getPassword('Headroom', 'claudeSessionKey')) === VALUE;
  const movedEarly = (await kt.getPassword('Brimline', 'claudeSessionKey')) !== null;
  const retry = (await migrateKeychain({ timeoutMs: 8000 })).kind;
  const old = await kt.getPassword('Headroom', 'claudeSessionKey');
  const nowOk = (await kt.getPassword('Brimline', 'claudeSessionKey')) === VALUE;
  process.stdout.write(JSON.stringify({ keptOld, movedEarly, retry, after: { old, nowOk } }) + '\n');
}
