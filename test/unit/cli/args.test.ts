import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.ts';

describe('parseArgs', () => {
  it.each([
    [['analyze', 'a.har'], { command: 'analyze', input: 'a.har', format: 'text', all: false, stack: 'express', color: null }],
    [['analyze', '-', '--json'], { command: 'analyze', input: '-', format: 'json', all: false, stack: 'express', color: null }],
    [['analyze', 'a.har', '--markdown', '--all'], { command: 'analyze', input: 'a.har', format: 'markdown', all: true, stack: 'express', color: null }],
    [['analyze', 'a.har', '--stack', 'nginx', '--no-color'], { command: 'analyze', input: 'a.har', format: 'text', all: false, stack: 'nginx', color: false }],
    [['analyze', 'a.har', '--stack=flask'], { command: 'analyze', input: 'a.har', format: 'text', all: false, stack: 'flask', color: null }],
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
  ])('%j is an error', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.command).toBe('error');
    expect(parsed.command === 'error' && parsed.message).toContain(message);
  });
});
