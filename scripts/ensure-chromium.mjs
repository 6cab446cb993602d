#!/usr/bin/env node
// Makes sure Debian's Chromium is there for the browser tests: installs it with apt-get when
// running as root (CI, fresh machines), otherwise says exactly how. Never downloads a browser build.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim() || null;
  } catch {
    return null;
  }
}

let chromium = findChromium();
if (!chromium) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error('Chromium is needed for the browser tests and was not found.\n'
      + 'Install Debian\'s package:  sudo apt-get update && sudo apt-get install -y chromium\n'
      + 'or point CHROMIUM_PATH at a Chromium binary.');
    process.exit(1);
  }
  console.log('Chromium not found: installing Debian\'s chromium package with apt-get…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit', shell: '/bin/sh' });
  chromium = findChromium();
  if (!chromium) {
    console.error('apt-get finished but no chromium binary is on PATH.');
    process.exit(1);
  }
}
console.log(`Chromium: ${execSync(`"${chromium}" --version`, { encoding: 'utf8' }).trim()} (${chromium})`);
