import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const BAA_VERSION = '2026-1';

/** The agreement's text as accepted; its SHA-256 is stored with each acceptance. */
export const BAA_TEXT = readFileSync(new URL(`./${BAA_VERSION}.md`, import.meta.url), 'utf8');
export const BAA_SHA256 = createHash('sha256').update(BAA_TEXT, 'utf8').digest('hex');
