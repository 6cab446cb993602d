/* global JSWindowActorChild */
// Child half of the test probe, loaded by firefox-esr into the CORS Lens panel's own process
// (extension pages are out of process): reads the panel DOM the contract names, clicks a row.
// Read-only except for the click; values come back as plain strings.
const attrs = (el, names) => Object.fromEntries(names.map((n) => [n, el.getAttribute(n)]));

export class CorsLensProbeChild extends JSWindowActorChild {
  receiveMessage(message) {
    const doc = this.document;
    switch (message.name) {
      case 'state':
        return {
          url: doc.location.href,
          hasList: !!doc.querySelector('[data-testid=request-list]'),
          rows: [...doc.querySelectorAll('[data-testid=request-row]')].map((row) => ({
            verdict: row.getAttribute('data-verdict'), rule: row.getAttribute('data-rule'),
            method: row.getAttribute('data-method'), url: row.getAttribute('data-url'),
          })),
        };
      case 'select-blocked': {
        const row = [...doc.querySelectorAll('[data-testid=request-row]')].find((r) => r.getAttribute('data-verdict') === 'blocked');
        if (row && row.getAttribute('aria-selected') !== 'true') row.click();
        return !!row;
      }
      case 'detail': {
        const view = doc.querySelector('[data-testid=detail]');
        const explanation = doc.querySelector('[data-testid=explanation]');
        if (!view || !explanation) return null;
        return { ...attrs(view, ['data-verdict', 'data-rule']), text: view.textContent, explanation: explanation.textContent };
      }
      default:
        throw new Error(`unknown probe query ${message.name}`);
    }
  }
}
