/* The evidence review page (/review): a client of the public GraphQL API only. Plain ES2020, no build step. */
/* global document, window, sessionStorage, fetch, URL, URLSearchParams, Blob, setTimeout */
'use strict';

(() => {
  // Relative to the page, so the page works under a path prefix too.
  const ENDPOINT = new URL('graphql', window.location.href).href;
  const KEY_STORAGE = 'delegation-graph.review.key';

  // The record types, in the order of the list; `summary` is the key fields shown under each record's title.
  const SECTIONS = [
    { name: 'countries', label: 'Countries', type: 'Country', title: (r) => r.name, summary: ['isoCode'], quick: ['name'] },
    { name: 'cities', label: 'Cities', type: 'City', title: (r) => r.name, summary: ['countryCode', 'geonameId'], quick: ['name'] },
    { name: 'organizations', label: 'Organizations', type: 'Organization', title: (r) => r.name, summary: ['kind', 'countryCode', 'cityKey'], quick: ['name'] },
    { name: 'people', label: 'People', type: 'Person', title: (r) => r.name, summary: ['countryCode'], quick: ['name'] },
    { name: 'delegations', label: 'Delegations', type: 'Delegation', title: (r) => r.name, summary: ['startDate', 'endDate', 'homeCityKey', 'countriesVisited'], quick: ['name', 'startDate', 'endDate'] },
    { name: 'events', label: 'Events', type: 'Event', title: (r) => r.name, summary: ['kind', 'startDate', 'endDate', 'cityKey'], quick: ['name', 'startDate', 'endDate'] },
    { name: 'agreements', label: 'Agreements', type: 'Agreement', title: (r) => r.title, summary: ['kind', 'signedOn', 'eventKey'], quick: ['title', 'signedOn'] },
    { name: 'images', label: 'Images', type: 'Image', title: (r) => r.caption, summary: ['position', 'takenOn', 'eventKey'], quick: ['caption', 'takenOn'] },
    { name: 'figures', label: 'Figures', type: 'Figure', title: (r) => `${r.value} ${r.unit}`, summary: ['qualifier', 'delegationKey', 'eventKey', 'agreementKey'], quick: ['unit'] },
  ];
  const SECTION = new Map(SECTIONS.map((s) => [s.name, s]));
  const SECTION_OF_TYPE = new Map(SECTIONS.map((s) => [s.type, s.name]));
  const keyOf = (section, data) => (section === 'countries' ? data.isoCode : data.key);
  const DATE_FIELDS = new Set(['startDate', 'endDate', 'signedOn', 'takenOn']);

  // What rejecting a record does to those that name its key: [section, field, target section, how]. `a.b` is the
  // field b of each entry of the list a. cascade: the record cannot stand without it and is rejected too; clear:
  // set to null; filter: dropped from the list of keys; entry: the list entry that names it is dropped.
  const REFERENCES = [
    ['cities', 'countryCode', 'countries', 'cascade'],
    ['organizations', 'countryCode', 'countries', 'cascade'],
    ['organizations', 'cityKey', 'cities', 'clear'],
    ['people', 'countryCode', 'countries', 'cascade'],
    ['people', 'titles.organizationKey', 'organizations', 'clear'],
    ['delegations', 'homeCityKey', 'cities', 'clear'],
    ['delegations', 'organizationKey', 'organizations', 'clear'],
    ['delegations', 'parentKey', 'delegations', 'clear'],
    ['delegations', 'countriesVisited', 'countries', 'filter'],
    ['delegations', 'members.personKey', 'people', 'entry'],
    ['events', 'cityKey', 'cities', 'clear'],
    ['events', 'countryCode', 'countries', 'clear'],
    ['events', 'participants.delegationKey', 'delegations', 'entry'],
    ['events', 'organizerKeys', 'organizations', 'filter'],
    ['events', 'peopleKeys', 'people', 'filter'],
    ['events', 'counterparts.personKey', 'people', 'entry'],
    ['events', 'counterparts.organizationKey', 'organizations', 'entry'],
    ['agreements', 'cityKey', 'cities', 'clear'],
    ['agreements', 'countryCode', 'countries', 'clear'],
    ['agreements', 'eventKey', 'events', 'clear'],
    ['agreements', 'parties.organizationKey', 'organizations', 'clear'],
    ['agreements', 'signatoryKeys', 'people', 'filter'],
    ['images', 'cityKey', 'cities', 'clear'],
    ['images', 'countryCode', 'countries', 'clear'],
    ['images', 'eventKey', 'events', 'clear'],
    ['figures', 'delegationKey', 'delegations', 'cascade'],
    ['figures', 'eventKey', 'events', 'cascade'],
    ['figures', 'agreementKey', 'agreements', 'cascade'],
  ];

  const DRAFT = `mutation ReviewDraft($input: ArticleDraftInput!) { articleDraft(input: $input) {
    document notes { section key message quote start end } userErrors { path message code } } }`;
  const IMPORT = `mutation ReviewImport($document: ArticleDocumentInput!) { articleImport(input: $document) {
    status article { id slug title } changes { entity created updated deleted } userErrors { path message code } } }`;
  const STORED = `query ReviewArticle($id: ID, $slug: String) { article(id: $id, slug: $slug) {
    id slug title url source updatedOn body
    evidence { start end quote facts record { __typename id
      ... on Country { name isoCode } ... on City { name country { isoCode } } ... on Organization { name organizationKind: kind }
      ... on Person { name } ... on Delegation { name startDate endDate } ... on Event { name eventKind: kind startDate endDate }
      ... on Agreement { title agreementKind: kind signedOn } ... on Image { caption takenOn } ... on Figure { value unit qualifier } } } } }`;

  // ---------------------------------------------------------------------------------------------------------
  // State: one article, its records (each with a decision), the drafting notes and the last import's errors.
  const state = {
    mode: 'empty', // 'draft': a document under review; 'stored': an imported article, read-only
    doc: null, // the document as opened: its top-level fields other than the records
    body: '',
    records: [], // { uid, section, data, decision: 'accept' | 'reject', edited }
    notes: [],
    errors: [], // { uid, evidence, field, code, message, path }
    selected: null,
    segment: null,
    stored: null, // the stored article's id and slug
  };

  // ---------------------------------------------------------------------------------------------------------
  // DOM helpers: text is always set as text, never parsed as HTML.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else if (name === 'class') el.className = value;
      else if (name in el && typeof value !== 'string') el[name] = value;
      else el.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) if (child != null && child !== false) el.append(child instanceof window.Node ? child : String(child));
    return el;
  }
  const $ = (id) => document.getElementById(id);
  const clone = (value) => JSON.parse(JSON.stringify(value));
  const shown = (value) => (Array.isArray(value) ? value.join(', ') : value == null ? '' : String(value));

  function setStatus(message, kind) {
    const el = $('status');
    el.textContent = message;
    el.className = kind || '';
  }

  // ---------------------------------------------------------------------------------------------------------
  // GraphQL over fetch: the editor's key, when typed, as a bearer token.
  async function gql(query, variables) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const key = $('key').value.trim();
    if (key) headers.authorization = `Bearer ${key}`;
    let response;
    try {
      response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    } catch (error) {
      throw new Error(`the service did not answer (${error.message})`, { cause: error });
    }
    const json = await response.json().catch(() => null);
    if (!json) throw new Error(`the service answered HTTP ${response.status} without JSON`);
    if (json.errors && json.errors.length > 0) {
      const error = new Error(json.errors.map((e) => e.message).join('; '));
      error.graphqlErrors = json.errors;
      throw error;
    }
    return json.data;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Loading: a draft or a document (mode 'draft'), or a stored article (mode 'stored').
  function openDocument(doc, notes) {
    if (!doc || typeof doc !== 'object' || !doc.article || typeof doc.article.body !== 'string') {
      throw new Error('not an import document: it needs an "article" with a "body"');
    }
    state.mode = 'draft';
    state.doc = doc;
    state.body = doc.article.body;
    state.records = [{ uid: 'article', section: 'article', data: clone(doc.article), decision: 'accept', edited: false }];
    for (const section of SECTIONS) {
      (Array.isArray(doc[section.name]) ? doc[section.name] : []).forEach((data, index) => {
        state.records.push({ uid: `${section.name}:${index}`, section: section.name, data: clone(data), decision: 'accept', edited: false });
      });
    }
    state.notes = Array.isArray(notes) ? notes : [];
    state.errors = [];
    state.selected = null;
    state.segment = null;
    state.stored = null;
    $('sources').open = false;
    $('result-panel').replaceChildren();
    render();
  }

  function openStored(article) {
    state.mode = 'stored';
    state.doc = null;
    state.body = article.body;
    state.stored = { id: article.id, slug: article.slug, title: article.title, url: article.url, source: article.source, updatedOn: article.updatedOn };
    const byId = new Map();
    for (const quote of article.evidence) {
      const { __typename: type, id, ...fields } = quote.record;
      const section = SECTION_OF_TYPE.get(type);
      if (!section) continue;
      if (!byId.has(id)) byId.set(id, { uid: id, section, data: { id, ...fields, evidence: [] }, decision: 'accept', edited: false });
      byId.get(id).data.evidence.push({ quote: quote.quote, start: quote.start, end: quote.end, facts: quote.facts });
    }
    const order = (r) => SECTIONS.findIndex((s) => s.name === r.section);
    state.records = [...byId.values()].sort((a, b) => order(a) - order(b));
    state.notes = [];
    state.errors = [];
    state.selected = null;
    state.segment = null;
    $('sources').open = false;
    render();
  }

  async function loadStored(ref) {
    setStatus(`Loading article ${ref}…`);
    // A slug is lowercase words and hyphens; anything else is taken as a global ID.
    const bySlug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ref);
    try {
      let data = await gql(STORED, bySlug ? { slug: ref } : { id: ref });
      if (!data.article && bySlug) data = await gql(STORED, { id: ref });
      if (!data.article) throw new Error(`no article ${ref}`);
      openStored(data.article);
      setStatus(`Article “${data.article.title}”: ${data.article.evidence.length} quotes, read-only.`, 'ok');
    } catch (error) {
      setStatus(`Could not load the article: ${error.message}`, 'bad');
    }
  }

  async function draft() {
    const title = $('draft-title').value.trim();
    const body = $('draft-body').value;
    if (!title || !body.trim()) return setStatus('A draft needs a title and a body.', 'bad');
    const input = { title, body };
    if ($('draft-url').value.trim()) input.url = $('draft-url').value.trim();
    if ($('draft-date').value) input.publishedOn = $('draft-date').value;
    setStatus('Drafting…');
    try {
      const { articleDraft: payload } = await gql(DRAFT, { input });
      if (payload.userErrors.length > 0 || !payload.document) {
        return setStatus(`The draft was refused: ${payload.userErrors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`, 'bad');
      }
      openDocument(payload.document, payload.notes);
      setStatus(`Drafted: ${state.records.length - 1} records, ${state.notes.length} notes. Review, then import.`, 'ok');
    } catch (error) {
      setStatus(`Drafting failed: ${error.message}`, 'bad');
    }
  }

  function openJson(text) {
    try {
      const parsed = JSON.parse(text);
      // An articleDraft payload (document and notes) is accepted as well as a bare document.
      if (parsed && parsed.document && parsed.document.article) openDocument(parsed.document, parsed.notes);
      else openDocument(parsed, []);
      setStatus(`Opened “${state.doc.article.title || state.doc.article.slug}”: ${state.records.length - 1} records.`, 'ok');
    } catch (error) {
      setStatus(`Could not open the document: ${error.message}`, 'bad');
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // The document to import or download: rejected records removed, and with them every reference to their keys.
  function buildDocument() {
    const rejected = new Set();
    const cascaded = new Map(); // uid -> why
    const ref = (section, key) => `${section} ${key}`;
    const keyed = state.records.filter((r) => r.section !== 'article');
    for (const r of keyed) if (r.decision === 'reject') rejected.add(ref(r.section, keyOf(r.section, r.data)));
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of keyed) {
        const own = ref(r.section, keyOf(r.section, r.data));
        if (rejected.has(own) && (r.decision === 'reject' || cascaded.has(r.uid))) continue;
        const cause = REFERENCES.find(([section, field, target, how]) => how === 'cascade' && section === r.section && r.data[field] != null && rejected.has(ref(target, r.data[field])));
        if (!cause) continue;
        cascaded.set(r.uid, `its ${cause[1]} ${r.data[cause[1]]} is rejected`);
        rejected.add(own);
        changed = true;
      }
    }
    const dropped = []; // { uid, field, key }
    const out = {};
    const origin = {};
    const article = state.records.find((r) => r.uid === 'article');
    for (const name of Object.keys(state.doc)) out[name] = name === 'article' ? clone(article.data) : clone(state.doc[name]);
    for (const section of SECTIONS) {
      if (!(section.name in state.doc) && section.name !== 'countries') continue;
      out[section.name] = [];
      origin[section.name] = [];
    }
    for (const r of keyed) {
      if (r.decision === 'reject' || cascaded.has(r.uid) || !out[r.section]) continue;
      const data = clone(r.data);
      for (const [section, path, target, how] of REFERENCES) {
        if (section !== r.section || how === 'cascade') continue;
        const gone = (key) => key != null && rejected.has(ref(target, key));
        const [list, field] = path.split('.');
        if (field) {
          if (!Array.isArray(data[list])) continue;
          data[list] = data[list].filter((entry) => {
            if (!gone(entry[field])) return true;
            dropped.push({ uid: r.uid, field: path, key: entry[field] });
            if (how === 'entry') return false;
            entry[field] = null;
            return true;
          });
        } else if (how === 'filter' && Array.isArray(data[list])) {
          for (const key of data[list].filter(gone)) dropped.push({ uid: r.uid, field: list, key });
          data[list] = data[list].filter((key) => !gone(key));
        } else if (gone(data[list])) {
          dropped.push({ uid: r.uid, field: list, key: data[list] });
          data[list] = null;
        }
      }
      out[r.section].push(data);
      origin[r.section].push(r.uid);
    }
    return { document: out, origin, cascaded, dropped };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Import, and the errors it reports mapped back onto the records and quotes they concern.
  async function importDocument() {
    if (state.mode !== 'draft') return;
    if (!$('key').value.trim()) return setStatus('Importing needs an editor API key.', 'bad');
    const { document: doc, origin } = buildDocument();
    setStatus('Importing…');
    state.errors = [];
    try {
      const { articleImport: payload } = await gql(IMPORT, { document: doc });
      if (payload.userErrors.length > 0) {
        state.errors = payload.userErrors.map((e) => placeError(e, origin));
        setStatus(`The import was refused: ${payload.userErrors.length} problem(s), marked below. Nothing was written.`, 'bad');
      } else {
        showImported(payload);
        setStatus(`Imported: ${payload.status}.`, 'ok');
      }
    } catch (error) {
      // Variable coercion errors name the field as `at "document.events[2].kind"`.
      state.errors = (error.graphqlErrors || []).map((e) => {
        const at = /at "document((?:\.\w+|\[\d+\])*)"/.exec(e.message);
        const path = at ? ['input', ...at[1].split(/[.[\]]+/).filter(Boolean)] : [];
        return placeError({ path, message: e.message, code: (e.extensions && e.extensions.code) || 'ERROR' }, origin);
      });
      setStatus(`The import failed: ${error.message}`, 'bad');
    }
    render();
  }

  /** ["input", "events", "2", "evidence", "0", "quote"] -> the record sent as events[2], its quote 0. */
  function placeError(error, origin) {
    const path = (error.path || []).map(String);
    const at = path[0] === 'input' ? 1 : 0;
    const placed = { uid: null, evidence: null, field: null, within: '', code: error.code, message: error.message, path };
    if (path[at] === 'article') return { ...placed, uid: 'article', field: path[at + 1] || null, within: path.slice(at + 1).join('.') };
    const uids = origin[path[at]];
    if (!uids || !/^\d+$/.test(path[at + 1] || '')) return placed;
    placed.uid = uids[Number(path[at + 1])] || null;
    placed.field = path[at + 2] || null;
    placed.within = path.slice(at + 2).join('.');
    if (placed.field === 'evidence' && /^\d+$/.test(path[at + 3] || '')) placed.evidence = Number(path[at + 3]);
    return placed;
  }

  function showImported(payload) {
    const { article } = payload;
    const changes = payload.changes.filter((c) => c.created + c.updated + c.deleted > 0).map((c) => `${c.entity}: +${c.created} ~${c.updated} −${c.deleted}`);
    $('result-panel').replaceChildren(
      h('h3', null, `Imported (${payload.status})`),
      h('p', null, h('a', { id: 'imported-link', href: `review?article=${encodeURIComponent(article.id)}` }, article.title), ` · ${article.slug}`),
      h('p', { class: 'muted' }, changes.join('; ') || 'No changes.'),
    );
  }

  function download() {
    if (state.mode !== 'draft') return;
    const { document: doc } = buildDocument();
    const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
    const link = h('a', { href: URL.createObjectURL(blob), download: `${doc.article.slug || 'article'}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Quotes in the text: every span placed at its offsets (or found, when it occurs once), the text cut at every
  // span boundary into segments, each knowing which records and notes cite it.
  function place(evidence) {
    const quote = evidence && evidence.quote;
    if (typeof quote !== 'string' || quote === '') return null;
    const { start, end } = evidence;
    if (Number.isInteger(start) && Number.isInteger(end) && state.body.slice(start, end) === quote) return { start, end, how: 'exact' };
    const at = state.body.indexOf(quote);
    const given = start != null || end != null;
    if (at >= 0 && state.body.indexOf(quote, at + 1) < 0) return { start: at, end: at + quote.length, how: given ? 'moved' : 'found' };
    return null;
  }

  function spansOf() {
    const spans = [];
    for (const r of state.records) {
      (Array.isArray(r.data.evidence) ? r.data.evidence : []).forEach((evidence, index) => {
        const at = place(evidence);
        if (at && at.end > at.start) spans.push({ ...at, uid: r.uid, index });
      });
    }
    state.notes.forEach((note, index) => {
      if (Number.isInteger(note.start) && note.end > note.start) spans.push({ start: note.start, end: note.end, note: index });
    });
    return spans;
  }

  function segmentsOf(spans) {
    const cuts = new Set([0, state.body.length]);
    for (const s of spans) cuts.add(Math.max(0, Math.min(s.start, state.body.length))).add(Math.max(0, Math.min(s.end, state.body.length)));
    const points = [...cuts].sort((a, b) => a - b);
    const segments = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i];
      const end = points[i + 1];
      segments.push({ start, end, spans: spans.filter((s) => s.start <= start && s.end >= end) });
    }
    return segments;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Rendering: everything from the state, on every change (an article has at most a few hundred quotes).
  let byUid = new Map();
  const recordByUid = (uid) => byUid.get(uid);
  const errorsOf = (uid) => state.errors.filter((e) => e.uid === uid);
  const titleOf = (r) => (r.section === 'article' ? r.data.title || r.data.slug : SECTION.get(r.section).title(r.data)) || '(untitled)';

  function render() {
    byUid = new Map(state.records.map((r) => [r.uid, r]));
    const built = state.mode === 'draft' ? buildDocument() : { cascaded: new Map(), dropped: [] };
    document.body.classList.toggle('stored', state.mode === 'stored');
    document.body.classList.toggle('empty', state.mode === 'empty');
    $('import').disabled = state.mode !== 'draft';
    $('download').disabled = state.mode !== 'draft';
    renderHeading();
    renderText(built);
    renderRecords(built);
    renderRecordPanel(built);
    renderCitedPanel();
    renderErrors();
    const rejected = state.records.filter((r) => r.decision === 'reject').length;
    $('summary').textContent = state.mode === 'draft'
      ? `${state.records.length - 1} records · ${rejected} rejected · ${built.cascaded.size} rejected with them · ${built.dropped.length} references dropped`
      : '';
  }

  function renderHeading() {
    if (state.mode === 'empty') return $('doc-head').replaceChildren(h('p', { class: 'muted' }, 'Draft an article or open a document to start.'));
    const article = state.mode === 'stored' ? state.stored : recordByUid('article').data;
    const meta = [article.source, article.updatedOn, article.url].filter(Boolean).join(' · ');
    $('doc-head').replaceChildren(
      h('h2', { id: 'doc-title' }, article.title || article.slug || ''),
      h('p', { class: 'muted' }, state.mode === 'stored' ? `Stored article ${article.slug} (read-only)` : `Draft · slug ${article.slug || '(none)'}`, meta ? ` · ${meta}` : ''),
    );
  }

  function renderText(built) {
    const spans = spansOf();
    state.segments = segmentsOf(spans);
    const errorSpans = new Set(state.errors.filter((e) => e.uid).map((e) => `${e.uid}/${e.evidence == null ? '*' : e.evidence}`));
    const out = state.segments.map((segment, index) => {
      const text = state.body.slice(segment.start, segment.end);
      if (segment.spans.length === 0) return text;
      const cites = segment.spans.filter((s) => s.uid);
      const live = cites.filter((s) => { const r = recordByUid(s.uid); return r.decision !== 'reject' && !built.cascaded.has(s.uid); });
      // The innermost quote's record gives the colour; greyed when that record is rejected.
      const top = cites.slice().sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
      const classes = ['seg'];
      if (top) classes.push('hl', `t-${recordByUid(top.uid).section}`, `n${Math.min(cites.length, 3)}`);
      if (top && !live.includes(top)) classes.push('rej');
      if (segment.spans.some((s) => s.note != null)) classes.push('noted');
      if (cites.some((s) => errorSpans.has(`${s.uid}/${s.index}`) || errorSpans.has(`${s.uid}/*`))) classes.push('err');
      if (state.selected && cites.some((s) => s.uid === state.selected)) classes.push('em');
      if (state.segment === index) classes.push('picked');
      return h('span', { class: classes.join(' '), 'data-seg': String(index), tabindex: '0' }, text);
    });
    const container = $('text');
    container.classList.toggle('focus', Boolean(state.selected));
    container.replaceChildren(...out);
  }

  function renderRecords(built) {
    const groups = [];
    if (state.mode === 'draft') groups.push({ name: 'article', label: 'Article', records: [recordByUid('article')] });
    for (const section of SECTIONS) {
      const records = state.records.filter((r) => r.section === section.name);
      if (records.length > 0) groups.push({ name: section.name, label: section.label, records });
    }
    $('records').replaceChildren(...groups.map((group) => h('section', { class: `group t-${group.name}` },
      h('h3', null, h('span', { class: 'swatch' }), `${group.label} `, h('span', { class: 'count' }, String(group.records.length))),
      h('ul', null, group.records.map((r) => {
        const section = SECTION.get(r.section);
        const summary = section ? section.summary.filter((f) => r.data[f] != null && shown(r.data[f]) !== '').map((f) => `${f}: ${shown(r.data[f])}`).join(' · ') : r.data.slug;
        const classes = ['record', r.decision === 'reject' ? 'rejected' : '', built.cascaded.has(r.uid) ? 'cascaded' : '', r.edited ? 'edited' : '',
          errorsOf(r.uid).length > 0 ? 'has-error' : '', state.selected === r.uid ? 'selected' : ''].filter(Boolean).join(' ');
        return h('li', null, h('button', { type: 'button', class: classes, 'data-record': r.uid, onclick: () => select(r.uid) },
          h('span', { class: 'title' }, titleOf(r)),
          summary ? h('span', { class: 'summary' }, summary) : null,
          r.decision === 'reject' ? h('span', { class: 'tag' }, 'rejected') : built.cascaded.has(r.uid) ? h('span', { class: 'tag' }, 'rejected with it') : null,
          r.edited ? h('span', { class: 'tag' }, 'edited') : null,
          errorsOf(r.uid).length > 0 ? h('span', { class: 'tag bad' }, `${errorsOf(r.uid).length} error(s)`) : null));
      })))));
    if (state.notes.length > 0) {
      $('records').append(h('section', { class: 'group notes' }, h('h3', null, 'Drafting notes ', h('span', { class: 'count' }, String(state.notes.length))),
        h('ul', null, state.notes.map((note) => h('li', { class: 'note' },
          h('button', { type: 'button', class: 'record', onclick: () => pickNote(note) },
            h('span', { class: 'title' }, note.message),
            h('span', { class: 'summary' }, [note.section, note.key].filter(Boolean).join(' · '), note.quote ? ` · “${note.quote}”` : '')))))));
    }
  }

  function renderRecordPanel(built) {
    const panel = $('record-panel');
    const r = state.selected && recordByUid(state.selected);
    if (!r) return state.mode === 'empty' ? panel.replaceChildren() : panel.replaceChildren(h('p', { class: 'muted' }, 'Click a record, or a highlighted quote in the text.'));
    const section = SECTION.get(r.section);
    const editable = state.mode === 'draft';
    const evidence = Array.isArray(r.data.evidence) ? r.data.evidence : [];
    const parts = [
      h('h3', { class: `t-${r.section}` }, h('span', { class: 'swatch' }), section ? section.type : 'Article', ': ', titleOf(r)),
      h('p', { class: 'muted' }, r.section === 'article' ? 'The article itself: edit its slug, title or dates here (editing the body moves every quote).'
        : editable ? `key ${keyOf(r.section, r.data)}` : `id ${r.uid}`),
    ];
    if (built.cascaded.has(r.uid)) parts.push(h('p', { class: 'warn' }, `Rejected with another record: ${built.cascaded.get(r.uid)}.`));
    const drops = built.dropped.filter((d) => d.uid === r.uid);
    if (drops.length > 0) parts.push(h('p', { class: 'warn' }, `On import, drops ${drops.map((d) => `${d.field} ${d.key}`).join(', ')} (rejected).`));
    for (const e of errorsOf(r.uid)) parts.push(h('p', { class: 'error' }, `${e.code}${e.within ? ` at ${e.within}` : ''}: ${e.message}`));
    if (evidence.length > 0) {
      parts.push(h('h4', null, `Quotes (${evidence.length})`), h('ol', { class: 'quotes' }, evidence.map((item, index) => {
        const at = place(item);
        const bad = state.errors.some((e) => e.uid === r.uid && e.evidence === index);
        return h('li', { class: bad ? 'error' : '' }, `“${item.quote}”`, h('span', { class: 'muted' },
          ` ${(item.facts || []).join(', ') || 'attests the record'} · `, at ? (at.how === 'moved' ? 'found elsewhere than its offsets' : `${at.start}–${at.end}`) : 'not found in the text'));
      })));
    }
    if (editable && r.section !== 'article') {
      parts.push(h('fieldset', { class: 'decision' }, h('legend', null, 'Decision'),
        ['accept', 'reject'].map((value) => h('label', null, h('input', { type: 'radio', name: 'decision', value, checked: r.decision === value,
          onchange: () => { r.decision = value; render(); } }), value === 'accept' ? ' Accept' : ' Reject'))));
    }
    if (editable) {
      const quick = r.section === 'article' ? ['title', 'slug', 'updatedOn'] : section.quick;
      parts.push(h('div', { class: 'quick' }, quick.map((field) => h('label', null, field, h('input', {
        type: 'text', 'data-field': field, value: r.data[field] == null ? '' : String(r.data[field]),
        placeholder: DATE_FIELDS.has(field) || field === 'updatedOn' ? 'YYYY-MM-DD, YYYY-MM or YYYY' : '',
        oninput: (event) => {
          const value = event.target.value.trim();
          r.data[field] = value === '' && (DATE_FIELDS.has(field) || field === 'updatedOn') ? null : value;
          r.edited = true;
          $('record-json').value = JSON.stringify(r.data, null, 2);
          renderRecords(buildDocument());
          renderHeading();
        } })))));
      parts.push(h('label', { class: 'json' }, 'The record as JSON', h('textarea', { id: 'record-json', spellcheck: 'false', rows: '14' }, JSON.stringify(r.data, null, 2))),
        h('p', null, h('button', { type: 'button', id: 'record-apply', onclick: () => applyJson(r) }, 'Apply JSON'), ' ', h('span', { id: 'record-message', class: 'muted' })));
    } else {
      parts.push(h('pre', { class: 'json' }, JSON.stringify(r.data, null, 2)));
    }
    panel.replaceChildren(...parts);
  }

  function applyJson(r) {
    let data;
    try {
      data = JSON.parse($('record-json').value);
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('a record is a JSON object');
    } catch (error) {
      $('record-message').textContent = `Not applied: ${error.message}`;
      return;
    }
    r.data = data;
    r.edited = true;
    if (r.section === 'article' && typeof data.body === 'string') state.body = data.body;
    render();
    $('record-message').textContent = 'Applied.';
  }

  function renderCitedPanel() {
    const panel = $('cited-panel');
    const segment = state.segment == null ? null : state.segments[state.segment];
    if (!segment) return panel.replaceChildren();
    const seen = new Set();
    const items = [];
    for (const s of segment.spans) {
      if (s.note != null) {
        const note = state.notes[s.note];
        items.push(h('li', { class: 'note' }, h('strong', null, 'Note: '), note.message));
      } else if (!seen.has(s.uid)) {
        seen.add(s.uid);
        const r = recordByUid(s.uid);
        const facts = segment.spans.filter((x) => x.uid === s.uid).flatMap((x) => r.data.evidence[x.index].facts || []);
        items.push(h('li', null, h('button', { type: 'button', class: `record cite t-${r.section}`, 'data-record': r.uid, onclick: () => select(r.uid) },
          h('span', { class: 'swatch' }), h('span', { class: 'title' }, `${(SECTION.get(r.section) || { type: 'Article' }).type}: ${titleOf(r)}`),
          h('span', { class: 'summary' }, facts.length > 0 ? `supports ${[...new Set(facts)].join(', ')}` : 'attests the record'))));
      }
    }
    panel.replaceChildren(h('h3', null, `Cited by (${seen.size})`), h('p', { class: 'muted quote' }, `“${state.body.slice(segment.start, segment.end)}”`), h('ul', { id: 'cited-by' }, items));
  }

  function renderErrors() {
    const panel = $('errors-panel');
    if (state.errors.length === 0) return panel.replaceChildren();
    panel.replaceChildren(h('h3', null, `Problems (${state.errors.length})`), h('ul', null, state.errors.map((e) => {
      const r = e.uid && recordByUid(e.uid);
      const where = r ? `${(SECTION.get(r.section) || { type: 'Article' }).type} “${titleOf(r)}”${e.evidence != null ? `, quote ${e.evidence + 1}` : ''}` : e.path.join('.') || 'document';
      return h('li', { class: 'error' }, r ? h('button', { type: 'button', class: 'link', onclick: () => select(r.uid) }, where) : where, ` · ${e.code}: ${e.message}`);
    })));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Interaction.
  function select(uid) {
    state.selected = uid;
    render();
    const first = document.querySelector('#text .seg.em');
    if (first) first.scrollIntoView({ block: 'nearest' });
  }

  function pickNote(note) {
    const r = note.key && state.records.find((x) => x.section === note.section && keyOf(x.section, x.data) === note.key);
    if (r) return select(r.uid);
    const index = state.segments.findIndex((s) => s.start >= note.start && s.end <= note.end);
    if (index >= 0) pickSegment(index);
  }

  function pickTarget(event) {
    const seg = event.target.closest('.seg');
    if (!seg) return;
    event.preventDefault();
    pickSegment(Number(seg.dataset.seg));
  }

  function pickSegment(index) {
    state.segment = index;
    renderCitedPanel();
    for (const el of document.querySelectorAll('#text .picked')) el.classList.remove('picked');
    const el = document.querySelector(`#text [data-seg="${index}"]`);
    if (el) el.classList.add('picked');
  }

  async function readFile(input) {
    const file = input.files && input.files[0];
    input.value = '';
    return file ? { name: file.name, text: await file.text() } : null;
  }

  function layout() {
    const field = (label, control) => h('label', null, label, control);
    document.getElementById('app').replaceChildren(
      h('header', null,
        h('h1', null, 'Evidence review'),
        h('label', { class: 'key' }, 'Editor API key ', h('input', { id: 'key', type: 'password', autocomplete: 'off', placeholder: 'dg_…',
          value: sessionStorage.getItem(KEY_STORAGE) || '', oninput: (e) => sessionStorage.setItem(KEY_STORAGE, e.target.value) })),
        h('button', { type: 'button', id: 'import', onclick: importDocument }, 'Import'),
        h('button', { type: 'button', id: 'download', onclick: download }, 'Download JSON'),
        h('span', { id: 'summary', class: 'muted' })),
      h('p', { id: 'status', role: 'status' }),
      h('details', { id: 'sources', open: true }, h('summary', null, 'Draft an article, or open a document'),
        h('div', { class: 'sources' },
          h('form', { id: 'draft-form', onsubmit: (e) => { e.preventDefault(); draft(); } },
            h('h3', null, 'Draft from an article'),
            field('Title', h('input', { id: 'draft-title', required: true })),
            field('Body', h('textarea', { id: 'draft-body', rows: '8', required: true })),
            h('div', { class: 'row' }, field('URL (optional)', h('input', { id: 'draft-url', type: 'url' })), field('Published (optional)', h('input', { id: 'draft-date', type: 'date' }))),
            field('…or a .txt file', h('input', { id: 'draft-file', type: 'file', accept: '.txt,text/plain', onchange: async (e) => {
              const file = await readFile(e.target);
              if (!file) return;
              $('draft-body').value = file.text;
              if (!$('draft-title').value.trim()) $('draft-title').value = (file.text.split('\n').find((line) => line.trim()) || file.name).trim();
            } })),
            h('button', { type: 'submit', id: 'draft-button' }, 'Draft')),
          h('form', { id: 'open-form', onsubmit: (e) => { e.preventDefault(); openJson($('doc-text').value); } },
            h('h3', null, 'Open an import document'),
            field('A .json file', h('input', { id: 'doc-file', type: 'file', accept: '.json,application/json', onchange: async (e) => {
              const file = await readFile(e.target);
              if (file) openJson(file.text);
            } })),
            field('…or paste it', h('textarea', { id: 'doc-text', rows: '8', spellcheck: 'false' })),
            h('button', { type: 'submit', id: 'doc-open' }, 'Open')))),
      h('main', { class: 'layout' },
        h('nav', { id: 'records', 'aria-label': 'Records' }),
        h('article', { id: 'doc' }, h('div', { id: 'doc-head' }), h('div', { id: 'text', onclick: pickTarget, onkeydown: (e) => {
          if (e.key === 'Enter' || e.key === ' ') pickTarget(e);
        } })),
        h('aside', { id: 'side' }, h('section', { id: 'result-panel' }), h('section', { id: 'errors-panel' }), h('section', { id: 'record-panel' }), h('section', { id: 'cited-panel' }))));
    $('app').hidden = false;
  }

  layout();
  render();
  const article = new URLSearchParams(window.location.search).get('article');
  if (article) loadStored(article);
})();
