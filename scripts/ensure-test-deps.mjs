#!/usr/bin/env node
// Makes sure what the tests run for real is on the machine: Debian's Chromium (browser tests) and
// Flask + flask-cors (the Flask snippet is run, not just parsed). Installs them with apt-get when
// running as root (CI, fresh machines); otherwise says exactly how. Never downloads a browser build.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  return found || null;
}

const hasFlask = () => [process.env.PYTHON, 'python3', '/usr/bin/python3']
  .filter(Boolean)
  .some((python) => spawnSync(python, ['-c', 'import flask, flask_cors']).status === 0);

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const findFirefox = () => (process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr');

const missing = [];
if (!findChromium()) missing.push('chromium');
// Firefox build: zips (npm run package), the Firefox smoke test and fixture recorder (firefox-esr
// under Xvfb, screenshot with ImageMagick's import).
if (!hasCommand('zip') || !hasCommand('unzip')) missing.push('zip', 'unzip');
if (!existsSync(findFirefox())) missing.push('firefox-esr');
if (!hasCommand('xvfb-run') || !hasCommand('xauth')) missing.push('xvfb', 'xauth');
if (!hasCommand('import')) missing.push('imagemagick');
// The stack matrix (test/stacks) runs every generated fix on its real server: package → probe.
const debianPython = (module) => () => spawnSync('/usr/bin/python3', ['-c', `import ${module}`]).status === 0;
const STACK_PACKAGES = [
  ['nginx', () => hasCommand('nginx')],
  ['apache2', () => hasCommand('apache2')],
  ['php-cli', () => hasCommand('php')],
  ['golang-go', () => hasCommand('go')],
  ['caddy', () => hasCommand('caddy')],
  ['ruby-rack-cors', () => spawnSync('ruby', ['-e', 'require "rack/cors"']).status === 0],
  ['ruby-webrick', () => spawnSync('ruby', ['-e', 'require "rack"; require "rack/handler/webrick"']).status === 0],
  // Debian's python3 with Flask serves both the stacks (they run /usr/bin/python3) and the snippet
  // tests (the first Python with Flask): a Flask in another Python (pyenv's) does not count here.
  ['python3-flask', debianPython('flask')],
  ['python3-flask-cors', debianPython('flask_cors')],
  ['python3-django', debianPython('django')],
  ['python3-django-cors-headers', debianPython('corsheaders')],
  ['python3-fastapi', debianPython('fastapi')],
  ['python3-uvicorn', debianPython('uvicorn')],
];
const stacksMissing = () => STACK_PACKAGES.filter(([, present]) => !present()).map(([name]) => name);
missing.push(...stacksMissing());
// The CORS lab makes a self-signed certificate for its https origins with the openssl CLI.
if (!hasCommand('openssl')) missing.push('openssl');

if (missing.length > 0) {
  if (!isRoot) {
    console.error(`The tests need Debian packages that are missing: ${missing.join(' ')}\n`
      + `Install them:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n`
      + '(or point CHROMIUM_PATH at a Chromium binary).');
    process.exit(1);
  }
  console.log(`Installing Debian packages for the tests: ${missing.join(' ')}`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit', shell: '/bin/sh' });
}

const chromium = findChromium();
if (stacksMissing().length > 0) {
  console.error(`apt-get finished but stack servers are still missing: ${stacksMissing().join(' ')}`);
  process.exit(1);
}
if (!chromium || !hasFlask() || !existsSync(findFirefox()) || !hasCommand('xvfb-run') || !hasCommand('zip')) {
  console.error('apt-get finished but chromium, Flask, firefox-esr, xvfb or zip is still missing.');
  process.exit(1);
}
console.log(`Test dependencies: ${execSync(`"${chromium}" --version`, { encoding: 'utf8' }).trim()} (${chromium}); Flask ok; `
  + `${execSync(`"${findFirefox()}" --version`, { encoding: 'utf8' }).trim()} (${findFirefox()})`);
