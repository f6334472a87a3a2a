#!/usr/bin/env node
// jsonld_check: validates faq's JSON-LD exports offline, independently of faq's own code.
//   1. bytes: valid UTF-8, script-safe (no raw < > & U+2028 U+2029), 2-space pretty-printed
//      exactly as JSON.stringify prints it (so the bytes are canonical and deterministic);
//   2. jsonld.js (pinned) expands it in safe mode with schema.org's context served from
//      tests/data/schemaorgcontext.jsonld (no network): every @type and property must expand
//      to a schema.org IRI that exists in the release-30.0 vocabulary (tests/data/schemaorg-terms.json),
//      used on a type in its domain, with a value in its range, and not superseded;
//   3. Google's FAQPage rules: one FAQPage whose mainEntity lists Questions, each with a full
//      name and exactly one acceptedAnswer Answer whose text uses only the HTML Google allows;
//      stable @ids (page URL + "#" + entry id, or "#" + id without a URL); in --graph mode no
//      FAQPage at all, absolute Question @ids and a page node that references every Question.
// Usage: node jsonld_check.js FILE.jsonld...   Exit 0 when every file passes; prints each reason.
'use strict';
const fs = require('fs');
const path = require('path');
const jsonld = require('jsonld');

const DATA = path.join(__dirname, '..', 'data');
const CONTEXT = JSON.parse(fs.readFileSync(path.join(DATA, 'schemaorgcontext.jsonld'), 'utf8'));
const TERMS = JSON.parse(fs.readFileSync(path.join(DATA, 'schemaorg-terms.json'), 'utf8'));
const CONTEXT_URLS = new Set();
for (const scheme of ['https', 'http'])
  for (const p of ['schema.org', 'schema.org/', 'schema.org/docs/jsonldcontext.json', 'schema.org/docs/jsonldcontext.jsonld'])
    CONTEXT_URLS.add(`${scheme}://${p}`);

async function documentLoader(url) {
  if (CONTEXT_URLS.has(url)) return { contextUrl: null, documentUrl: url, document: CONTEXT };
  throw new Error(`offline check: refusing to load ${url}`);
}

const BASE = 'https://faq-check.invalid/page'; // resolves "#id" when the export has no URL
const ALLOWED_TAGS = new Set(['p', 'br', 'ol', 'ul', 'li', 'a', 'b', 'strong', 'i', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div']);
const VOID_TAGS = new Set(['br']);

function schemaName(iri) {
  const m = /^https?:\/\/schema\.org\/([A-Za-z0-9_]+)$/.exec(iri);
  return m ? m[1] : null;
}

function ancestors(cls) {
  const seen = new Set();
  const todo = [cls];
  while (todo.length) {
    const c = todo.pop();
    if (seen.has(c)) continue;
    seen.add(c);
    const def = TERMS.classes[c];
    if (def && def.sub) todo.push(...def.sub);
  }
  return seen;
}

function isDataRange(range) {
  return range.some((r) => {
    for (const a of ancestors(r)) if (TERMS.classes[a] && TERMS.classes[a].datatype) return true;
    return false;
  });
}

// Checks the expanded graph against the vocabulary.
function checkTerms(expanded, err) {
  const visit = (node, where) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object' || '@value' in node) return;
    if ('@list' in node) return visit(node['@list'], where);
    const types = node['@type'] || [];
    const typeNames = [];
    for (const t of types) {
      const n = schemaName(t);
      const def = n && TERMS.classes[n];
      if (!def || def.enumMemberOf || def.datatype) err(`${where}: @type ${t} is not a schema.org type`);
      else {
        if (def.supersededBy) err(`${where}: @type ${n} is superseded by ${def.supersededBy.join(', ')}`);
        typeNames.push(n);
      }
    }
    const nodeAnc = new Set();
    for (const t of typeNames) for (const a of ancestors(t)) nodeAnc.add(a);
    for (const [key, values] of Object.entries(node)) {
      if (key.startsWith('@')) {
        if (key === '@graph') visit(values, `${where}.@graph`);
        continue;
      }
      const n = schemaName(key);
      const def = n && TERMS.properties[n];
      if (!def) {
        err(`${where}: property ${key} is not a schema.org property`);
        continue;
      }
      if (def.supersededBy) err(`${where}: property ${n} is superseded by ${def.supersededBy.join(', ')}`);
      if (typeNames.length && !def.domain.some((d) => nodeAnc.has(d)))
        err(`${where}: ${n} is not a property of ${typeNames.join('/')} (domain: ${def.domain.join(', ')})`);
      for (const v of values) {
        if (v && typeof v === 'object' && '@value' in v) {
          if (!isDataRange(def.range)) err(`${where}.${n}: a literal where the range is ${def.range.join(', ')}`);
        } else if (v && typeof v === 'object' && v['@type']) {
          const vt = v['@type'].map(schemaName).filter(Boolean);
          const ok = def.range.includes('Thing') || vt.some((t) => def.range.some((r) => ancestors(t).has(r)));
          if (!ok) err(`${where}.${n}: a ${vt.join('/')} where the range is ${def.range.join(', ')}`);
        }
        visit(v, `${where}.${n}`);
      }
    }
  };
  visit(expanded, '$');
}

// Google: Answer.text may hold only p, br, ol, ul, li, a, b, strong, i, em, h1-h6, div.
function checkAnswerHtml(html, where, err) {
  const stack = [];
  const tagRe = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z-]+="[^"<>]*")*)\s*(\/?)>/y;
  for (let i = 0; i < html.length; ) {
    const c = html[i];
    if (c === '>') { err(`${where}: a raw '>' in the answer HTML at ${i}`); i++; continue; }
    if (c === '&') {
      const m = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/.exec(html.slice(i, i + 12));
      if (!m) err(`${where}: a bare '&' in the answer HTML at ${i}`);
      i++;
      continue;
    }
    if (c !== '<') { i++; continue; }
    tagRe.lastIndex = i;
    const m = tagRe.exec(html);
    if (!m) { err(`${where}: a '<' that starts no allowed tag at ${i}: ${JSON.stringify(html.slice(i, i + 20))}`); i++; continue; }
    const [all, close, nameRaw, attrs] = m;
    const name = nameRaw.toLowerCase();
    i += all.length;
    if (!ALLOWED_TAGS.has(name)) { err(`${where}: <${name}> is not allowed in Answer.text`); continue; }
    if (close) {
      if (stack.pop() !== name) err(`${where}: </${name}> does not close the open element`);
      continue;
    }
    const attrList = [...attrs.matchAll(/([A-Za-z-]+)="([^"]*)"/g)];
    for (const [, an, av] of attrList) {
      if (!(name === 'a' && an === 'href')) err(`${where}: attribute ${an} on <${name}>`);
      else if (!/^https?:\/\/\S+$/.test(av)) err(`${where}: <a href> is not an http(s) URL: ${av}`);
    }
    if (name === 'a' && !attrList.length) err(`${where}: <a> without href`);
    if (!VOID_TAGS.has(name)) stack.push(name);
  }
  if (stack.length) err(`${where}: unclosed <${stack.join('>, <')}>`);
  if (!html.replace(/<[^>]*>/g, '').trim()) err(`${where}: the answer has no text`);
}

function checkQuestion(q, where, pageBase, err) {
  if (!q || typeof q !== 'object' || Array.isArray(q)) return err(`${where}: not an object`);
  if (q['@type'] !== 'Question') err(`${where}: @type is ${JSON.stringify(q['@type'])}, not "Question"`);
  if (typeof q.name !== 'string' || !q.name.trim()) err(`${where}: Question without a name (the full question)`);
  else if (/[\n\r]/.test(q.name)) err(`${where}: the name spans lines`);
  if ('suggestedAnswer' in q) err(`${where}: FAQPage questions take acceptedAnswer, not suggestedAnswer`);
  const a = q.acceptedAnswer;
  if (!a || typeof a !== 'object' || Array.isArray(a)) err(`${where}: needs exactly one acceptedAnswer`);
  else {
    if (a['@type'] !== 'Answer') err(`${where}.acceptedAnswer: @type is ${JSON.stringify(a['@type'])}, not "Answer"`);
    if (typeof a.text !== 'string' || !a.text.trim()) err(`${where}.acceptedAnswer: Answer without text`);
    else checkAnswerHtml(a.text, `${where}.acceptedAnswer.text`, err);
  }
  const id = q['@id'];
  if (typeof id !== 'string') return err(`${where}: Question without a stable @id`);
  const m = /^(.*)#([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(id);
  if (!m) err(`${where}: @id ${id} is not PAGE#entry-id`);
  else if (m[1] !== (pageBase || '')) err(`${where}: @id ${id} does not start with the page URL ${JSON.stringify(pageBase || '')} + '#'`);
}

function checkGoogle(doc, err) {
  if (doc['@context'] !== 'https://schema.org') err(`@context is ${JSON.stringify(doc['@context'])}, not "https://schema.org"`);
  const seen = new Set();
  const uniq = (q, where) => {
    if (q && typeof q['@id'] === 'string') {
      if (seen.has(q['@id'])) err(`${where}: duplicate @id ${q['@id']}`);
      seen.add(q['@id']);
    }
  };
  if ('@graph' in doc) {
    const g = doc['@graph'];
    if (!Array.isArray(g) || g.length < 2) return err('@graph must hold the page node and the Questions');
    const page = g[0];
    if ('@type' in page) err('@graph[0]: the page node must have no @type (the CMS page node gives it), so no second FAQPage is made');
    if (typeof page['@id'] !== 'string' || !/^https?:\/\/\S+$/.test(page['@id'])) err('@graph[0]: the page node needs an absolute @id');
    const base = String(page['@id']).replace(/#.*$/, '');
    const qs = g.slice(1);
    qs.forEach((q, i) => {
      checkQuestion(q, `@graph[${i + 1}]`, base, err);
      uniq(q, `@graph[${i + 1}]`);
      if (!/^https?:\/\//.test(q['@id'] || '')) err(`@graph[${i + 1}]: a graph Question needs an absolute @id`);
    });
    const refs = Array.isArray(page.mainEntity) ? page.mainEntity : [];
    const want = qs.map((q) => q['@id']);
    const got = refs.map((r) => (r && Object.keys(r).length === 1 ? r['@id'] : JSON.stringify(r)));
    if (JSON.stringify(got) !== JSON.stringify(want)) err(`@graph[0].mainEntity must reference every Question by @id, in order: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
    if (JSON.stringify(doc).includes('"FAQPage"')) err('--graph output must not contain a FAQPage');
    return;
  }
  if (doc['@type'] !== 'FAQPage') err(`@type is ${JSON.stringify(doc['@type'])}, not "FAQPage"`);
  let base = null;
  if ('url' in doc) {
    if (!/^https?:\/\/[^\s#]+$/.test(doc.url)) err(`url ${doc.url} is not an absolute URL without fragment`);
    base = doc.url;
    if (doc['@id'] !== doc.url && !String(doc['@id']).startsWith(doc.url + '#')) err(`@id ${doc['@id']} is not the page URL`);
  } else if ('@id' in doc) err('@id without url');
  if ('name' in doc && (typeof doc.name !== 'string' || !doc.name.trim())) err('empty name');
  if ('inLanguage' in doc && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(doc.inLanguage)) err(`inLanguage ${doc.inLanguage} is not a BCP 47 tag`);
  if ('dateModified' in doc && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(doc.dateModified))
    err(`dateModified ${doc.dateModified} is not an ISO 8601 date`);
  const me = doc.mainEntity;
  if (!Array.isArray(me) || me.length === 0) return err('mainEntity must be a non-empty array of Questions');
  me.forEach((q, i) => {
    checkQuestion(q, `mainEntity[${i}]`, base, err);
    uniq(q, `mainEntity[${i}]`);
  });
}

function checkBytes(buf, err) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch (e) {
    err('not valid UTF-8');
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) err('starts with a byte order mark');
  const raw = /[<>&\u2028\u2029]/.exec(text);
  if (raw) err(`unsafe inside <script>: raw U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${raw.index}`);
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text)) err('a raw control character');
  if (!text.endsWith('}\n')) err('does not end with "}" and a newline');
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    err(`not JSON: ${e.message}`);
    return null;
  }
  const canon = JSON.stringify(doc, null, 2).replace(/[<>&\u2028\u2029\u007f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';
  if (canon !== text) {
    let i = 0;
    while (i < text.length && text[i] === canon[i]) i++;
    err(`not pretty-printed with a 2-space indent (first difference at byte ${i}: ${JSON.stringify(text.slice(i, i + 30))})`);
  }
  return doc;
}

async function checkFile(file) {
  const errors = [];
  const err = (m) => errors.push(m);
  const doc = checkBytes(fs.readFileSync(file), err);
  let nq = 0;
  if (doc) {
    checkGoogle(doc, err);
    try {
      const expanded = await jsonld.expand(doc, { documentLoader, safe: true, base: BASE });
      checkTerms(expanded, err);
      const flat = await jsonld.flatten(doc, null, { documentLoader, safe: true, base: BASE });
      const nodes = Array.isArray(flat) ? flat : flat['@graph'] || [];
      const has = (n, t) => (n['@type'] || []).some((x) => schemaName(x) === t);
      const faqpages = nodes.filter((n) => has(n, 'FAQPage')).length;
      nq = nodes.filter((n) => has(n, 'Question')).length;
      if ('@graph' in doc ? faqpages !== 0 : faqpages !== 1) err(`the RDF graph holds ${faqpages} FAQPage nodes`);
      for (const n of nodes) {
        if (!has(n, 'Question')) continue;
        const aa = n['http://schema.org/acceptedAnswer'] || [];
        if (aa.length !== 1) err(`${n['@id']}: ${aa.length} acceptedAnswer values in the RDF graph`);
      }
    } catch (e) {
      err(`jsonld.js: ${e.message}${e.details ? ' ' + JSON.stringify(e.details).slice(0, 300) : ''}`);
    }
  }
  return { errors, nq };
}

(async () => {
  const files = process.argv.slice(2);
  if (!files.length) {
    process.stderr.write('usage: jsonld_check.js FILE.jsonld...\n');
    process.exit(2);
  }
  let bad = 0;
  for (const f of files) {
    const { errors, nq } = await checkFile(f);
    if (errors.length) {
      bad++;
      for (const e of errors.slice(0, 20)) console.log(`${f}: ${e}`);
      if (errors.length > 20) console.log(`${f}: … ${errors.length - 20} more`);
    } else console.log(`${f}: ok (${nq} questions)`);
  }
  process.exit(bad ? 1 : 0);
})();
