/** Run in a child process with no D-Bus session, to see the real keytar fail and the store fall back. */
import { SecretStore } from '../../../../electron/core/platform/secret-store';

const store = new SecretStore({ service: 'Brimline-test-fallback', timeoutMs: 4000 });
await store.init();
const status = await store.set('claudeSessionKey', 'sk-ant-sid01-child-secret');
const back = await store.get('claudeSessionKey');
process.stdout.write(JSON.stringify({ status, roundTrip: back === 'sk-ant-sid01-child-secret' }));
