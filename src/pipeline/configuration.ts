/**
 * The default pipeline, in order. Order matters and is kept here, in one place:
 * - sentences and tokens first: every later stage reads them instead of re-splitting;
 * - entities before quotes and claims: speakers and claimants are entity mentions;
 * - quotes before claims: a number inside a quote is claimed by the quote's speaker;
 * - times before claims: a claim refers to the time of its sentence; times reads only sentences,
 *   and the timeline (a corpus stage) joins it with the rest.
 */
import type { LayerName } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import { claimsStage } from '../stages/claims/index.js';
import { entitiesStage } from '../stages/entities/index.js';
import { quotesStage } from '../stages/quotes/index.js';
import { sentencesStage, tokensStage } from '../stages/text/index.js';
import { timesStage } from '../stages/times/index.js';

export const ANNOTATE_STAGES: readonly Stage<LayerName>[] = [
  sentencesStage,
  tokensStage,
  entitiesStage,
  quotesStage,
  timesStage,
  claimsStage,
] as readonly Stage<LayerName>[];
