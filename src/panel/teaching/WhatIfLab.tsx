/** The what-if lab's content (loaded on first open): the editor on a blank scenario. */
import { blankScenario } from '../../engine/teaching/scenario.ts';
import type { PanelPlatform } from '../platform.ts';
import { WhatIfEditor } from './WhatIfEditor.tsx';

export function WhatIfLab({ platform }: { platform: PanelPlatform }) {
  return <WhatIfEditor initial={blankScenario()} platform={platform} />;
}
