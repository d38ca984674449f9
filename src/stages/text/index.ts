/**
 * text: sentences and tokens over the clean article text.
 * Reads `article.text`; writes the `sentences` and `tokens` layers.
 * Limits: rule-based splitting (abbreviation list, paragraph breaks); no model.
 */
import { defineStage } from '../../core/stage.js';
import { splitSentences, tokenize } from '../../core/text.js';

export const sentencesStage = defineStage({
  name: 'sentences',
  version: 1,
  requires: [],
  run: (doc) => splitSentences(doc.article.text),
});

export const tokensStage = defineStage({
  name: 'tokens',
  version: 1,
  requires: [],
  run: (doc) => tokenize(doc.article.text),
});
