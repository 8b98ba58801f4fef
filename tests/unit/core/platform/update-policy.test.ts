import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  CHECK_TIMEOUT_MS,
  INITIAL_UPDATE_STATE,
  LAUNCH_CHECK_DELAY_MS,
  RETRY_AFTER_ERROR_MS,
  UpdateController,
  canCheckNow,
  msUntilNextCheck,
  parseCodesignDetails,
  reduceUpdate,
  updateMenuEntries,
  updateMode,
  type InstallFacts,
  type UpdateEvent,
  type UpdateMode,
  type UpdateState,
} from '../../../../electron/core/platform/update-policy';
import { translate } from '../../../../shared/i18n/translate';
import { ManualClock } from '../../../support/manual-clock';

const packaged: InstallFacts = { isPackaged: true, platform: 'linux', appImagePath: undefined, packageType: null };
const AUTO: UpdateMode = { kind: 'auto', installer: 'nsis' };
const HOUR = 60 * 60 * 1000;

function run(events: UpdateEvent[], from: UpdateState = INITIAL_UPDATE_STATE): UpdateState {
  return events.reduce(reduceUpdate, from);
}

describe('updateMode', () => {
  it('is off for a dev run on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(updateMode({ ...packaged, platform, isPackaged: false, appImagePath: '/x.AppImage' })).toEqual({ kind: 'off', reason: 'dev' });
    }
  });

  it('uses electron-updater for the dmg/zip, nsis and AppImage builds', () => {
    expect(updateMode({ ...packaged, platform: 'darwin' })).toEqual({ kind: 'auto', installer: 'mac' });
    expect(updateMode({ ...packaged, platform: 'win32' })).toEqual({ kind: 'auto', installer: 'nsis' });
    // The AppImage is built from the same unpacked dir as the deb, so it may carry package-type=deb: APPIMAGE wins, as in electron-updater.
    expect(updateMode({ ...packaged, appImagePath: '/home/me/Brimline.AppImage', packageType: 'deb\n' })).toEqual({
      kind: 'auto',
      installer: 'appimage',
    });
  });

  it('an ad hoc signed macOS build only looks for updates (Squirrel.Mac would refuse every new build)', () => {
    expect(updateMode({ ...packaged, platform: 'darwin', macSignature: 'ad-hoc' })).toEqual({ kind: 'manual', reason: 'ad-hoc-signature' });
    expect(updateMode({ ...packaged, platform: 'darwin', macSignature: 'developer-id' })).toEqual({ kind: 'auto', installer: 'mac' });
    expect(updateMode({ ...packaged, platform: 'darwin', macSignature: 'unknown' })).toEqual({ kind: 'auto', installer: 'mac' });
  });

  it('reads how codesign says the bundle is signed', () => {
    const adhoc =
      'Executable=/Applications/Brimline.app/Contents/MacOS/Brimline\nIdentifier=dev.brimline.app\nFormat=app bundle with Mach-O thin (arm64)\nCodeDirectory v=20500 size=1234 flags=0x10002(adhoc,runtime) hashes=27+7 location=embedded\nSignature=adhoc\nInfo.plist entries=30\nTeamIdentifier=not set\n';
    const devId =
      'Executable=/Applications/Brimline.app/Contents/MacOS/Brimline\nAuthority=Developer ID Application: Example (ABCDE12345)\nAuthority=Developer ID Certification Authority\nAuthority=Apple Root CA\nTeamIdentifier=ABCDE12345\n';
    expect(parseCodesignDetails(adhoc)).toBe('ad-hoc');
    expect(parseCodesignDetails(devId)).toBe('developer-id');
    expect(parseCodesignDetails('/Applications/Brimline.app: code object is not signed at all\n')).toBe('ad-hoc');
    expect(parseCodesignDetails('')).toBe('unknown');
  });

  it('leaves deb, rpm and pacman installs to the package manager', () => {
    expect(updateMode({ ...packaged, packageType: 'deb\n' })).toEqual({ kind: 'package-manager', packageType: 'deb' });
    expect(updateMode({ ...packaged, packageType: 'rpm' })).toEqual({ kind: 'package-manager', packageType: 'rpm' });
    expect(updateMode({ ...packaged, packageType: 'pacman' })).toEqual({ kind: 'package-manager', packageType: 'pacman' });
  });

  it('is off for a Linux build that cannot replace itself (unpacked dir, unknown package type)', () => {
    expect(updateMode(packaged)).toEqual({ kind: 'off', reason: 'unsupported' });
    expect(updateMode({ ...packaged, packageType: 'snap' })).toEqual({ kind: 'off', reason: 'unsupported' });
    expect(updateMode({ ...packaged, platform: 'freebsd' })).toEqual({ kind: 'off', reason: 'unsupported' });
  });
});

describe('the update state machine', () => {
  it('goes checking → available → downloading → downloaded', () => {
    const s = run([
      { type: 'check-started', at: 1000, manual: false },
      { type: 'update-available', version: '0.2.0' },
      { type: 'download-progress', percent: 41.6 },
    ]);
    expect(s).toMatchObject({ status: 'downloading', version: '0.2.0', percent: 41.6, lastCheckAt: 1000 });
    expect(run([{ type: 'update-downloaded', version: '0.2.0' }], s)).toMatchObject({
      status: 'downloaded',
      version: '0.2.0',
      percent: 100,
    });
  });

  it('returns to idle, up to date, when nothing is newer', () => {
    expect(run([{ type: 'check-started', at: 5, manual: true }, { type: 'update-not-available' }])).toMatchObject({
      status: 'idle',
      upToDate: true,
      manual: true,
      lastCheckAt: 5,
    });
  });

  it('keeps a downloaded update through later checks and errors', () => {
    const ready = run([
      { type: 'check-started', at: 1, manual: false },
      { type: 'update-downloaded', version: '0.3.0' },
    ]);
    expect(run([{ type: 'check-started', at: 2, manual: true }], ready)).toBe(ready);
    expect(run([{ type: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' }], ready)).toBe(ready);
  });

  it('ignores events that make no sense in the current state, and clamps odd progress', () => {
    expect(run([{ type: 'update-available', version: '9.9.9' }])).toBe(INITIAL_UPDATE_STATE);
    expect(run([{ type: 'update-not-available' }])).toBe(INITIAL_UPDATE_STATE);
    expect(run([{ type: 'download-progress', percent: 50 }])).toBe(INITIAL_UPDATE_STATE);
    const available = run([
      { type: 'check-started', at: 1, manual: false },
      { type: 'update-available', version: '1.0.0' },
    ]);
    expect(run([{ type: 'download-progress', percent: Number.NaN }], available).percent).toBe(0);
    expect(run([{ type: 'download-progress', percent: 250 }], available).percent).toBe(100);
  });

  it('records an error, and a new check starts clean', () => {
    const failed = run([
      { type: 'check-started', at: 1, manual: false },
      { type: 'error', message: 'HttpError: 404' },
    ]);
    expect(failed).toMatchObject({ status: 'error', error: 'HttpError: 404' });
    expect(run([{ type: 'check-started', at: 2, manual: false }], failed)).toMatchObject({
      status: 'checking',
      error: null,
      lastCheckAt: 2,
    });
  });
});

describe('when to check', () => {
  const launchedAt = Date.parse('2026-12-01T09:00:00Z');

  it('shortly after launch, then every 24 hours, and an hour after a failure', () => {
    expect(msUntilNextCheck(AUTO, INITIAL_UPDATE_STATE, launchedAt, launchedAt)).toBe(LAUNCH_CHECK_DELAY_MS);
    const checked = run([{ type: 'check-started', at: launchedAt, manual: false }, { type: 'update-not-available' }]);
    expect(msUntilNextCheck(AUTO, checked, launchedAt, launchedAt + HOUR)).toBe(CHECK_INTERVAL_MS - HOUR);
    expect(msUntilNextCheck(AUTO, checked, launchedAt, launchedAt + 2 * CHECK_INTERVAL_MS)).toBe(0);
    const failed = run([
      { type: 'check-started', at: launchedAt, manual: false },
      { type: 'error', message: 'offline' },
    ]);
    expect(msUntilNextCheck(AUTO, failed, launchedAt, launchedAt)).toBe(RETRY_AFTER_ERROR_MS);
  });

  it('never in dev, for an unsupported build, or for a package-manager install', () => {
    for (const mode of [
      { kind: 'off', reason: 'dev' },
      { kind: 'off', reason: 'unsupported' },
      { kind: 'package-manager', packageType: 'deb' },
    ] as UpdateMode[]) {
      expect(msUntilNextCheck(mode, INITIAL_UPDATE_STATE, launchedAt, launchedAt)).toBeNull();
      expect(canCheckNow(mode, INITIAL_UPDATE_STATE)).toBe(false);
    }
  });

  it('not while a check or download runs, nor once an update waits for its restart', () => {
    const checking = run([{ type: 'check-started', at: launchedAt, manual: false }]);
    const downloading = run(
      [
        { type: 'update-available', version: '2.0.0' },
        { type: 'download-progress', percent: 3 },
      ],
      checking,
    );
    const downloaded = run([{ type: 'update-downloaded', version: '2.0.0' }], downloading);
    for (const s of [checking, downloading, downloaded]) {
      expect(msUntilNextCheck(AUTO, s, launchedAt, launchedAt + 3 * CHECK_INTERVAL_MS)).toBeNull();
      expect(canCheckNow(AUTO, s)).toBe(false);
    }
  });

  it('a clock set back a week does not postpone the next check past a day', () => {
    const checked = run([{ type: 'check-started', at: launchedAt, manual: false }, { type: 'update-not-available' }]);
    expect(msUntilNextCheck(AUTO, checked, launchedAt, launchedAt - 7 * CHECK_INTERVAL_MS)).toBe(CHECK_INTERVAL_MS);
  });
});

describe('tray menu entries', () => {
  const label = (mode: UpdateMode, s: UpdateState, lang: 'en' | 'fr' = 'en'): string[] =>
    updateMenuEntries(mode, s).map((e) => `${e.enabled ? '' : '(disabled) '}${translate(lang, lang, e.key, e.params)}`);

  it('offers "Check for updates", and "Restart to install" once downloaded', () => {
    expect(label(AUTO, INITIAL_UPDATE_STATE)).toEqual(['Check for updates']);
    const downloaded = run([
      { type: 'check-started', at: 1, manual: false },
      { type: 'update-downloaded', version: '0.4.0' },
    ]);
    expect(label(AUTO, downloaded)).toEqual(['Restart to install Brimline 0.4.0']);
    expect(updateMenuEntries(AUTO, downloaded)[0]).toMatchObject({ action: 'install', enabled: true });
    expect(updateMenuEntries(AUTO, INITIAL_UPDATE_STATE)[0]).toMatchObject({ action: 'check', enabled: true });
    expect(label(AUTO, downloaded, 'fr')).toEqual(['Redémarrer pour installer Brimline 0.4.0']);
  });

  it('shows progress, a failure and "up to date" (only after a check the user asked for)', () => {
    const checking = run([{ type: 'check-started', at: 1, manual: true }]);
    expect(label(AUTO, checking)).toEqual(['(disabled) Checking for updates…']);
    const dl = run(
      [
        { type: 'update-available', version: '0.5.0' },
        { type: 'download-progress', percent: 42.4 },
      ],
      checking,
    );
    expect(label(AUTO, dl)).toEqual(['(disabled) Downloading Brimline 0.5.0 (42%)']);
    expect(label(AUTO, run([{ type: 'update-not-available' }], checking))).toEqual([
      'Check for updates',
      '(disabled) Brimline is up to date',
    ]);
    const daily = run([{ type: 'check-started', at: 1, manual: false }, { type: 'update-not-available' }]);
    expect(label(AUTO, daily)).toEqual(['Check for updates']);
    expect(label(AUTO, run([{ type: 'error', message: 'x' }], checking))).toEqual([
      'Check for updates',
      '(disabled) Could not check for updates; Brimline tries again later',
    ]);
  });

  it('an ad hoc macOS build checks like the others, then offers the download page instead of downloading', () => {
    const manual: UpdateMode = { kind: 'manual', reason: 'ad-hoc-signature' };
    expect(canCheckNow(manual, INITIAL_UPDATE_STATE)).toBe(true);
    expect(msUntilNextCheck(manual, INITIAL_UPDATE_STATE, 0, 0)).toBe(LAUNCH_CHECK_DELAY_MS);
    const found = run([
      { type: 'check-started', at: 0, manual: false },
      { type: 'update-available', version: '0.3.0' },
    ]);
    expect(updateMenuEntries(manual, found)).toEqual([
      { key: 'update.downloadManually', params: { version: '0.3.0' }, enabled: true, action: 'download' },
    ]);
    expect(translate('en', 'en', 'update.downloadManually', { version: '0.3.0' })).toContain('0.3.0');
    // Nothing is ever downloaded, so no "Restart to install".
    expect(updateMenuEntries(manual, INITIAL_UPDATE_STATE)).toEqual([{ key: 'update.check', enabled: true, action: 'check' }]);
  });

  it('says the package manager updates a deb install, and shows nothing in dev', () => {
    expect(label({ kind: 'package-manager', packageType: 'deb' }, INITIAL_UPDATE_STATE)).toEqual([
      '(disabled) Brimline is updated by your package manager',
    ]);
    expect(label({ kind: 'package-manager', packageType: 'deb' }, INITIAL_UPDATE_STATE, 'fr')).toEqual([
      '(disabled) Brimline est mis à jour par votre gestionnaire de paquets',
    ]);
    expect(updateMenuEntries({ kind: 'off', reason: 'dev' }, INITIAL_UPDATE_STATE)).toEqual([]);
  });
});

describe('UpdateController on a manual clock (no network)', () => {
  function setup(mode: UpdateMode = AUTO) {
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    const calls: string[] = [];
    let answer: (c: UpdateController) => void = () => undefined;
    let failWith: Error | null = null;
    const controller: UpdateController = new UpdateController({
      mode,
      clock,
      driver: {
        check: async () => {
          calls.push(`check@${new Date(clock.now()).toISOString()}`);
          if (failWith) throw failWith;
          answer(controller);
        },
        quitAndInstall: () => calls.push('quitAndInstall'),
      },
      beforeInstall: async () => {
        calls.push('beforeInstall');
      },
    });
    return {
      clock,
      calls,
      controller,
      answerWith: (fn: (c: UpdateController) => void) => (answer = fn),
      failNextWith: (e: Error | null) => (failWith = e),
    };
  }

  it('checks 10 s after launch and then once a day', async () => {
    const t = setup();
    t.answerWith((c) => c.dispatch({ type: 'update-not-available' }));
    t.controller.start();
    await t.clock.advance(LAUNCH_CHECK_DELAY_MS - 1);
    expect(t.calls).toEqual([]);
    await t.clock.advance(1);
    await t.clock.advance(CHECK_INTERVAL_MS * 2);
    expect(t.calls).toEqual(['check@2026-12-01T09:00:10.000Z', 'check@2026-12-02T09:00:10.000Z', 'check@2026-12-03T09:00:10.000Z']);
    t.controller.dispose();
  });

  it('never checks in dev or for a deb install', async () => {
    for (const mode of [
      { kind: 'off', reason: 'dev' },
      { kind: 'package-manager', packageType: 'deb' },
    ] as UpdateMode[]) {
      const t = setup(mode);
      t.controller.start();
      expect(t.controller.checkNow()).toBe(false);
      await t.clock.advance(7 * CHECK_INTERVAL_MS);
      expect(t.calls).toEqual([]);
      expect(t.clock.pendingCount()).toBe(0);
    }
  });

  it('retries an hour after a failed check (a rejected promise or an error event)', async () => {
    const t = setup();
    t.failNextWith(new Error('getaddrinfo ENOTFOUND github.com'));
    t.controller.start();
    await t.clock.advance(LAUNCH_CHECK_DELAY_MS);
    expect(t.controller.state()).toMatchObject({ status: 'error', error: 'getaddrinfo ENOTFOUND github.com' });
    t.failNextWith(null);
    t.answerWith((c) => c.dispatch({ type: 'update-not-available' }));
    await t.clock.advance(RETRY_AFTER_ERROR_MS);
    expect(t.calls).toEqual(['check@2026-12-01T09:00:10.000Z', 'check@2026-12-01T10:00:10.000Z']);
    expect(t.controller.state().status).toBe('idle');
    t.controller.dispose();
  });

  it('gives up on a check that never answers, then keeps checking', async () => {
    const t = setup();
    t.controller.start();
    await t.clock.advance(LAUNCH_CHECK_DELAY_MS);
    expect(t.controller.state().status).toBe('checking');
    await t.clock.advance(CHECK_TIMEOUT_MS);
    expect(t.controller.state()).toMatchObject({ status: 'error', error: 'no answer within 5 minutes' });
    await t.clock.advance(RETRY_AFTER_ERROR_MS);
    expect(t.calls).toHaveLength(2);
    t.controller.dispose();
  });

  it('a manual check while one is running is refused; "Restart to install" stops first, then quits and installs', async () => {
    const t = setup();
    const seen: string[][] = [];
    const c = new UpdateController({
      mode: AUTO,
      clock: t.clock,
      driver: { check: async () => undefined, quitAndInstall: () => t.calls.push('quitAndInstall') },
      beforeInstall: async () => {
        t.calls.push('beforeInstall');
      },
      onChange: (_s, entries) => seen.push(entries.map((e) => e.key)),
    });
    c.start();
    expect(await c.install()).toBe(false);
    expect(c.checkNow()).toBe(true);
    expect(c.checkNow()).toBe(false);
    c.dispatch({ type: 'update-available', version: '0.9.0' });
    c.dispatch({ type: 'download-progress', percent: 50 });
    expect(seen.at(-1)).toEqual(['update.downloading']);
    c.dispatch({ type: 'update-downloaded', version: '0.9.0' });
    expect(seen.at(-1)).toEqual(['update.restartToInstall']);
    // No more scheduled checks once an update waits.
    expect(t.clock.pendingCount()).toBe(0);
    expect(await c.install()).toBe(true);
    expect(t.calls).toEqual(['beforeInstall', 'quitAndInstall']);
    expect(await c.install()).toBe(false);
  });
});
