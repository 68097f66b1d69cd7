import { formatLocalTime } from '../shared/order-wording.js';

/** What one robot notice is about; a summary lists its items under one heading per topic, in this order. */
export const ROBOT_TOPICS = ['overdue_stage1', 'overdue_stage2', 'alert', 'status_report'] as const;
export type RobotTopic = (typeof ROBOT_TOPICS)[number];

const HEADINGS: Record<RobotTopic, string> = {
  overdue_stage1: '逾期未签收（县区督办）',
  overdue_stage2: '逾期仍未签收（报指挥部）',
  alert: '待处理告警',
  status_report: '生产状态报送',
};

/** One line of a summary, as stored in the outbox row's payload. */
export interface RobotItem {
  topic: RobotTopic;
  /** Plain text (escaped when rendered). */
  text: string;
}

export interface RobotSummaryInput {
  commandCenter: string;
  /** The group addressed: a county's name or the command center's. */
  groupName: string;
  items: RobotItem[];
  generatedAt: string;
  timezone: string;
  maxBytes: number;
}

export interface RobotSummary {
  title: string;
  markdown: string;
  /** Items that did not fit and are only counted. */
  omitted: number;
}

/** Characters markdown (and WeCom's <font> tags) would read as markup: shown as text. */
export function escapeRobotMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** An overdue line, short so that a group's list fits one message: 企业：文号第n版，截止 12月10日 12:00. */
export function overdueRobotText(o: { name: string; directiveNumber: string; modification: number; ackDeadline: string }, timezone: string): string {
  return `${o.name}：${o.directiveNumber}第${o.modification}版，截止 ${formatLocalTime(o.ackDeadline, timezone).replace(/^\d{4}年/, '')}`;
}

/**
 * One markdown summary of every item for a group robot (DingTalk `markdown.text`, WeCom
 * `markdown.content`): a heading per topic with its count, one line per item. What does not fit
 * in `maxBytes` is counted in a last line instead of being cut mid-way.
 */
export function renderRobotSummary(p: RobotSummaryInput): RobotSummary {
  const topics = ROBOT_TOPICS.filter((t) => p.items.some((i) => i.topic === t));
  const title = `【冬防】${p.groupName}：${topics.map((t) => HEADINGS[t]).join('、')}`;
  const head = `### ${escapeRobotMarkdown(title)}\n${escapeRobotMarkdown(p.commandCenter)} ${formatLocalTime(p.generatedAt, p.timezone)}\n`;
  const tailFor = (n: number) => `\n> 另有 ${n} 条未列出，请登录指挥平台查看。\n`;
  let markdown = head;
  let listed = 0;
  outer: for (const topic of topics) {
    const items = p.items.filter((i) => i.topic === topic);
    const section = `\n**${HEADINGS[topic]}（${items.length}）**\n`;
    if (bytes(markdown + section) + bytes(tailFor(p.items.length)) > p.maxBytes) break;
    markdown += section;
    for (const item of items) {
      const line = `- ${escapeRobotMarkdown(item.text)}\n`;
      if (bytes(markdown + line) + bytes(tailFor(p.items.length - listed)) > p.maxBytes) break outer;
      markdown += line;
      listed++;
    }
  }
  const omitted = p.items.length - listed;
  if (omitted > 0) markdown += tailFor(omitted);
  return { title, markdown, omitted };
}
