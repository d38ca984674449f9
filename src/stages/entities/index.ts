/**
 * entities: people, organisations, places and countries named in the article.
 * Reads `article.text` and the `sentences` and `tokens` layers; writes the `entities` layer.
 *
 * Two passes:
 * - `recognize.ts` walks the tokens once and proposes candidates from gazetteers (countries with
 *   ISO codes, demonyms, real capitals, international organisations, news agencies), cue words
 *   (titles before a person, organisation/place/country heads, place prepositions, "city of X",
 *   "X province", "government of X", "X's government", datelines) and capitalised runs;
 * - `resolve.ts` gives each name one type across the article, links surname-only, "Mr. X" and
 *   title + name mentions to the full name, maps demonyms of fictional countries to them
 *   ("Valdorian" → "Valdoria"), links acronyms defined in parentheses, and adds role references
 *   ("the foreign minister") when the role names one person of the article.
 *
 * entityId is `${type}:${slugify(name)}`, or `country:${iso3}` for real countries.
 *
 * Limits: English only; no model, so a capitalised word needs a cue, a gazetteer entry or a
 * mid-sentence repeat; multi-word capitalised runs without cues default to person; glued words
 * are split only when lower case runs into a Capitalised word ("inValdoria"); coreference stops
 * at surnames and titles (no pronouns).
 */
import type { EntityMention } from '../../core/doc.js';
import { type Draft, defineStage } from '../../core/stage.js';
import { splitSentences, tokenize } from '../../core/text.js';
import { prepareTokens, recognize } from './recognize.js';
import { resolve } from './resolve.js';

/**
 * Entity mentions of `text`, given its sentences and tokens.
 *
 * @example
 * findEntities('Foreign Minister Tomasz Wrenik arrived in Valdoria. Wrenik said…')
 * // → person "Tomasz Wrenik", place/country "Valdoria", person "Wrenik" (person:tomasz-wrenik)
 */
export function findEntities(
  text: string,
  sentences = splitSentences(text),
  tokens = tokenize(text),
): Draft<EntityMention>[] {
  const toks = prepareTokens(text, tokens, sentences);
  return resolve(recognize(text, toks, sentences), text);
}

/** The `entities` stage: see the module comment for rules and limits. */
export const entitiesStage = defineStage({
  name: 'entities',
  version: 1,
  requires: ['sentences', 'tokens'],
  run: (doc) => {
    const { text } = doc.article;
    return findEntities(text, doc.layers.sentences ?? splitSentences(text), doc.layers.tokens ?? tokenize(text));
  },
});
