#!/usr/bin/env node
// schemaorg_terms: derives tests/data/schemaorg-terms.json (every schema.org class and property
// with its superclasses, domains and ranges) from the schema.org vocabulary release file, so
// the JSON-LD check can test terms offline without committing the 1.5 MB vocabulary.
// Usage: node tests/validators/schemaorg_terms.js path/to/schemaorg-current-https.jsonld > tests/data/schemaorg-terms.json
'use strict';
const fs = require('fs');
const crypto = require('crypto');

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: schemaorg_terms.js schemaorg-current-https.jsonld\n');
  process.exit(2);
}
const bytes = fs.readFileSync(path);
const graph = JSON.parse(bytes.toString('utf8'))['@graph'];
const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const ids = (v) => list(v).map((x) => x['@id']).filter((s) => s && s.startsWith('schema:')).map((s) => s.slice(7)).sort();
const types = (n) => list(n['@type']);

const classes = {};
const properties = {};
for (const n of graph) {
  const id = n['@id'];
  if (!id || !id.startsWith('schema:')) continue;
  const name = id.slice(7);
  const t = types(n);
  const extra = {};
  if (n['schema:supersededBy']) extra.supersededBy = ids(n['schema:supersededBy']);
  if (n['schema:isPartOf']) extra.section = list(n['schema:isPartOf']).map((x) => x['@id']).sort();
  if (t.includes('rdf:Property')) {
    properties[name] = { domain: ids(n['schema:domainIncludes']), range: ids(n['schema:rangeIncludes']), ...extra };
  } else if (t.includes('rdfs:Class') || t.includes('schema:DataType')) {
    classes[name] = { sub: ids(n['rdfs:subClassOf']), datatype: t.includes('schema:DataType') || undefined, ...extra };
  } else if (t.some((x) => x.startsWith('schema:'))) {
    classes[name] = { enumMemberOf: t.filter((x) => x.startsWith('schema:')).map((x) => x.slice(7)).sort(), ...extra };
  }
}
const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
const out = {
  source: {
    file: 'schemaorg-current-https.jsonld (schema.org release 30.0)',
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  },
  classes: sorted(classes),
  properties: sorted(properties),
};
// One term per line, so that a new release shows as a readable diff.
const block = (o) => '{\n' + Object.keys(o).map((k) => JSON.stringify(k) + ':' + JSON.stringify(o[k])).join(',\n') + '\n}';
process.stdout.write('{"source":' + JSON.stringify(out.source) + ',\n"classes":' + block(out.classes) +
  ',\n"properties":' + block(out.properties) + '}\n');
