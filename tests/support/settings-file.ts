/**
 * Writes a Brimline settings file with only the named sources on. Every source id is listed, so a
 * source added later (on by default) never creeps into a test that meant to run only these.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SOURCE_IDS, type SourceId } from '../../shared/domain';

export function writeSettingsWithSources(dataDir: string, on: readonly SourceId[], extra: Record<string, unknown> = {}): void {
  const sources = Object.fromEntries(SOURCE_IDS.map((id) => [id, { enabled: on.includes(id) }]));
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, ...extra, sources }));
}
