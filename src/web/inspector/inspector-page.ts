import { createHash } from 'node:crypto';
import { escapeHtml } from '../../dispatch/templates/template-format.js';
import { INSPECTOR_CLIENT_JS } from './inspector-client.js';
import { INSPECTOR_CSS } from './inspector-style.js';

/** What the page needs from the city's configuration; embedded as a JSON data block. */
export interface InspectorPageConfig {
  commandCenter: string;
  /** IANA zone in which times are shown and datetime-local values are read. */
  timezone: string;
  /** Level key → name (橙色预警 …). */
  levels: Record<string, string>;
  /** Season phase key → name. */
  phases: Record<string, string>;
  /** Penalty key → name and clause, to name the item of a penalty. */
  penalties: Record<string, { name: string; clause: string }>;
  evidence: { maxBytes: number; allowedMimeTypes: string[]; maxPhotosPerFinding: number };
}

export interface InspectorPage {
  html: string;
  /** The Content-Security-Policy header value: only this page's own script and stylesheet run. */
  csp: string;
}

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** JSON safe inside a `<script type="application/json">` element (no `</script>`, no HTML comment openers). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const SCRIPT_SOURCE = sha256Source(INSPECTOR_CLIENT_JS);
const STYLE_SOURCE = sha256Source(INSPECTOR_CSS);

/**
 * The policy allows the inline script and stylesheet by hash (they are constant; the
 * configuration travels in a JSON data block, which is never executed), API calls to the
 * same origin, and photo previews from blob: URLs. Nothing else loads, frames or posts.
 */
export const INSPECTOR_CSP = [
  "default-src 'none'",
  `script-src ${SCRIPT_SOURCE}`,
  `style-src ${STYLE_SOURCE}`,
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * 督导组现场核查: a single-page app for inspection teams on a phone. The HTML is only a
 * shell (sign-in form, task list and task views); the data come from the API with the
 * inspector's bearer token.
 */
export function renderInspectorPage(cfg: InspectorPageConfig): InspectorPage {
  const title = '督导组现场核查';
  const center = escapeHtml(cfg.commandCenter);
  const html =
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="referrer" content="no-referrer">\n<meta name="robots" content="noindex, nofollow">\n' +
    '<meta name="format-detection" content="telephone=no">\n' +
    // No favicon request (it would 404 and cost a round trip on a poor network).
    '<link rel="icon" href="data:,">\n' +
    `<title>${escapeHtml(title)}</title>\n<style>${INSPECTOR_CSS}</style>\n</head>\n<body>\n<main>\n` +
    `<p class="org">${center}</p>\n<h1>${escapeHtml(title)}</h1>\n` +
    '<div id="bar" class="bar" hidden><span id="who" class="who"></span><button type="button" id="logout" class="plain">退出登录</button></div>\n' +
    '<div id="net" class="notice warn net" role="status" hidden><strong>网络已断开</strong><div>填写的内容会自动保存为草稿，恢复网络后再提交。</div></div>\n' +
    '<noscript><div class="notice error">本页面需要启用 JavaScript。</div></noscript>\n' +
    // Sign-in
    '<section id="view-login" hidden>\n<h2>督导组登录</h2>\n' +
    '<form id="login-form" class="box" method="post" novalidate>' +
    '<label for="login-username">用户名</label><input type="text" id="login-username" name="username" autocomplete="username" autocapitalize="off" spellcheck="false" required>' +
    '<label for="login-password">密码</label><input type="password" id="login-password" name="password" autocomplete="current-password" required>' +
    '<p></p><button type="submit" id="login-submit">登录</button></form>\n' +
    '<div id="login-msg"></div>\n</section>\n' +
    // Task list
    '<section id="view-tasks" hidden>\n<h2>核查任务</h2>\n<div id="tasks-msg"></div>\n<ul id="task-list" class="tasks"></ul>\n' +
    '<button type="button" id="refresh" class="secondary">刷新任务列表</button>\n</section>\n' +
    // One task
    '<section id="view-task" hidden>\n<a class="back" href="#/tasks">‹ 返回任务列表</a>\n<div id="task-msg"></div>\n<div id="task-body"></div>\n</section>\n' +
    `<footer>${center}　督导检查记录将作为考核依据，请如实填写。</footer>\n` +
    '</main>\n' +
    `<script type="application/json" id="inspector-config">${jsonForScript(cfg)}</script>\n` +
    `<script>${INSPECTOR_CLIENT_JS}</script>\n` +
    '</body>\n</html>\n';
  return { html, csp: INSPECTOR_CSP };
}
