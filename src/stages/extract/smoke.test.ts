import { it } from 'vitest';
import { extractArticle } from './index.js';
it('smoke', () => {
  const html = `<!doctype html><html lang="en"><head>
<title>Port Avel council approves seawall plan | The Coastal Courier</title>
<meta property="og:site_name" content="The Coastal Courier">
<meta property="article:published_time" content="2026-03-12T09:41:00+01:00">
<meta name="author" content="Jonas Pell">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Port Avel council approves seawall plan","datePublished":"2026-03-12"}</script>
</head><body>
<header class="site-header"><a href="/">The Coastal Courier</a><nav><ul><li>Home</li><li>Local</li><li>Business</li></ul></nav></header>
<div class="share-bar">Share on Facebook Twitter</div>
<article>
<h1>Port Avel council approves seawall plan</h1>
<p class="byline">By Jonas Pell</p>
<figure><img src="x.jpg"><figcaption>Waves break over the old harbour wall in February. Photo: Ida Ren/Reuters</figcaption></figure>
<p>PORT AVEL — The town council voted 7-2 on Wednesday to approve a 14-million-euro seawall,
ending two years of debate over how to protect the harbour district from winter storms.</p>
<p>"This is the most important decision this council has made in a generation," said councillor Aino Brask.</p>
<aside class="related"><h3>Related stories</h3><ul><li><a>Harbour shops count storm losses</a></li><li><a>Ferry route suspended</a></li></ul></aside>
<p>Construction is expected to begin in the autumn and last three years, the council said in a statement.</p>
<ul><li>The wall will be 2.4 kilometres long.</li><li>Funding comes partly from a regional grant.</li></ul>
</article>
<section id="comments"><h2>Comments (3)</h2><div class="comment"><p>Finally! My shop flooded three times last winter and nobody did anything about it until now, so this is welcome news for all of us.</p></div><div class="comment"><p>What a waste of money, the sea will win anyway, it always does, and the council will raise taxes again to pay for this.</p></div></section>
<footer><p>© 2026 The Coastal Courier. All rights reserved.</p></footer>
</body></html>`;
  const r = extractArticle({ origin: 'x.html', content: html, mediaType: 'text/html', contentHash: 'abcdef0123456789', meta: {} });
  console.log(JSON.stringify(r, null, 1));
});
