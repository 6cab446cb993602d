/**
 * Extension points for features that live in their own component files (export menu, import
 * button, presentation mode, sequence diagram, what-if editor). Adding one is a one-line edit:
 * import the component here and list it in the slot where it belongs. Slots render in order.
 * A feature that is heavy and not needed the moment the panel opens can be listed as
 * lazySlot(() => import('./x/X.tsx').then((m) => m.X)): its code then loads on first use.
 * Every slot item renders inside an error boundary: if it throws, a message takes its place.
 */
import type { ComponentType } from 'preact';
import { DetailExport } from './export/DetailExport.tsx';
import { ExportMenu } from './export/ExportMenu.tsx';
import { ImportButton } from './import/ImportButton.tsx';
import type { Diagnosis } from '../engine/types.ts';
import { lazySlot } from './lazy-slot.tsx';
export { lazySlot };
import type { PanelPlatform } from './platform.ts';
import type { PanelState, PanelStore, RequestRow } from './store.ts';

/** Props of a toolbar item: the store (to act) and its current state (to render). */
export interface ToolbarSlotProps {
  store: PanelStore;
  state: PanelState;
  platform: PanelPlatform;
}

/** Props of a detail section: the selected row and its diagnosis (latest occurrence). */
export interface DetailSlotProps {
  store: PanelStore;
  row: RequestRow;
  diagnosis: Diagnosis;
  platform: PanelPlatform;
}

/** Toolbar, after the built-in filters (e.g. Import, Export, presentation-mode toggle). */
export const toolbarItems: ComponentType<ToolbarSlotProps>[] = [ImportButton, ExportMenu, lazySlot(() => import('./teaching/ScenarioWorkbench.tsx').then((m) => m.ScenarioWorkbench)),
  lazySlot(() => import('./teaching/PresentationToggle.tsx').then((m) => m.PresentationToggle))];

/** Detail view, right after the explanation (e.g. a sequence diagram). */
export const detailAfterExplanation: ComponentType<DetailSlotProps>[] = [DetailExport, lazySlot(() => import('./teaching/SequenceSection.tsx').then((m) => m.SequenceSection))];

/** Detail view, at the end (e.g. the what-if editor). */
export const detailEnd: ComponentType<DetailSlotProps>[] = [lazySlot(() => import('./teaching/WhatIfSection.tsx').then((m) => m.WhatIfSection))];
