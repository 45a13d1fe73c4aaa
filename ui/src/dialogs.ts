//! Native file dialogs for import and export (Tauri's dialog plugin). Outside the desktop shell
//! there is no file system to pick from, so these return `null` and the caller says why.

import { open, save } from '@tauri-apps/plugin-dialog';
import { isDesktop } from './api';

const FILTERS = [{ name: 'Waymark journey', extensions: ['journey.json'] }, { name: 'JSON', extensions: ['json'] }];

/** Asks for a `*.journey.json` file to import; `null` when cancelled or unavailable. */
export async function pickFileToImport(): Promise<string | null> {
  if (!isDesktop()) return null;
  const picked = await open({ multiple: false, directory: false, filters: FILTERS, title: 'Import a journey' });
  return typeof picked === 'string' ? picked : null;
}

/** Asks where to export a journey; `null` when cancelled or unavailable. */
export async function pickFileToExport(journeyId: string): Promise<string | null> {
  if (!isDesktop()) return null;
  const picked = await save({ defaultPath: `${journeyId}.journey.json`, filters: FILTERS, title: 'Export the journey' });
  return picked ?? null;
}
