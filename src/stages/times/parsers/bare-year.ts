import type { Parser, ParsingContext } from 'chrono-node';

/**
 * Bare years chrono does not read: "in 2019", "since 2020", "by 2030", "late 2024", "the end of
 * 2019". Only after a cue word, so counts ("2,000", "40,000 troops", "2000 people") stay out.
 * Years 1900–2099 only. The match includes the cue (chrono's UnlikelyFormatFilter drops a
 * result made of digits only); index.ts trims a leading preposition off the span.
 */
const PATTERN =
  /\b(?:(?:in|since|by|until|till|from|during|before|after|through(?:out)?)\s+|(?:(?:early|late|mid|(?:the\s+)?(?:end|start|beginning|middle|first\s+half|second\s+half|summer|spring|autumn|fall|winter)\s+of)[\s-]+))(19\d\d|20\d\d)(?![\d,.%]\d|\d|%|\s*(?:per\s?cent|percent)\b)/i;

/** A following lower-case plural ("troops", "votes") means a count, not a year. Function words ending in s are fine. */
const COUNT_AFTER =
  /^\s+(?:people|persons|million|billion|thousand|km|kg|m|bn|per|(?!(?:was|has|is|as|its|his|this|thus|plus|unless|whereas|less)\b)[a-z]+s)\b/;

export const bareYearParser: Parser = {
  pattern: () => PATTERN,
  extract(context: ParsingContext, match: RegExpMatchArray) {
    const index = match.index ?? 0;
    const after = context.text.slice(index + match[0].length, index + match[0].length + 24);
    if (COUNT_AFTER.test(after)) return null;
    const year = Number(match[1]);
    const result = context.createParsingResult(index, match[0], { year });
    result.addTag('parser/bare-year');
    return result;
  },
};
