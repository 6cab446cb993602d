/** Turns a diagnosis into the words the user reads. */
import { ruleById } from '../rules/index.ts';
import type { Diagnosis, Finding, RuleId } from '../types.ts';
import { fill } from './template.ts';
import { explanations } from './texts.ts';

export interface Explanation {
  title: string;
  summary: string;
  whatHappened: string;
  why: string;
  fix: string;
  links: string[];
  /** What the verdict rests on beyond the captured headers. */
  inferences: readonly string[];
  /** Placeholders the finding did not fill (always empty when the rule and its text agree). */
  missing: string[];
}

export function explainFinding(ruleId: RuleId, finding: Finding): Explanation {
  const text = explanations[ruleId];
  const title = ruleById.get(ruleId)?.meta.title ?? ruleId;
  if (!text) {
    return { title, summary: title, whatHappened: '', why: '', fix: '', links: [], inferences: finding.inferences, missing: [`text for ${ruleId}`] };
  }
  const parts = {
    summary: fill(text.summary, finding.params),
    whatHappened: fill(text.whatHappened, finding.params),
    why: fill(text.why, finding.params),
    fix: fill(text.fix, finding.params),
  };
  return {
    title,
    summary: parts.summary.text,
    whatHappened: parts.whatHappened.text,
    why: parts.why.text,
    fix: parts.fix.text,
    links: text.links,
    inferences: finding.inferences,
    missing: Object.values(parts).flatMap((part) => part.missing),
  };
}

export function explain(diagnosis: Diagnosis): Explanation {
  return explainFinding(diagnosis.ruleId, diagnosis.finding);
}
