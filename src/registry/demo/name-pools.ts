// Word pools for realistic Chinese names in the demo registry.

/** Trade names (字号). */
export const TRADE_NAMES = [
  '鑫源', '宏达', '永顺', '华润', '金鼎', '瑞丰', '恒通', '天瑞', '中联', '同力', '龙翔', '昌盛',
  '兴业', '广源', '正大', '新兴', '泰山', '鸿运', '佳禾', '丰泽', '太行', '怀川', '云台', '沁园',
  '神农', '盛达', '振华', '德润', '隆基', '晨光', '万通', '东方', '北辰', '安泰', '嘉豪', '富康',
  '锦程', '卓越', '汇丰', '长城', '山河', '远大', '星海', '宝丰', '旭日', '腾飞', '铭泰', '诚信',
] as const;

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '郑'] as const;

export const GIVEN_NAMES = [
  '伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞',
  '建国', '建华', '志强', '海燕', '国庆', '红梅', '永刚', '丽娟', '晓东', '文博', '春生', '秀英',
] as const;

/** Domains reserved for examples (RFC 2606), so demo mail can never reach a real mailbox. */
export const EXAMPLE_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;
