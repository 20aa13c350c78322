import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whichever directory the process was started from. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GEODATA_DIR = path.join(ROOT_DIR, 'geodata');
export const CLIENT_DIST_DIR = path.join(ROOT_DIR, 'client', 'dist');
