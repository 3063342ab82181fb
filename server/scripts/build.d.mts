// Types of build.mjs (plain JavaScript: `npm start` runs it with node alone).
export type Entry = 'api' | 'forwarder' | 'scheduler' | 'worker'
export declare const ENTRIES: Record<Entry, { entry: string; out: string }>
/** Bundles the named entries (all by default); resolves to the bundles' absolute paths. */
export declare function buildServer(names?: Entry[]): Promise<string[]>
/** node's arguments in server/package.json's start script, ending with the API's bundle (dist/main.mjs). */
export declare function apiStartArgs(): string[]
