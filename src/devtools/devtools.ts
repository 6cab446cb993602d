// The DevTools page only registers the panel; everything else lives in the panel page, which
// DevTools loads the first time the panel is shown.
import { createDevtoolsPanel } from '../platform/devtools-panel.ts';

createDevtoolsPanel();
