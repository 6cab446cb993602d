import rule from '../../../src/engine/rules/max-age-above-cap.ts';
import { PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const ok = { responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } };
const withMaxAge = (maxAge: string, answered = true) => preflightedRequest({
  method: 'PUT', requestHeaders: ['Content-Type'], actual: answered ? ok : undefined,
  preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Max-Age': maxAge },
});

ruleTester(rule, {
  valid: [
    { name: 'Max-Age 7200, exactly the Chromium cap', entries: withMaxAge('7200') },
    { name: 'Max-Age 600', entries: withMaxAge('600') },
    { name: 'Max-Age 86400 but the request was blocked', entries: withMaxAge('86400', false) },
    { name: 'Max-Age not a number', entries: withMaxAge('one-day') },
    {
      name: 'Max-Age 86400 on a simple GET (no preflight to cache)',
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin', 'Access-Control-Max-Age': '86400' } })],
    },
  ],
  invalid: [
    {
      name: 'Max-Age 86400 (a day, Firefox\'s cap) copied from a tutorial',
      entries: withMaxAge('86400'),
      params: { maxAge: '86400', chromiumCap: '7200', firefoxCap: '86400', cappedIn: 'chromium' },
      summaryIncludes: ['86400 s', '7200 s', 'Firefox keeps the preflight that long', 'Chrome and Edge users repeat it every 7200 s'],
    },
    {
      name: 'Max-Age 31536000 (a year): above both browsers\' caps',
      entries: withMaxAge('31536000'),
      params: { maxAge: '31536000', cappedIn: 'both' },
      summaryIncludes: ['above both caps', 'Chromium caches preflights for at most 7200 s, Firefox for 86400 s'],
    },
  ],
});
