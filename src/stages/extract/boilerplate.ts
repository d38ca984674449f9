/**
 * Boilerplate line patterns as data (after trafilatura's `xpaths.py`): each pattern names the
 * reason it is removed for. A line is tested against these after whitespace normalisation; the
 * first matching rule wins, so the order below matters where patterns overlap.
 */

/** A whole-line boilerplate rule. */
export interface LineRule {
  /** Short reason; the cleaner records it as `extract/<reason>`. */
  reason: string;
  /** Tested against the whole trimmed line. */
  pattern: RegExp;
  /** Only lines near the top of the document (before the first body paragraph) may match. */
  topOnly?: boolean;
  /**
   * Every line `pattern` matches also holds a match of this (same flags, so case folding agrees).
   * Patterns that open with `.{0,60}` try every start; a literal scan first spares them on prose.
   */
  hint?: RegExp;
}

/** The first rule matching the whole line `t`, hints first. */
export function findLineRule(t: string): LineRule | undefined {
  for (const rule of LINE_RULES) {
    if (rule.hint && !rule.hint.test(t)) continue;
    if (rule.pattern.test(t)) return rule;
  }
  return undefined;
}

/**
 * {@link TRAILING_CREDIT} on `text`: every credit ends the line with ")" or follows a "Photo:"
 * label, so text with neither is ruled out without running the pattern.
 */
export function trailingCredit(text: string): RegExpExecArray | null {
  if (!text.includes(':') && !CLOSING_PAREN_END_RE.test(text)) return null;
  return TRAILING_CREDIT.exec(text);
}

const CLOSING_PAREN_END_RE = /\)\s*$/;

/**
 * Lines that open a list of related headlines ("Related:", "READ MORE"). The headline-like lines
 * that follow are removed with the same reason until a prose line comes back.
 */
export const RELATED_HEADER =
  /^(?:[-–—•*»>]\s*)?(?:also read|read also|read more|see also|related(?: articles| stories| coverage| content| news| reading)?|more on this(?: story| topic)?|more from [\w' ]{1,40}|more stories|recommended(?: for you| stories)?|you (?:may|might) also (?:like|be interested in)|further reading|most (?:read|popular|viewed)|trending(?: now| on [\w' ]{1,40})?|top stories|latest (?:news|stories)|in other news|what to read next)\s*[:»>.\-–—]*$/i;

/** Same openers, with the headline on the same line ("Related: Floods hit the valley"). */
export const RELATED_LINE =
  /^(?:[-–—•*»>]\s*)?(?:also read|read also|read more|see also|related(?: articles| stories| coverage| content)?|more on this(?: story)?|recommended|further reading|watch|listen)\s*[:|»>\-–—]\s*\S.{0,200}$/i;

/**
 * "Read also: <headline>." inside a paragraph: cut out, up to the headline's end punctuation.
 * Requires the colon and a capital, so prose such as "the cases were related: three…" never matches.
 */
export const INLINE_RELATED =
  /(?:^|\s+)(?:\(|\[)?(?:Also read|ALSO READ|Read also|READ ALSO|Read more|READ MORE|See also|SEE ALSO|Related|RELATED|More on this story|MORE ON THIS STORY)\s*:\s*[^.!?\n()[\]]{3,200}[.!?]?(?:\)|\])?(?=\s|$)/g;

/**
 * Pieces cut out of a paragraph when a whole article was scraped as one block, with their reason:
 * save-for-later prompts, image placeholders, and photo captions ("FILE - … (AP Photo/…, File)",
 * "A view of the site on Monday. Photo: Name"). Each needs a mark no sentence has: the prompt's
 * exact wording, brackets, "FILE -" after a sentence end, or "Photo:" followed by a name.
 */
export const INLINE_PIECES: ReadonlyArray<{ reason: string; pattern: RegExp; hint: RegExp }> = [
  {
    reason: 'save-prompt',
    // As `LineRule.hint`: every piece the pattern cuts holds a match of it.
    hint: /Save|Add to|Bookmark/,
    pattern:
      /\s*\b(?:Save for later|Add to (?:my )?reading list|Save (?:this )?article|Bookmark (?:this )?(?:article|story))\b[.!]?(?=\s|$)/g,
  },
  { reason: 'image-placeholder', hint: /\[/, pattern: /\s*\[(?:image|photo|picture|video|gallery)\]/gi },
  {
    reason: 'caption',
    hint: /FILE|Photo:|\(/,
    pattern:
      /(?<=[.!?]["'”’]?)\s+(?:FILE\s*[-–—]\s+[^()]{10,300}?\((?:AP|AFP|Reuters)? ?Photo\/[^()]{1,80}\)|\p{Lu}[^.!?()]{5,200}[.!?]\s+Photo:\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}(?=\s+\p{Lu}|\s*$)|\p{Lu}[^.!?()]{5,200}[.!?]\s+\([\p{Lu}][\p{L}.'’-]+(?: [\p{Lu}][\p{L}.'’-]+){0,3}(?: via [\p{Lu}][\p{L}]+|\/[\p{Lu}][\p{L}&.'’ -]{1,40})\))/gu,
  },
];

/** Photo credits at the end of a caption line: "(Photo: Lena Varga/AFP)", "Photo: Reuters". */
export const TRAILING_CREDIT =
  /\s*(?:\([\p{Lu}][\p{L}.'’-]+(?: [\p{Lu}][\p{L}.'’-]+){0,3} via (?:Pool|AP|AFP|Reuters|Getty Images|EPA|[\p{Lu}][\p{L}]+ Pool)\)|\([\p{Lu}][\p{L}.'’-]+(?: [\p{Lu}][\p{L}.'’-]+){1,3}\/[\p{Lu}][\p{L}&.'’ -]{1,40}\)|\((?:photo|photograph|picture|image|pic|credit|file photo|foto)s?\s*(?:credit)?\s*:?\s*[^()]{1,80}\)|\((?:AP|AFP|Reuters|EPA)\s*Photo\/[^()]{1,80}\)|\([\w .'-]{1,40}\/(?:AFP|AP|Reuters|EPA|Getty Images|Getty|Anadolu|Xinhua|dpa|ANSA)\)|(?<=[.!?]\s*)(?:photo|photograph|picture|image|credit)s?\s*:\s*[^.:()]{1,60})\s*$/iu;

/** Whole-line rules, in order. */
export const LINE_RULES: readonly LineRule[] = [
  // Image placeholders left where a picture was: "[Image]", "Image: harbour.jpg", "IMG_4411.JPG".
  {
    reason: 'image-placeholder',
    pattern:
      /^(?:\[?(?:image|photo|picture|img|video|gallery|graphic|embedded content)\]?|(?:image|photo|picture|img)\s*:\s*\S+\.(?:jpe?g|png|gif|webp|svg)|[\w.-]+\.(?:jpe?g|png|gif|webp))$/i,
  },
  // "FILE - Workers stand outside …": the AP style for an archive photo's caption.
  { reason: 'caption', pattern: /^FILE\s*[-–—]\s+.{10,400}$/ },
  // Credits first: a "Photo: Reuters" line must not be read as a wire credit later.
  {
    reason: 'photo-credit',
    pattern:
      /^(?:\(?(?:photo|photograph|photography|picture|pictures|image|images|pic|credit|credits|file photo|video|illustration)s?\s*(?:credit)?\s*[:|/-]\s*[^.]{1,80}\)?|\(?[\w .'-]{1,40}\/(?:AFP|AP|Reuters|EPA|Getty Images|Getty|Shutterstock|Anadolu|Xinhua|dpa|ANSA)(?: via Getty Images)?\)?|\(?(?:AP|AFP|Reuters|EPA) Photo\/[^)]{1,60}\)?|Getty Images|Shutterstock|[\w .'-]{1,40} via Getty Images)$/i,
  },
  {
    reason: 'caption',
    pattern:
      /^(?:image caption|caption|media caption|pictured|above|below|top|main image|video caption|photo caption|gallery)\s*[:|-]\s*.{0,300}$|^(?:▲|▼|►|📷)\s*.{0,300}$|^\[(?:image|photo|video|gallery)[^\]]*\]$/i,
  },
  {
    reason: 'paywall',
    hint: /% of this|subscribe|members|continue reading|already|to (?:read|continue|unlock)|unlock|premium|exclusive|locked|you(?:'ve| have)|free to read/i,
    pattern:
      /^(?:you have \d{1,3}\s?% of this article (?:left|remaining)(?: to read)?\.?.{0,80}|.{0,60}subscribe (?:now )?to (?:continue|keep) reading.{0,80}|.{0,40}(?:this|the rest of this) (?:article|story|content) is (?:for|reserved for|available to|exclusive to) (?:paying |premium )?(?:subscribers|members).{0,80}|(?:to )?continue reading(?: this article)?(?:,| by| with)? .{0,80}(?:subscri|sign in|log in|register|member).{0,40}|already (?:a )?(?:subscriber|member)\??.{0,60}|.{0,40}(?:register|sign up|log in|sign in) (?:for free )?to (?:read|continue|unlock).{0,80}|unlock (?:this|the full|full) (?:article|story).{0,80}|(?:premium|exclusive|subscriber)(?: content| article)?(?: only)?\.?|the rest of this article is locked.{0,60}|you(?:'ve| have) (?:reached|used) (?:your|all your) (?:free )?(?:article|story) (?:limit|allowance).{0,80}|you have \d+ free (?:articles?|stories) (?:left|remaining).{0,80}|you(?:'ve| have) reached (?:your|the) (?:monthly |free )?(?:article |story )?limit.{0,160}|.{0,60}\bis free to read for \d+ (?:articles?|stories).{0,120})$/i,
  },
  {
    reason: 'subscription',
    hint: /subscri|trial|try \d|journalism|become a|[$€£]|get (?:unlimited|full|digital) access|unlimited|donate|contribution|first (?:month|\d)/iu,
    pattern:
      /^(?:subscribe(?: now| today| here)?[.!]?|.{0,60}(?:subscribe|subscription) (?:now|today|from|for only|for just|and save).{0,100}|start your (?:free )?trial.{0,80}|try \d+ (?:days|weeks|months) (?:for free|free).{0,60}|(?:support|fund) (?:independent|quality|our) journalism.{0,100}|become a (?:member|subscriber|supporter).{0,80}|.{0,40}(?:only|just) [$€£]\s?\d+(?:[.,]\d+)? (?:a|per) (?:month|week|year).{0,60}|get (?:unlimited|full|digital) access.{0,80}|(?:donate|make a contribution)(?: now| today)?.{0,60}|\[?subscribe(?: now)?\]?:?\s.{0,40}(?:unlimited|full|digital) access.{0,120}|subscribe to (?:the )?\p{Lu}[\p{L}'’ ]{1,40}[.!]?|.{0,40}\bunlimited (?:digital )?access to .{1,120}(?:first (?:month|\d+ (?:days|weeks|months)) (?:free|for .{1,12})|cancel anytime).{0,40}|.{0,80}\bfirst (?:month|\d+ (?:days|weeks|months)) (?:free|for [$€£]\s?\d+(?:[.,]\d+)?)[.!]?)$/iu,
  },
  {
    reason: 'comment-form',
    pattern:
      /^(?:leave a (?:comment|reply)|post a comment|add (?:a|your) comment|write a comment|comments?(?:\s*\(\d+\)|\s*:\s*\d+)?|\d+ comments?|show (?:all )?comments?|view (?:all )?\d* ?comments?|(?:log|sign) in (?:to|or register to) (?:comment|reply|join the (?:conversation|discussion)).{0,40}|join the (?:conversation|discussion)|comments are closed\.?|be the first to comment\.?|your email address will not be published\.?.{0,80}|required fields are marked.{0,20}|(?:name|email|website|comment)\s*\*|post comment|submit(?: comment)?|reply|report (?:this )?comment|community guidelines|read our community (?:guidelines|rules).{0,40}|you must be logged in to post a comment\.?|website|save my name,? email,? and website in this browser for the next time i comment\.?|notify me of (?:follow-up comments|new posts) by email\.?|cancel reply)$|^(?:leave a (?:comment|reply)|comments?\s*(?:\(\d+\)|:\s*\d+))(?:\s*[|·•]\s*.{0,80}\b(?:comments?|log in|sign in|register|enter)\b.{0,40}|\s*[|·•]\s*comments?\s*(?:\(\d+\)|:\s*\d+))$/i,
  },
  {
    reason: 'share-prompt',
    pattern:
      /^(?:share(?: this)?(?: article| story| post| page)?(?: on| via| with)?(?: (?:facebook|twitter|x|whatsapp|linkedin|email|telegram|reddit))?[:!.]?|share|tweet|pin it|copy link|link copied|email this (?:article|story)|print(?: this)? (?:article|story|page)?|click to (?:share|print|email).{0,40}|(?:(?:facebook|twitter|x|whatsapp|linkedin|email|telegram|reddit|messenger|pinterest|print|copy link|share)\s*[|·,/]?\s*){2,}|follow us on .{1,60}|like us on facebook.{0,40}|send us your (?:tips|feedback).{0,60}|gift (?:this )?article|save (?:this )?(?:article|story)|listen to (?:this )?(?:article|story)(?:\s*\d+ min)?)$|^(?:(?:like|enjoy(?:ed)?) this (?:story|article)\?\s*)?(?:share(?: this)?(?: article| story)?\s*:?\s*)?(?:(?:share (?:on|via) )?(?:facebook|twitter|x|whatsapp|linkedin|email|e-mail|telegram|reddit|messenger|pinterest|vk|threads|bluesky|mastodon|print|copy link|save)\s*[|·,/]?\s*){2,}$/i,
  },
  {
    reason: 'navigation',
    pattern:
      /^(?:previous|prev|next)(?: (?:article|story|post))?\s*:\s*\p{Lu}.{1,140}$|^(?:[«‹<←]+\s*)?(?:previous|prev|next|older|newer)(?: (?:article|story|post|page))?(?:\s*[»›>→]+)?(?:\s*[|/·]\s*(?:[«‹<←]+\s*)?(?:previous|prev|next|older|newer)(?: (?:article|story|post|page))?(?:\s*[»›>→]+)?)?$|^(?:back to (?:top|home|homepage)|skip to (?:main )?content|skip navigation|go to (?:homepage|home|top)|menu|search|home|sections|close|open menu|toggle navigation|main menu|explore further|show more|load more|see more|view (?:more|all)|more|enlarge(?: image)?|view author archive|email the author|get author rss feed|view gallery|print|zoom)$|^(?:\p{L}[\p{L}\d&'’ ]{0,24}\s*(?:[>›»/|·•]|\s-\s)\s*){2,}\p{L}[\p{L}\d&'’ ]{0,24}$/iu,
  },
  // Before cookie notices: a "© 2026 The Post. Cookie settings | Privacy" footer is a copyright line.
  {
    reason: 'copyright',
    pattern:
      /^(?:©|\(c\)|copyright\b).{0,160}$|^.{0,120}all rights reserved\.?.{0,80}$|^this (?:document|article|material|content) is (?:subject to|protected by) copyright.{0,300}$|^this (?:material|article) may not be (?:published|reproduced|broadcast).{0,120}$/i,
  },
  {
    reason: 'cookie-notice',
    pattern:
      /^.{0,100}(?:we use cookies|this (?:site|website) uses cookies|use of cookies|cookie (?:policy|settings|preferences|consent)|accept (?:all )?cookies|manage (?:cookie|consent|privacy) (?:settings|preferences)|by continuing to (?:use|browse) (?:this|our) (?:site|website)).{0,200}$|^(?:accept(?: all)?|reject(?: all)?|i agree|got it|ok, got it)$/i,
  },
  {
    reason: 'newsletter',
    hint: /newsletter|get (?:the|our) |inbox|enter your email|sign up|your email address|by signing up|thank/i,
    pattern:
      /^(?:.{0,40}sign up (?:to|for) (?:our|the) .{0,40}newsletters?.{0,100}|.{0,40}subscribe to (?:our|the) .{0,40}newsletters?.{0,80}|newsletters?(?: sign-?up)?|get (?:the|our) .{0,40}(?:newsletter|briefing|headlines) (?:delivered|in your inbox|sent).{0,80}|.{0,60}delivered (?:straight )?to your inbox.{0,60}|enter your email(?: address)?.{0,60}|sign up|your email address|by signing up,? you agree.{0,120}|thanks? (?:you )?for (?:signing up|subscribing).{0,60}|.{0,60}\bnewsletters?\s*:.{0,200}|.{0,80}\bsign up\b.{0,120}\b(?:in|to) your inbox\b.{0,120}|.{0,120}\b(?:in|to) your inbox\b.{0,80}\bsign up(?: now| today| here| for free| free)?[.!]?|.{0,120}\b(?:in|to) your inbox\b.{0,40}\bsubscribe to .{1,60}[.!]?)$/i,
  },
  {
    reason: 'advertisement',
    pattern:
      /^(?:advertisement|advertising|\(?ad\)?|ads?|sponsored(?: content| post| by .{1,40}|\s*:\s*.{1,160})?|paid (?:content|post|partner content)|promoted(?: content| by .{1,40})?|partner content|story continues (?:below|after) (?:this )?(?:advertisement|ad)|article continues (?:below|after) (?:this )?(?:advertisement|ad)|continue reading (?:below|the main story)|scroll (?:down )?to continue(?: with content| reading)?|-{0,3}\s*advertisement\s*-{0,3}|ad feedback|report this ad|content continues below)$/i,
  },
  {
    reason: 'credits',
    // Names only, or parenthesised, or a "; Editing by" list: "Reporting by the Herald found…" is prose.
    pattern:
      /^\((?:[Rr]eporting|[Aa]dditional reporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Ee]dited|[Ww]ritten|[Rr]esearch) by [^)]{2,200}\)\.?$|^(?:[Rr]eporting|[Aa]dditional reporting|[Ww]riting|[Ee]diting|[Cc]ompiled) by [A-Z][^.;]{1,80};.{0,160}$|^(?:[Rr]eporting|[Aa]dditional reporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Ee]dited|[Ww]ritten) by [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}(?:(?:,| and) [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})*(?: in [A-Z]\w+)?\.?$|^(?:[A-Z][\w.'-]*(?:,)?\s+|(?:and|writers?|reporters?|correspondents?|journalists?|in)\s+){1,12}contributed (?:reporting |to )?(?:to )?(?:this|the) (?:report|story|article)\.?$/,
  },
  {
    reason: 'wire-credit',
    pattern:
      /^[-–—]*\s*\(?(?:AP|AFP|Reuters|EFE|dpa|DPA|ANSA|Xinhua|Kyodo|Yonhap|PA|UPI|Anadolu|Associated Press|Agence France-Presse|Agence France Presse)(?:\s*[/,&]\s*(?:AP|AFP|Reuters|EFE|dpa|DPA|ANSA|Xinhua|Kyodo|Yonhap|PA|UPI|Anadolu))*\)?\.?$|^[-–—]*\s*with (?:agencies|agency reports|wires|wire services)\.?$/,
  },
  {
    // "Source: AP | 4 min read": who supplied the copy (read by the wire module), not prose.
    reason: 'source-credit',
    pattern: /^(?:source|sources|via)\s*:\s*[\p{L}][\p{L}\d&'’. -]{0,40}(?:\s*[|·•,]\s*.{0,40})?$/iu,
  },
  // A number alone on a line: a share or comment counter whose icon was lost ("348").
  {
    reason: 'share-count',
    pattern:
      /^(?:\d{1,6}|\d{1,3}(?:[,.]\d{3})+)\s*(?:shares?|comments?|views?|likes?)?$|^\d+(?:\.\d)?k\s*(?:shares?|views?)?$/i,
  },
  {
    reason: 'reading-time',
    pattern: /^(?:\d{1,3}\s*(?:min(?:ute)?s?|mins?)\.? read|reading time\s*:?\s*\d{1,3}\s*min(?:ute)?s?)$/i,
  },
  { reason: 'tags', pattern: /^(?:tags|topics|keywords|filed under)\s*:\s*.{1,200}$/i },
  {
    // Translation and aggregator disclaimers: the outlet speaking about its copy, never a source.
    reason: 'disclaimer',
    hint: /translat|not responsible for|aggregates |remains the property of/i,
    pattern:
      /^(?:.{0,40}\b(?:translated automatically|automatically translated|machine[- ]translated|automatic translation)\b.{0,200}|.{0,120}\b(?:the )?(?:editorial (?:board|team|office)|editors?|publisher) (?:is|are) not responsible for .{0,160}|.{0,160}\baggregates (?:headlines|news|content|stories) from .{0,200}|.{0,160}\bcontent remains the property of .{0,80})$/i,
  },
  {
    // "Updated 11:21 pm CST, Tuesday, November 19, 2019", "Published at 1:23 p.m.": page furniture
    // next to the headline; the date itself comes from metadata. Needs a digit, so prose such as
    // "Updated guidance from the ministry says…" stays.
    reason: 'timestamp',
    pattern:
      /^(?:last )?(?:updated|published|posted|modified|first published)(?: at| on)?:?\s+(?=[^\n]{0,70}\d)[^\n]{1,70}$/i,
  },
  {
    // "Source: https://…" footers and "Citation: … retrieved … from <url>" lines. Bare addresses stay:
    // link lists and shortened shop links are often part of the text (the page's own address is
    // dropped by the cleaner, which knows it).
    reason: 'source-link',
    pattern:
      /^this (?:article|story|post) (?:first |originally )?(?:appeared|was (?:first |originally )?published) (?:on|in|at) \S.{0,80}$|^(?:source|original(?: article| story)?|read (?:the )?(?:original|full) (?:article|story)(?: (?:at|on))?)\s*:?\s*(?:https?:\/\/|www\.)\S+$|^citation\s*:.{0,300}\bretrieved\b.{0,200}$/i,
  },
  {
    // "Have a tip? Amy Kuperinsky may be reached at …": the newsroom asking for tips, not the story.
    reason: 'contact-prompt',
    pattern:
      /^(?:have|got) a (?:news )?tip\?.{0,200}$|^(?:send|email) (?:us )?(?:your )?(?:news )?tips? (?:to|at) .{0,120}$|^follow (?:her|him|them|me|\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,3}) on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky)\b.{0,120}$/iu,
  },
  {
    // Market-data strips under business pages: "Markets data: LDX closed down 0.8% …".
    reason: 'market-data',
    pattern: /^(?:markets? (?:data|snapshot|wrap|summary)|market data)\s*:.{0,240}$/i,
  },
];

/**
 * Section labels that sit alone on a line at the top ("WORLD", "Politics / Europe"). Folded to
 * lower case and compared word by word after splitting on `/`, `>`, `|`, `·`, `-`.
 */
export const CATEGORY_WORDS: ReadonlySet<string> = new Set([
  'news',
  'world',
  'world news',
  'politics',
  'business',
  'economy',
  'economics',
  'markets',
  'finance',
  'money',
  'sport',
  'sports',
  'football',
  'opinion',
  'analysis',
  'comment',
  'commentary',
  'editorial',
  'editorials',
  'technology',
  'tech',
  'science',
  'health',
  'environment',
  'climate',
  'culture',
  'arts',
  'entertainment',
  'lifestyle',
  'travel',
  'education',
  'local',
  'local news',
  'national',
  'national news',
  'international',
  'europe',
  'asia',
  'africa',
  'americas',
  'middle east',
  'latin america',
  'north america',
  'oceania',
  'asia pacific',
  'asia-pacific',
  'uk',
  'us',
  'u.s.',
  'us news',
  'uk news',
  'breaking',
  'breaking news',
  'exclusive',
  'live',
  'latest',
  'top stories',
  'featured',
  'features',
  'feature',
  'investigation',
  'investigations',
  'explainer',
  'weather',
  'crime',
  'justice',
  'law',
  'courts',
  'defence',
  'defense',
  'security',
  'conflict',
  'war',
  'elections',
  'election',
  'regional',
  'region',
  'city',
  'metro',
  'nation',
  'global',
  'diplomacy',
  'energy',
  'agriculture',
  'transport',
  'society',
  'religion',
  'media',
  'obituaries',
  'obituary',
  'letters',
  'interview',
  'interviews',
  'reports',
  'report',
  'update',
  'developing story',
  'home',
  'front page',
  'breaking:',
  'just in',
  'world/europe',
  'disasters',
  'migration',
  'food',
  'housing',
  'regions',
  'companies',
  'reportage',
  'trade',
  'industry',
  'markets & finance',
]);

/** Words that make a short line look like a masthead ("The Meridian Herald"). */
export const MASTHEAD_WORDS =
  /\b(?:herald|times|post|tribune|gazette|chronicle|journal|daily|news|observer|courier|standard|telegraph|independent|express|mail|mirror|monitor|record|review|star|sun|globe|register|dispatch|bulletin|examiner|inquirer|sentinel|press|voice|wire|today|weekly|reporter|leader|guardian|echo|mercury|advertiser|argus|clarion|ledger|messenger|tribune|online|network|broadcasting|radio|tv|television|agency|magazine|digest)\b/i;

/** A domain name on its own ("meridianherald.com", "www.example.org"). */
export const DOMAIN_LINE =
  /^(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co\.uk|co|news|info|io|eu|uk|de|fr|it|es|au|ca|in|ng|za|ke)\/?$/i;

/** Masthead line with a tagline: "The Meridian Herald — Independent news since 1902". */
export const MASTHEAD_TAGLINE = /^(.{2,50}?)\s+(?:[|—–]|-)\s+(.{2,80})$/;
