/**
 * devtools.inspectedWindow.eval for the panel, in both browsers. Apart from inspected-window.ts
 * because it loads the WebExtension API, which the panel's component tests must never load.
 */
import { browser } from './extension-api.ts';
import { envelopedExpression, evalAnswerValue, evalFailure } from './inspected-window.ts';

/** Runs `expression` in the inspected page; rejects with the page's exception. */
export function evalInInspectedWindow(expression: string): Promise<unknown> {
  return browser.devtools.inspectedWindow.eval(envelopedExpression(expression))
    .then(evalAnswerValue, (error: unknown) => { throw evalFailure(error); });
}
