/**
 * entities: people, organisations, places and countries named in the article.
 * Reads `article.text` and the `sentences` and `tokens` layers; writes the `entities` layer.
 *
 * Two passes:
 * - `recognize.ts` walks the tokens once and proposes candidates from gazetteers (countries with
 *   ISO codes, demonyms, real capitals, international organisations, news agencies), cue words
 *   (titles before a person, organisation/place/country heads, place prepositions, "city of X",
 *   "X province", "government of X", "X's government", datelines, ship nouns) and capitalised
 *   runs; a name glued to the next word ("Morrowand") is split when the name stands alone elsewhere;
 * - `tag-spans.ts` runs the statistical tagger (`tagger.ts`, an averaged perceptron trained by
 *   `npm run train:ner`, model in data/ner/) over the same tokens;
 * - `resolve.ts` gives each name one type across the article (cue rules first, then the tagger's
 *   type, which replaces the old "two capitalised words are a person" guess), links surname-only,
 *   "Mr./Ms./M. X" and title + name mentions to the full name, maps demonyms of fictional countries
 *   to them ("Valdorian" → "Valdoria"), links acronyms defined in parentheses, adds role references
 *   ("the foreign minister", "the security adviser") when the role names one person of the
 *   article, and drops names inside photo credits and menu lines.
 *
 * entityId is `${type}:${slugify(name)}`, or `country:${iso3}` for real countries.
 *
 * Limits: English only; the tagger learnt from Wikipedia, web and interview text, not wire copy
 * (CoNLL-2003 F1 in docs/benchmarks.md); coreference stops at surnames, titles and roles (no
 * pronouns); a single unknown capitalised word at a sentence start is left out.
 */
import type { EntityMention } from '../../core/doc.js';
import { type Draft, defineStage } from '../../core/stage.js';
import { splitSentences, tokenize } from '../../core/text.js';
import { prepareTokens, recognize } from './recognize.js';
import { resolve } from './resolve.js';
import { taggedSpans } from './tag-spans.js';

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
  return resolve({ ...recognize(text, toks, sentences), tagged: taggedSpans(toks) }, text);
}

/** The `entities` stage: see the module comment for rules and limits. */
export const entitiesStage = defineStage({
  name: 'entities',
  // 2: statistical tagger, glued names, ship nouns, photo credits and menu lines.
  // 3: hashed-feature tagger model (SLNER4), datelines, "neighbouring X" is a country.
  version: 3,
  requires: ['sentences', 'tokens'],
  run: (doc) => {
    const { text } = doc.article;
    return findEntities(text, doc.layers.sentences ?? splitSentences(text), doc.layers.tokens ?? tokenize(text));
  },
});
