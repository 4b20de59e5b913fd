/** The bundled SOMLIT table for renderer tests (read through Vite's ?raw import: the renderer has no file system). */
import raw from '../../../resources/somlit/somlit-table.json?raw';
import { parseSomlitTable } from '../../../shared/somlit/somlit-table.js';

export const bundledTable = parseSomlitTable(JSON.parse(raw));
