import { z } from 'zod';

/**
 * The app's Content-Security-Policy forbids eval, so zod must not even probe for it: the probe alone is
 * reported as a CSP violation on every page. Imported first by main.tsx, before any schema is used.
 */
z.config({ jitless: true });
