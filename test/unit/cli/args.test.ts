import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.ts';

describe('parseArgs', () => {
  it.each([
    [['analyze', 'a.har'], { command: 'analyze', input: 'a.har', format: 'text', all: false, stack: null, color: null, includeSecrets: false, harOut: null }],
    [['analyze', '-', '--json'], { command: 'analyze', input: '-', format: 'json', all: false, stack: null, color: null, includeSecrets: false, harOut: null }],
    [['analyze', 'a.har', '--markdown', '--all'], { command: 'analyze', input: 'a.har', format: 'markdown', all: true, stack: null, color: null, includeSecrets: false, harOut: null }],
    [['analyze', 'a.har', '--stack', 'nginx', '--no-color'], { command: 'analyze', input: 'a.har', format: 'text', all: false, stack: 'nginx', color: false, includeSecrets: false, harOut: null }],
    [['analyze', 'a.har', '--stack=flask'], { command: 'analyze', input: 'a.har', format: 'text', all: false, stack: 'flask', color: null, includeSecrets: false, harOut: null }],
    [['analyze', 'a.har', '--redact'], { command: 'analyze', input: 'a.har', format: 'text', all: false, stack: null, color: null, includeSecrets: false, harOut: null }],
    [['analyze', 'a.har', '--include-secrets', '--json'], { command: 'analyze', input: 'a.har', format: 'json', all: false, stack: null, color: null, includeSecrets: true, harOut: null }],
    [['analyze', 'a.har', '--har-out', 'x.har'], { command: 'analyze', input: 'a.har', format: 'text', all: false, stack: null, color: null, includeSecrets: false, harOut: 'x.har' }],
    [['analyze', 'a.har', '--har-out=y.har', '--markdown'], { command: 'analyze', input: 'a.har', format: 'markdown', all: false, stack: null, color: null, includeSecrets: false, harOut: 'y.har' }],
    [[], { command: 'help' }],
    [['--help'], { command: 'help' }],
    [['--version'], { command: 'version' }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['analyze'], 'Which HAR file?'],
    [['analyze', 'a.har', 'b.har'], 'One HAR file at a time'],
    [['analyze', 'a.har', '--jsn'], 'Unknown option "--jsn"'],
    [['analyze', 'a.har', '--stack'], '--stack needs a server id'],
    [['analyze', 'a.har', '--har-out'], '--har-out needs a file name'],
    [['analyze', 'a.har', '--har-out', '--json'], '--har-out needs a file name'],
    [['analyze', 'a.har', '--redact', '--include-secrets'], 'contradict each other'],
  ])('%j is an error', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.command).toBe('error');
    expect(parsed.command === 'error' && parsed.message).toContain(message);
  });
});
