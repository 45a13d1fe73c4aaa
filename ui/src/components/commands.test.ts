import { describe, expect, it } from 'vitest';
import { paletteMatches, type Command } from './commands';

const command = (id: string, title: string, extra: Partial<Command> = {}): Command => ({ id, title, enabled: true, run: () => {}, ...extra });

const commands: Command[] = [
  command('layout', 'Tidy up (automatic layout)'),
  command('simulate', 'Simulate'),
  command('journey-onboarding', 'Open journey: Onboarding: signup to activation', { target: 'journey' }),
  command('journey-win-back', 'Open journey: Win-back: lapsed customers', { target: 'journey' }),
  command('step-welcome', 'Go to step: Welcome email', { hint: 'message_1', target: 'step' }),
  command('step-wait', 'Go to step: Wait 2 days', { hint: 'wait_2d', target: 'step' }),
];

describe('the command palette', () => {
  it('lists the commands alone until something is typed', () => {
    expect(paletteMatches(commands, '').map((c) => c.id)).toEqual(['layout', 'simulate']);
  });

  it('finds journeys and steps by name (or a step by its id), after the commands', () => {
    expect(paletteMatches(commands, 'onboard').map((c) => c.id)).toEqual(['journey-onboarding']);
    expect(paletteMatches(commands, 'welcome').map((c) => c.id)).toEqual(['step-welcome']);
    expect(paletteMatches(commands, 'wait_2d').map((c) => c.id)).toEqual(['step-wait']);
    expect(paletteMatches(commands, 'up').map((c) => c.id)).toEqual(['layout', 'journey-onboarding']);
  });

  it('leaves out what cannot run now', () => {
    const disabled = commands.map((c) => (c.id === 'journey-win-back' ? { ...c, enabled: false } : c));
    expect(paletteMatches(disabled, 'win').map((c) => c.id)).toEqual([]);
  });
});
