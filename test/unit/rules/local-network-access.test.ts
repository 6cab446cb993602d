import rule from '../../../src/engine/rules/local-network-access.ts';
import { preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const DASHBOARD = 'https://dashboard.example.com';

ruleTester(rule, {
  valid: [
    {
      name: 'local → loopback (page on 192.168.1.5 calls localhost) is not gated: Chromium treats local and loopback as one space',
      entries: [simpleRequest({ url: 'http://localhost:3000/api/status', origin: 'http://192.168.1.5:8080', status: 0, error: 'net::ERR_FAILED' })],
    },
    {
      name: 'public → 192.168.1.20 but nothing listens: ERR_CONNECTION_REFUSED happens before any permission check',
      entries: [simpleRequest({ url: 'https://192.168.1.20:8443/api/status', origin: DASHBOARD, status: 0, error: 'net::ERR_CONNECTION_REFUSED' })],
    },
    {
      name: 'public → local that answered (permission granted) but without ACAO: a CORS failure',
      entries: [simpleRequest({ url: 'https://nas.local/api/shares', origin: DASHBOARD, blocked: true })],
    },
    {
      name: 'loopback → loopback (localhost:3000 → 127.0.0.1:4000) with no response',
      entries: [simpleRequest({ status: 0, error: 'net::ERR_FAILED' })],
    },
    {
      name: 'public → public with no response',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/me', origin: DASHBOARD, status: 0, error: 'net::ERR_FAILED' })],
    },
  ],
  invalid: [
    {
      name: 'https dashboard → http://192.168.1.20 (router API), permission denied',
      entries: [simpleRequest({ url: 'http://192.168.1.20/api/status', origin: DASHBOARD, status: 0, error: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS' })],
      chromiumError: 'LocalNetworkAccessPermissionDenied', params: { fromSpace: 'public', toSpace: 'local' },
    },
    {
      name: 'public site → https://printer.local, no answer',
      entries: [simpleRequest({ url: 'https://printer.local/ipp/print', method: 'POST', origin: 'https://app.example.com', requestHeaders: { 'Content-Type': 'text/plain' }, status: 0, error: 'net::ERR_FAILED' })],
      chromiumError: 'LocalNetworkAccessPermissionDenied', params: { fromSpace: 'public', toSpace: 'local' },
    },
    {
      name: 'public site → local agent on localhost:8080 (PUT, its preflight never answered)',
      entries: preflightedRequest({ url: 'http://localhost:8080/v1/print-jobs/7', method: 'PUT', origin: 'https://app.example.com', requestHeaders: ['Content-Type'], preflightStatus: 0 }),
      chromiumError: 'LocalNetworkAccessPermissionDenied', params: { fromSpace: 'public', toSpace: 'loopback', pageOrigin: 'https://app.example.com' },
    },
  ],
});

