/**
 * The real CLI process (src/cli/bin.ts under tsx) on malformed input: a clear message naming the
 * problem, exit 2, no stack trace, and bounded memory even for a 200 MB file or an endless
 * device. Peak memory is the child's own maxRSS, reported by the wrapper below.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cors-lens-malformed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs bin.ts; the wrapper prints the child's peak RSS (kB) on stderr's last line. */
function cli(args: string[], input?: string | Buffer) {
  const wrapper = `process.on('exit', () => process.stderr.write('\\nmaxRSS=' + process.resourceUsage().maxRSS + '\\n'));
await import(${JSON.stringify(join(ROOT, 'src/cli/bin.ts'))});`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', wrapper, 'cors-lens', ...args], {
    cwd: ROOT, input, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', CORS_LENS_DEBUG: '' },
  });
  const match = /\nmaxRSS=(\d+)\n$/.exec(result.stderr);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.replace(/\nmaxRSS=\d+\n$/, ''), maxRssMb: Number(match?.[1] ?? NaN) / 1024 };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A file of `mb` megabytes that starts like a HAR, written in chunks (never held in memory whole). */
function bigFile(name: string, mb: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  writeSync(fd, '{"log":{"version":"1.2","entries":[');
  const chunk = Buffer.alloc(1024 * 1024, ' ');
  for (let i = 0; i < mb; i++) writeSync(fd, chunk);
  writeSync(fd, ']}}');
  closeSync(fd);
  return path;
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .*[\w.]+:\d+|node:internal|TypeError|RangeError|SyntaxError: /);

describe('cors-lens analyze on malformed input (real process)', () => {
  it.each([
    ['empty', '', /is empty/],
    ['not JSON', '<!doctype html><title>Login</title>', /not JSON/],
    ['binary (gzip magic and invalid UTF-8)', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0xc3, 0x28]), /not JSON/],
    ['truncated', '{"log":{"version":"1.2","entries":[{"request":{"url":"http://a/"', /truncated/],
    ['JSON, not a HAR', '{"har": true}', /not a HAR file/],
    ['a JSON string', '"log"', /not a HAR file/],
    ['entries is an object', '{"log":{"entries":{"0":{}}}}', /not a HAR file/],
  ])('%s → exit 2, one clear message', (_label, content, message) => {
    const result = cli(['analyze', file(`in-${_label.replace(/\W+/g, '-')}.har`, content)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
    noStack(result.stderr);
  });

  it('deeply nested junk in a header value does not overflow the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const har = `{"log":{"entries":[{"startedDateTime":"2026-11-23T10:00:00Z","request":{"method":"GET","url":"http://127.0.0.1:4000/x","headers":[{"name":"Origin","value":${deep}}]},"response":{"status":0,"headers":[]}}]}}`;
    const result = cli(['analyze', '--json', file('deep.har', har)]);
    noStack(result.stderr);
    expect([0, 1, 2]).toContain(result.code);
    if (result.code === 2) expect(result.stderr).toMatch(/^cors-lens: /);
    else expect(JSON.parse(result.stdout).version).toBe(1);
  });

  it('a HAR saved with a byte order mark reads like the same file without one (file and stdin)', () => {
    const har = readFileSync(join(ROOT, 'test/fixtures/chromium/preflight-401-auth-first.har'), 'utf8');
    const plain = cli(['analyze', file('plain.har', har)]);
    expect(plain.code).toBe(1); // a request was blocked
    const withBom = cli(['analyze', file('bom.har', `\uFEFF${har}`)]);
    expect({ code: withBom.code, stdout: withBom.stdout.replaceAll('bom.har', 'plain.har') }).toEqual({ code: plain.code, stdout: plain.stdout });
    expect(cli(['analyze', '-'], Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(har)])).code).toBe(1);
  });

  it('a missing file and a directory → exit 2, named', () => {
    const missing = cli(['analyze', join(dir, 'nope.har')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read .*nope\.har: no such file/);
    const directory = cli(['analyze', dir]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toMatch(/is a directory/);
  });

  it('a 200 MB file → exit 2 with its size and the limit, without reading it into memory', () => {
    const path = bigFile('big.har', 200);
    const result = cli(['analyze', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is 200 MB; the CLI reads HAR files up to 100 MB/);
    noStack(result.stderr);
    console.log(`200 MB file: exit ${result.code}, peak RSS ${result.maxRssMb.toFixed(0)} MB`);
    expect(result.maxRssMb).toBeLessThan(200);
  }, 60_000);

  it('200 MB on standard input → refused once past the limit, memory bounded by it', () => {
    const path = bigFile('big-stdin.har', 200);
    const wrapperShell = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx -e "process.on('exit',()=>process.stderr.write('\\\\nmaxRSS='+process.resourceUsage().maxRSS+'\\\\n'));await import('${join(ROOT, 'src/cli/bin.ts')}')" cors-lens analyze - < "${path}"`], {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' },
    });
    expect(wrapperShell.status).toBe(2);
    expect(wrapperShell.stderr).toMatch(/standard input: Standard input is more than 100 MB/);
    const rss = Number(/maxRSS=(\d+)/.exec(wrapperShell.stderr)?.[1]) / 1024;
    console.log(`200 MB on stdin: exit ${wrapperShell.status}, peak RSS ${rss.toFixed(0)} MB`);
    expect(rss).toBeLessThan(400);
  }, 60_000);

  it('an endless device (/dev/zero) → refused once past the limit', () => {
    const result = cli(['analyze', '/dev/zero']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/dev\/zero is more than 100 MB/);
    expect(result.maxRssMb).toBeLessThan(400);
  }, 60_000);
});
