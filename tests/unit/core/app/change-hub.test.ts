/** The app state's listeners: every listener hears each change, a failing one is logged and skipped. */
import { describe, expect, it } from 'vitest';
import { createChangeHub } from '../../../../electron/core/app/change-hub';

function recordingLogger(): { errors: string[]; log(): void; info(): void; warn(): void; error(m: string): void } {
  const errors: string[] = [];
  return { errors, log() {}, info() {}, warn() {}, error: (m: string) => void errors.push(m) };
}

describe('change hub', () => {
  it('tells every listener once per change, and no longer after it unsubscribes', () => {
    const hub = createChangeHub(recordingLogger());
    const heard: string[] = [];
    const stopA = hub.onChange(() => heard.push('a'));
    hub.onChange(() => heard.push('b'));
    hub.changed();
    stopA();
    hub.changed();
    expect(heard).toEqual(['a', 'b', 'b']);
  });

  it('logs a listener that throws and still tells the others', () => {
    const logger = recordingLogger();
    const hub = createChangeHub(logger);
    const heard: string[] = [];
    hub.onChange(() => {
      throw new Error('window gone');
    });
    hub.onChange(() => heard.push('tray'));
    hub.changed();
    expect(heard).toEqual(['tray']);
    expect(logger.errors).toEqual(['app state listener failed: Error: window gone']);
  });

  it('clear() drops every listener (dispose)', () => {
    const hub = createChangeHub(recordingLogger());
    let calls = 0;
    hub.onChange(() => calls++);
    hub.clear();
    hub.changed();
    expect(calls).toBe(0);
  });
});
