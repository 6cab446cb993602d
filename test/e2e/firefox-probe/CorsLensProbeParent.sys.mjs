/* global JSWindowActorParent */
// Parent half of the test probe (test/e2e/firefox-smoke.test.ts): nothing to do, the test only
// sends queries to the child.
export class CorsLensProbeParent extends JSWindowActorParent {}
