/**
 * The inspector page's script, sent inline and allowed by the page's CSP through its hash.
 * Plain browser JavaScript (no build step, no external assets). Everything taken from the
 * API reaches the DOM through textContent / setAttribute, never innerHTML.
 *
 * Storage:
 * - sessionStorage: the access token, the signed-in name, the last task list and task
 *   details (shown, marked stale, when the network is down);
 * - localStorage: a draft per task and line (`hazeops.inspector.draft:<task>:<line>`),
 *   saved as the inspector types, restored on load, removed after a successful submit.
 *   Photos are not kept in drafts (they would not fit localStorage): a restored draft says
 *   how many photos had been chosen and that they must be chosen again.
 *
 * Keep this text free of backticks and dollar-brace: it lives in a template literal.
 */
export const INSPECTOR_CLIENT_JS = `
(function () {
  'use strict';
  var CFG = JSON.parse(document.getElementById('inspector-config').textContent);
  var TZ = CFG.timezone;
  var API = 'api/v1/';
  var TOKEN_KEY = 'hazeops.inspector.token';
  var USER_KEY = 'hazeops.inspector.user';
  var CACHE_PREFIX = 'hazeops.inspector.cache:';
  var DRAFT_PREFIX = 'hazeops.inspector.draft:';
  var KIND = { random: '随机抽查', targeted: '定向核查', power: '用电异常' };
  var STATUS = { open: '待核查', done: '已核查' };
  var STATES = [['running', '生产中'], ['stopped', '已停产'], ['banked', '保温焖炉'], ['reduced', '降负荷']];
  var STATE_TEXT = {};
  STATES.forEach(function (s) { STATE_TEXT[s[0]] = s[1]; });
  var VERDICT = { violation: '违规', compliant: '合规' };
  var CODE_TEXT = {
    INVALID_CREDENTIALS: '用户名或密码错误',
    TOO_MANY_ATTEMPTS: '尝试次数过多，请稍后再试',
    UNAUTHENTICATED: '登录已过期，请重新登录',
    FORBIDDEN: '当前账号无权执行此操作',
    NOT_FOUND: '未找到（可能已撤销或属于其他督导组）',
    INVALID_INPUT: '填写内容有误',
    UNPROCESSABLE: '填写内容有误',
    CONFLICT: '与已有记录冲突',
    PAYLOAD_TOO_LARGE: '文件过大',
    UNSUPPORTED_MEDIA_TYPE: '文件格式不支持',
    INTERNAL: '服务器内部错误'
  };
  var DRAFT_OFFLINE = '网络中断，已保存草稿，恢复网络后请重新提交';

  function $(id) { return document.getElementById(id); }

  // ---- storage (private browsing may refuse it: the page still works, without drafts)
  function sget(store, key) { try { return store.getItem(key); } catch (e) { return null; } }
  function sset(store, key, value) { try { store.setItem(key, value); return true; } catch (e) { return false; } }
  function sdel(store, key) { try { store.removeItem(key); } catch (e) { /* ignore */ } }
  function cacheSet(key, value) { sset(sessionStorage, CACHE_PREFIX + key, JSON.stringify(value)); }
  function cacheGet(key) { var t = sget(sessionStorage, CACHE_PREFIX + key); if (!t) return null; try { return JSON.parse(t); } catch (e) { return null; } }
  function draftKey(taskId, lineCode) { return DRAFT_PREFIX + taskId + ':' + lineCode; }
  function loadDraft(taskId, lineCode) { var t = sget(localStorage, draftKey(taskId, lineCode)); if (!t) return null; try { var d = JSON.parse(t); return d && typeof d === 'object' ? d : null; } catch (e) { return null; } }

  // ---- DOM: text only
  function h(tag, props, children) {
    var node = document.createElement(tag);
    if (props) Object.keys(props).forEach(function (k) {
      var v = props[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'class') node.className = String(v);
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function fill(node, children) { node.replaceChildren.apply(node, children.filter(function (c) { return c; })); }
  function reveal(node) { if (node.scrollIntoView) node.scrollIntoView({ block: 'nearest' }); }
  function notice(tone, lines) {
    return h('div', { class: 'notice ' + tone, role: tone === 'error' ? 'alert' : 'status' }, lines.filter(Boolean).map(function (t, i) {
      return typeof t === 'string' ? h(i === 0 ? 'strong' : 'div', { text: t }) : t;
    }));
  }
  function facts(rows) {
    return h('table', { class: 'facts' }, rows.map(function (r) {
      return h('tr', null, [h('th', { scope: 'row', text: r[0] }), h('td', { text: r[1] === null || r[1] === undefined || r[1] === '' ? '—' : String(r[1]) })]);
    }));
  }

  // ---- time in the city's zone, whatever the phone's zone
  var fmt = new Intl.DateTimeFormat('en-US', { timeZone: TZ, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  function partsAt(ms) {
    var o = {};
    fmt.formatToParts(new Date(ms)).forEach(function (p) { if (p.type !== 'literal') o[p.type] = Number(p.value); });
    if (o.hour === 24) o.hour = 0;
    return o;
  }
  function pad(n) { return String(n).padStart(2, '0'); }
  function localText(iso) {
    var ms = Date.parse(iso);
    if (isNaN(ms)) return String(iso);
    var p = partsAt(ms);
    return p.year + '年' + p.month + '月' + p.day + '日 ' + pad(p.hour) + ':' + pad(p.minute);
  }
  function localInputValue(ms) { var p = partsAt(ms); return p.year + '-' + pad(p.month) + '-' + pad(p.day) + 'T' + pad(p.hour) + ':' + pad(p.minute); }
  function offsetMinutes(ms) {
    var p = partsAt(ms);
    return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000) / 60000);
  }
  /** A datetime-local value read in the city's zone, as ISO with its offset (e.g. +08:00). */
  function inputToIso(value) {
    var m = /^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2}))?$/.exec(value || '');
    if (!m) return null;
    var naive = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    var off = offsetMinutes(naive);
    off = offsetMinutes(naive - off * 60000);
    var a = Math.abs(off);
    return m[1] + '-' + m[2] + '-' + m[3] + 'T' + m[4] + ':' + m[5] + ':' + (m[6] || '00') + (off < 0 ? '-' : '+') + pad(Math.floor(a / 60)) + ':' + pad(a % 60);
  }

  // ---- order wording (as in the order e-mails and the acknowledgement page)
  function pct(n) { return (Number.isInteger(n) ? String(n) : Number(n).toFixed(2).replace(/\\.?0+$/, '')) + '%'; }
  function requirement(l) {
    var parts = [];
    if (l.action === 'stop') parts.push(l.stoppedCells > 0 ? '停产（全部' + l.stoppedCells + '个电解槽）' : '停产');
    else if (l.action === 'limit') {
      if (l.stoppedCells > 0) parts.push('停' + l.stoppedCells + '个电解槽');
      if (l.maxLoadPercent !== null && l.maxLoadPercent !== undefined) parts.push('限产至' + pct(l.maxLoadPercent));
      if (!parts.length) parts.push('限产');
    } else parts.push(l.maxLoadPercent !== null && l.maxLoadPercent !== undefined ? '正常生产（负荷不超过' + pct(l.maxLoadPercent) + '）' : '正常生产');
    if (l.noKilnBanking) parts.push('禁止保温焖炉');
    return parts.join('；');
  }
  function clause(c) {
    c = String(c || '').trim();
    var m = /^(\\d+)$/.exec(c);
    if (m) return '「第' + m[1] + '条」';
    m = /^(\\d+)\\s*[(（](\\d+)[)）]$/.exec(c);
    if (m) return '「第' + m[1] + '条第（' + m[2] + '）项」';
    return c ? '「' + c + '」' : '';
  }
  function reasonsText(rs) {
    var seen = {};
    var out = [];
    (rs || []).forEach(function (r) { var s = (r.text || r.rule || '') + clause(r.clause); if (!seen[s]) { seen[s] = true; out.push(s); } });
    return out;
  }
  function lineLabel(l) { return l.name && l.name !== l.code ? l.name + '（' + l.code + '）' : l.code; }
  function yuan(n) { return '¥' + String(Math.round(Number(n))).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ','); }
  function levelName(k) { return !k || k === 'none' ? '无' : CFG.levels[k] || k; }
  function phaseName(k) { return !k || k === 'before' || k === 'after' ? '无' : CFG.phases[k] || k; }

  // ---- API
  function NetworkError() { this.name = 'NetworkError'; this.message = '网络不可用'; }
  NetworkError.prototype = Object.create(Error.prototype);
  function ApiError(status, body) {
    this.name = 'ApiError';
    this.status = status;
    this.code = (body && body.code) || 'HTTP_' + status;
    this.message = (body && body.message) || '';
    this.details = body && body.details;
  }
  ApiError.prototype = Object.create(Error.prototype);

  async function api(method, path, body, type) {
    var token = sget(sessionStorage, TOKEN_KEY);
    var headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    var init = { method: method, headers: headers, cache: 'no-store', credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = type || 'application/json';
      init.body = type ? body : JSON.stringify(body);
    }
    var res, text;
    try {
      res = await fetch(API + path, init);
      text = await res.text();
    } catch (e) {
      throw new NetworkError();
    }
    var data = null;
    if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
    if (!res.ok) {
      var err = new ApiError(res.status, data && data.error);
      if (res.status === 401 && token) signedOut('登录已过期，请重新登录。已填写的内容保存在草稿中。');
      throw err;
    }
    return data;
  }
  function errorLines(e, what) {
    if (e instanceof NetworkError) return [what + '：网络不可用，请检查网络后重试'];
    if (e instanceof ApiError) {
      var lines = [what + '：' + (CODE_TEXT[e.code] || '请求失败（' + e.status + '）')];
      if (e.message) lines.push(e.message + '（' + e.code + '）');
      if (Array.isArray(e.details)) e.details.slice(0, 10).forEach(function (d) {
        if (d && typeof d === 'object') lines.push((d.field ? d.field + '：' : '') + (d.message || ''));
        else lines.push(String(d));
      });
      return lines;
    }
    return [what + '：' + (e && e.message ? e.message : String(e))];
  }

  // ---- views
  var gen = 0;
  function show(name) {
    ['login', 'tasks', 'task'].forEach(function (v) { $('view-' + v).hidden = v !== name; });
    $('bar').hidden = name === 'login';
    $('who').textContent = '当前账号：' + (sget(sessionStorage, USER_KEY) || '');
  }
  function signedOut(message) {
    sdel(sessionStorage, TOKEN_KEY);
    gen++;
    show('login');
    fill($('login-msg'), message ? [notice('warn', [message])] : []);
  }
  function route() {
    if (!sget(sessionStorage, TOKEN_KEY)) { gen++; show('login'); return; }
    var m = /^#\\/task\\/([^/?#]{1,100})$/.exec(location.hash);
    if (m) showTask(decodeURIComponent(m[1]));
    else showTasks();
  }

  $('login-form').addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var user = $('login-username').value.trim();
    var pass = $('login-password').value;
    var msg = $('login-msg');
    if (!user || !pass) { fill(msg, [notice('error', ['请输入用户名和密码'])]); return; }
    var btn = $('login-submit');
    btn.disabled = true;
    btn.textContent = '正在登录…';
    fill(msg, []);
    try {
      var r = await api('POST', 'auth/login', { username: user, password: pass });
      if (!r || typeof r.accessToken !== 'string') throw new ApiError(502, { code: 'BAD_RESPONSE', message: 'no accessToken in the answer' });
      sset(sessionStorage, TOKEN_KEY, r.accessToken);
      sset(sessionStorage, USER_KEY, user);
      $('login-password').value = '';
      if (/^#\\/task\\//.test(location.hash) || location.hash === '#/tasks') route();
      else location.hash = '#/tasks';
    } catch (e) {
      fill(msg, [notice('error', errorLines(e, '登录失败'))]);
    } finally {
      btn.disabled = false;
      btn.textContent = '登录';
    }
  });
  $('logout').addEventListener('click', function () {
    sdel(sessionStorage, USER_KEY);
    Object.keys(sessionStorage).forEach(function (k) { if (k.indexOf(CACHE_PREFIX) === 0) sdel(sessionStorage, k); });
    signedOut('已退出登录。');
    history.replaceState(null, '', location.pathname + location.search);
  });
  $('refresh').addEventListener('click', function () { showTasks(); });

  async function loadOrCache(path, cacheKey, my) {
    try {
      var data = await api('GET', path);
      cacheSet(cacheKey, data);
      return { data: data, stale: false };
    } catch (e) {
      if (my !== gen) return null;
      var cached = e instanceof NetworkError ? cacheGet(cacheKey) : null;
      if (cached) return { data: cached, stale: true };
      throw e;
    }
  }

  async function showTasks() {
    show('tasks');
    var my = ++gen;
    var list = $('task-list');
    var msg = $('tasks-msg');
    fill(msg, []);
    fill(list, [h('li', { class: 'muted', text: '正在加载任务…' })]);
    var got;
    try { got = await loadOrCache('tasks', 'tasks', my); } catch (e) {
      if (my !== gen) return;
      fill(list, []);
      fill(msg, [notice('error', errorLines(e, '任务加载失败'))]);
      return;
    }
    if (!got || my !== gen) return;
    if (got.stale) fill(msg, [notice('warn', ['网络不可用，显示的是上次加载的任务列表'])]);
    var tasks = Array.isArray(got.data) ? got.data : [];
    if (!tasks.length) { fill(list, [h('li', { class: 'muted', text: '暂无核查任务' })]); return; }
    fill(list, tasks.map(taskItem));
  }
  function taskItem(t) {
    var kind = KIND[t.kind] ? t.kind : 'other';
    return h('li', null, [h('a', { class: 'task' + (t.status === 'done' ? ' done' : ''), href: '#/task/' + encodeURIComponent(t.id), 'data-task': t.id }, [
      h('span', { class: 'badge kind-' + kind, text: KIND[t.kind] || t.kind }),
      h('span', { class: 'badge', text: STATUS[t.status] || t.status }),
      h('span', { class: 'tname', text: t.enterpriseName }),
      h('span', { class: 'tmeta', text: t.county + ' · ' + t.enterpriseCode }),
      t.reason ? h('span', { class: 'tmeta', text: '原因：' + t.reason }) : null,
      h('span', { class: 'tmeta', text: '下达时间：' + localText(t.createdAt) })
    ])]);
  }

  async function showTask(id) {
    show('task');
    var my = ++gen;
    var root = $('task-body');
    var msg = $('task-msg');
    fill(msg, []);
    fill(root, [h('p', { class: 'muted', text: '正在加载…' })]);
    var got;
    try { got = await loadOrCache('tasks/' + encodeURIComponent(id), 'task:' + id, my); } catch (e) {
      if (my !== gen) return;
      fill(root, []);
      fill(msg, [notice('error', errorLines(e, '任务加载失败'))]);
      return;
    }
    if (!got || my !== gen) return;
    if (got.stale) fill(msg, [notice('warn', ['网络不可用，显示的是上次加载的内容', '填写的内容会自动保存为草稿，恢复网络后再提交。'])]);
    renderTask(id, got.data, root);
  }

  function mergeLines(entLines, orderLines) {
    var out = [];
    var byCode = {};
    (entLines || []).forEach(function (l) { var x = { code: l.code, name: l.name, capacity: l.capacity, unit: l.unit, order: null }; byCode[l.code] = x; out.push(x); });
    (orderLines || []).forEach(function (ol) {
      if (byCode[ol.code]) byCode[ol.code].order = ol;
      else { var x = { code: ol.code, name: ol.name || ol.code, capacity: null, unit: null, order: ol }; byCode[ol.code] = x; out.push(x); }
    });
    return out;
  }

  function renderTask(taskId, d, root) {
    var t = d.task || {};
    var ent = d.enterprise || {};
    var order = d.order;
    var findings = Array.isArray(d.findings) ? d.findings : [];
    var parts = [
      h('h2', { text: ent.name || t.enterpriseName }),
      h('div', { class: 'box' }, [facts([
        ['统一社会信用代码', ent.code || t.enterpriseCode],
        ['所属县区', ent.county || t.county],
        ['任务类型', KIND[t.kind] || t.kind],
        ['核查原因', t.reason],
        ['任务状态', STATUS[t.status] || t.status]
      ])])
    ];
    if (!order) parts.push(notice('info', ['该企业当前没有生效的调控指令', '各生产线可正常生产；发现异常请在说明中记录。']));
    else parts.push(h('div', { class: 'box' }, [facts([
      ['管控级别', levelName(order.level)],
      ['错峰阶段', phaseName(order.phase)],
      ['指令版本', '第' + order.modification + '版']
    ])]));
    parts.push(h('h2', { text: '各生产线核查' }));
    var lines = mergeLines(ent.lines, order ? order.lines : []);
    if (!lines.length) parts.push(h('p', { class: 'muted', text: '（本企业无登记生产线）' }));
    lines.forEach(function (l, i) {
      parts.push(lineSection(taskId, l, i, findings.filter(function (f) { return f.lineCode === l.code; })));
    });
    fill(root, parts);
  }

  function findingItem(f) {
    return h('li', { 'data-finding': f.id }, [
      h('span', { class: 'badge ' + (f.verdict === 'violation' ? 'violation' : 'compliant'), text: VERDICT[f.verdict] || f.verdict }),
      (STATE_TEXT[f.observedState] || f.observedState) + ' · ' + localText(f.observedAt),
      f.reason ? h('div', { class: 'muted', text: f.reason }) : null
    ]);
  }

  function lineSection(taskId, line, idx, findings) {
    var ol = line.order;
    var action = ol && (ol.action === 'stop' || ol.action === 'limit') ? ol.action : 'run';
    var pre = 'l' + idx + '-';
    var capacity = line.capacity ? '产能 ' + line.capacity + (line.unit ? ' ' + line.unit : '') : null;
    var list = h('ul', { class: 'findings' }, findings.map(findingItem));
    var listWrap = h('div', { hidden: !findings.length }, [h('h3', { text: '已提交的核查记录' }), list]);
    var form = buildForm(taskId, line, pre, function (f) { list.appendChild(findingItem(f)); listWrap.hidden = false; });
    return h('section', { class: 'card ' + action, 'data-line': line.code }, [
      h('p', { class: 'name', text: lineLabel(line) }),
      capacity ? h('p', { class: 'basis', text: capacity }) : null,
      h('p', { class: 'req', text: ol ? '指令要求：' + requirement(ol) : '无调控要求（正常生产）' })
    ].concat(ol ? reasonsText(ol.reasons).map(function (r) { return h('p', { class: 'basis', text: '依据：' + r }); }) : [], [listWrap, form]));
  }

  function buildForm(taskId, line, pre, onFinding) {
    var ev = CFG.evidence;
    var choices = h('div', { class: 'choices' }, STATES.map(function (s) {
      return h('label', { class: 'choice', for: pre + s[0] }, [h('input', { type: 'radio', name: 'observedState', value: s[0], id: pre + s[0] }), h('span', { text: s[1] })]);
    }));
    var load = h('input', { type: 'number', id: pre + 'load', name: 'loadPercent', min: '0', max: '100', step: 'any', inputmode: 'decimal' });
    var loadWrap = h('div', { hidden: true }, [h('label', { for: pre + 'load', text: '实际负荷（%，相对设计产能）' }), load]);
    var at = h('input', { type: 'datetime-local', id: pre + 'at', name: 'observedAt', value: localInputValue(Date.now()), required: true });
    var power = h('input', { type: 'number', id: pre + 'power', name: 'powerKw', min: '0', step: 'any', inputmode: 'decimal', placeholder: '可不填' });
    var notes = h('textarea', { id: pre + 'notes', name: 'notes', rows: '3', maxlength: '2000', placeholder: '可不填' });
    var lat = h('input', { type: 'hidden', name: 'lat' });
    var lng = h('input', { type: 'hidden', name: 'lng' });
    var where = h('span', { class: 'where', text: '未记录位置' });
    var geoBtn = h('button', { type: 'button', class: 'secondary', text: '获取当前位置' });
    var geoClear = h('button', { type: 'button', class: 'plain', text: '清除', hidden: true });
    var photos = h('input', { type: 'file', id: pre + 'photos', name: 'photos', accept: 'image/*', capture: 'environment', multiple: true });
    var thumbs = h('div', { class: 'thumbs' });
    var result = h('div', { class: 'result', 'aria-live': 'polite' });
    var draftNote = h('div', { class: 'draft-note' });
    var submit = h('button', { type: 'submit', class: 'submit', text: '提交核查结果' });
    var form = h('form', { class: 'finding', method: 'post', novalidate: true, 'data-line': line.code }, [
      draftNote,
      h('fieldset', null, [h('legend', { text: '现场状态' }), choices]),
      loadWrap,
      h('label', { for: pre + 'at', text: '核查时间（当地时间）' }), at,
      h('label', { for: pre + 'power', text: '电表读数（kW，可选）' }), power,
      h('label', { for: pre + 'notes', text: '现场情况说明（可选）' }), notes,
      h('label', { text: '位置（可选）' }), h('div', { class: 'geo' }, [geoBtn, where, geoClear]), lat, lng,
      h('label', { for: pre + 'photos', text: '现场照片（可选，最多' + ev.maxPhotosPerFinding + '张，每张不超过' + Math.floor(ev.maxBytes / 1048576) + ' MB）' }), photos, thumbs,
      submit,
      result
    ]);
    var key = draftKey(taskId, line.code);

    function state() { var c = form.querySelector('input[name=observedState]:checked'); return c ? c.value : ''; }
    function syncLoad() { loadWrap.hidden = state() !== 'reduced'; }
    function showWhere() {
      var has = lat.value !== '' && lng.value !== '';
      where.textContent = has ? '纬度 ' + lat.value + '，经度 ' + lng.value : '未记录位置';
      geoClear.hidden = !has;
    }
    function fields() {
      return { observedState: state(), loadPercent: load.value, observedAt: at.value, powerKw: power.value, notes: notes.value, lat: lat.value, lng: lng.value, photos: photos.files ? photos.files.length : 0, savedAt: Date.now() };
    }
    function saveDraft() { return sset(localStorage, key, JSON.stringify(fields())); }
    function restore(d) {
      form.querySelectorAll('input[name=observedState]').forEach(function (r) { r.checked = r.value === d.observedState; });
      load.value = d.loadPercent || '';
      if (d.observedAt) at.value = d.observedAt;
      power.value = d.powerKw || '';
      notes.value = d.notes || '';
      lat.value = d.lat || '';
      lng.value = d.lng || '';
      syncLoad();
      showWhere();
    }
    function showThumbs() {
      thumbs.querySelectorAll('img').forEach(function (img) { URL.revokeObjectURL(img.src); });
      fill(thumbs, Array.prototype.slice.call(photos.files || [], 0, 12).map(function (f) {
        return /^image\\//.test(f.type) ? h('img', { src: URL.createObjectURL(f), alt: f.name }) : h('span', { class: 'muted', text: f.name });
      }));
    }
    function resetForm() {
      form.reset();
      at.value = localInputValue(Date.now());
      lat.value = '';
      lng.value = '';
      syncLoad();
      showWhere();
      showThumbs();
    }

    var draft = loadDraft(taskId, line.code);
    if (draft) {
      restore(draft);
      fill(draftNote, [notice('info', [
        '已恢复未提交的草稿' + (draft.savedAt ? '（保存于 ' + localText(new Date(draft.savedAt).toISOString()) + '）' : ''),
        draft.photos > 0 ? '草稿不保存照片：之前选择的 ' + draft.photos + ' 张照片请重新选择。' : null,
        '核对后请提交。'
      ])]);
    }

    form.addEventListener('input', saveDraft);
    form.addEventListener('change', function (e) {
      if (e.target === photos) showThumbs();
      syncLoad();
      saveDraft();
    });
    geoBtn.addEventListener('click', function () {
      if (!navigator.geolocation) { where.textContent = '此浏览器不支持定位'; return; }
      if (!window.isSecureContext) { where.textContent = '定位需通过 HTTPS 访问本页面'; return; }
      where.textContent = '正在定位…';
      navigator.geolocation.getCurrentPosition(function (p) {
        lat.value = p.coords.latitude.toFixed(6);
        lng.value = p.coords.longitude.toFixed(6);
        showWhere();
        if (p.coords.accuracy) where.textContent += '（精度约 ' + Math.round(p.coords.accuracy) + ' 米）';
        saveDraft();
      }, function (err) {
        where.textContent = '无法获取位置：' + (err.code === 1 ? '未授权定位' : err.code === 3 ? '定位超时' : '定位失败');
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
    });
    geoClear.addEventListener('click', function () { lat.value = ''; lng.value = ''; showWhere(); saveDraft(); });

    function validate(v, files) {
      var problems = [];
      if (!v.observedState) problems.push('请选择现场状态');
      var lp = Number(v.loadPercent);
      if (v.observedState === 'reduced' && (v.loadPercent === '' || !(lp >= 0 && lp <= 100))) problems.push('请填写实际负荷（0–100%）');
      if (!inputToIso(v.observedAt)) problems.push('请填写核查时间');
      if (v.powerKw !== '' && !(Number(v.powerKw) >= 0)) problems.push('电表读数应为不小于 0 的数字');
      if (files.length > ev.maxPhotosPerFinding) problems.push('照片最多 ' + ev.maxPhotosPerFinding + ' 张');
      files.forEach(function (f) {
        if (ev.allowedMimeTypes.indexOf(f.type) < 0) problems.push('照片格式不支持：' + f.name + '（支持 ' + ev.allowedMimeTypes.join('、') + '）');
        else if (f.size > ev.maxBytes) problems.push('照片过大：' + f.name);
      });
      return problems;
    }

    async function upload(findingId, files, box) {
      var failed = [];
      var lastError = null;
      for (var i = 0; i < files.length; i++) {
        fill(box, [notice('info', ['正在上传照片 ' + (i + 1) + '/' + files.length + '…'])]);
        try { await api('POST', 'findings/' + encodeURIComponent(findingId) + '/evidence', files[i], files[i].type || 'application/octet-stream'); }
        catch (e) { failed.push(files[i]); lastError = e; }
      }
      if (!failed.length) { fill(box, files.length ? [notice('ok', ['已上传照片 ' + files.length + ' 张'])] : []); return; }
      var retry = h('button', { type: 'button', class: 'secondary', text: '重新上传失败的照片' });
      retry.addEventListener('click', function () { retry.disabled = true; upload(findingId, failed, box); });
      fill(box, [notice('warn', ['核查记录已提交，但有 ' + failed.length + ' 张照片上传失败'].concat(errorLines(lastError, '原因')).concat(['请保持本页打开，网络恢复后点击下方按钮重新上传。']).concat([retry]))]);
    }

    form.addEventListener('submit', async function (e) {
      e.preventDefault();
      if (submit.disabled) return;
      var v = fields();
      var files = Array.prototype.slice.call(photos.files || []);
      var problems = validate(v, files);
      if (problems.length) { fill(result, [notice('error', ['请完善后再提交'].concat(problems))]); reveal(result); return; }
      saveDraft();
      var body = { lineCode: line.code, observedState: v.observedState, observedAt: inputToIso(v.observedAt) };
      if (v.observedState === 'reduced') body.loadPercent = Number(v.loadPercent);
      if (v.powerKw !== '') body.powerKw = Number(v.powerKw);
      if (v.lat !== '' && v.lng !== '') { body.lat = Number(v.lat); body.lng = Number(v.lng); }
      if (v.notes.trim()) body.notes = v.notes.trim();
      submit.disabled = true;
      submit.textContent = '正在提交…';
      fill(result, []);
      var r;
      try {
        r = await api('POST', 'tasks/' + encodeURIComponent(taskId) + '/findings', body);
      } catch (err) {
        if (err instanceof NetworkError) {
          fill(result, [notice('warn', [DRAFT_OFFLINE, files.length ? '草稿不保存照片：恢复网络后提交时，请重新选择 ' + files.length + ' 张照片。' : null])]);
        } else {
          fill(result, [notice('error', errorLines(err, '提交失败'))]);
        }
        reveal(result);
        return;
      } finally {
        submit.disabled = false;
        submit.textContent = '提交核查结果';
      }
      sdel(localStorage, key);
      fill(draftNote, []);
      sdel(sessionStorage, CACHE_PREFIX + 'task:' + taskId);
      var bad = r.verdict === 'violation';
      var pen = r.penalty;
      var item = pen && CFG.penalties[pen.item];
      var verdict = h('div', { class: 'verdict ' + (bad ? 'violation' : 'compliant'), role: 'status' }, [
        h('p', { class: 'word', text: VERDICT[r.verdict] || r.verdict }),
        pen ? h('p', { class: 'penalty', text: '扣缴 ' + yuan(pen.amount) }) : null,
        pen ? h('p', { class: 'why', text: '处罚事项：' + (item ? item.name + clause(item.clause) : pen.item) }) : null,
        r.noticeMissing ? h('p', { class: 'why', text: '该指令检查前无送达记录，只记录违规，不予扣缴；已报指挥部。' }) : null,
        r.reason ? h('p', { class: 'why', text: r.reason }) : null
      ]);
      var photoBox = h('div');
      fill(result, [verdict, photoBox]);
      reveal(verdict);
      onFinding({ id: r.id, lineCode: line.code, observedState: v.observedState, observedAt: body.observedAt, verdict: r.verdict, reason: r.reason });
      resetForm();
      await upload(r.id, files, photoBox);
    });
    return form;
  }

  function netBanner() { $('net').hidden = navigator.onLine !== false; }
  window.addEventListener('online', netBanner);
  window.addEventListener('offline', netBanner);
  window.addEventListener('hashchange', route);
  netBanner();
  route();
})();
`;
