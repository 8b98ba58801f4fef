/**
 * keytar is an optional dependency: a clone on a machine without libsecret-1-dev has no
 * node_modules/keytar, and the project must still typecheck there. Its loader (secret-store.ts)
 * checks the module's shape at run time, so nothing needs the package's own types.
 */
declare module 'keytar';
