/** The renderer applies a settings patch with main's own merge, so a change shows at once while the bridge confirms it. */
export { mergeSettings as applySettingsPatch } from '../../shared/settings';
