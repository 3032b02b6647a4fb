/** Types of bin/server-build.js, for the TypeScript that calls it (the bench). */
export declare const SERVER_BUNDLE: string;
export declare function serverBuildIsStale(): boolean;
export declare function buildServer(): Promise<void>;
export declare function ensureServerBuild(log: (message: string) => void): Promise<boolean>;
