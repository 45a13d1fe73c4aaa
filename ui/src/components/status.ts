// How review statuses read, and the moves the history panel offers for each. The moves mirror
// `Status::next_statuses` in waymark-store for display only; the store refuses any other move.

import type { Status } from '../bindings';

export function statusLabel(status: Status): string {
  return { draft: 'Draft', in_review: 'In review', approved: 'Approved', published: 'Published', archived: 'Archived' }[status];
}

export interface StatusAction {
  to: Status;
  label: string;
  primary?: boolean;
}

export function statusActions(status: Status): StatusAction[] {
  switch (status) {
    case 'draft':
      return [{ to: 'in_review', label: 'Submit for review', primary: true }, { to: 'archived', label: 'Archive' }];
    case 'in_review':
      return [{ to: 'approved', label: 'Approve', primary: true }, { to: 'draft', label: 'Request changes' }, { to: 'archived', label: 'Archive' }];
    case 'approved':
      return [{ to: 'published', label: 'Publish', primary: true }, { to: 'in_review', label: 'Reopen review' }, { to: 'archived', label: 'Archive' }];
    case 'published':
      return [{ to: 'archived', label: 'Archive' }];
    case 'archived':
      return [];
  }
}
