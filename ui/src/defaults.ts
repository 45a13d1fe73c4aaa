//! What a node dropped from the palette starts as. These are starting points for a form, not
//! rules: a new node may well be incomplete (an email without content), and validation says so.
//! Labels are generic on purpose: the summary line under a label shows the settings, so a label
//! never goes stale when a setting changes.

import type { Kind, Node } from './bindings';

export function defaultNode(kind: Kind, id: string): Node {
  switch (kind) {
    case 'entry':
      return { id, label: 'Entry', kind, trigger: { event: { name: 'signed_up' } } };
    case 'wait':
      return { id, label: 'Wait', kind, delay: { duration: 'P1D' } };
    case 'wait_for_event':
      return { id, label: 'Wait for event', kind, events: [{ port: 'happened', event: 'purchased' }], timeout: 'P1D' };
    case 'branch':
      return { id, label: 'Branch', kind, cases: [{ port: 'case_1', when: { attr: 'plan', op: 'eq', value: 'pro' } }] };
    case 'split':
      return { id, label: 'A/B split', kind, paths: [{ port: 'a', weight: 50 }, { port: 'b', weight: 50 }] };
    case 'parallel':
      return { id, label: 'Parallel', kind, paths: [{ port: 'path_1' }, { port: 'path_2' }] };
    case 'message':
      return { id, label: 'Message', kind, channel: 'email', category: 'marketing', content: {} };
    case 'update':
      return { id, label: 'Update profile', kind, changes: [{ add_tag: 'tag' }] };
    case 'exit':
      return { id, label: 'Exit', kind };
  }
}
