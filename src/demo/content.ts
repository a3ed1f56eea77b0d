/**
 * The demo city: fictional units, people and findings, written for Rectify (not taken from any published notice).
 * Plain data plus a deterministic arrangement; the seeding code turns it into rows and dates.
 */
export interface DemoContent {
  city: string;
  committee: string;
  committeeCode: string;
  office: string;
  officeStaff: string[];
  supervisorOffice: string;
  supervisorStaff: string[];
  round: { name: string };
  aspects: string[];
  teams: { name: string; leader: string; members: string[] }[];
  units: DemoUnit[];
}
export interface DemoUnit {
  name: string;
  shortName: string;
  code: string;
  teamIndex: number;
  inspectionKind: 'regular' | 'special' | 'mobile' | 'elevated' | 'cross' | 'lookback';
  firstResponsible: string;
  firstResponsibleTitle: string;
  deputyLeaders: { name: string; title: string }[];
  adminStaff: string;
  departments: { name: string; code: string; staff: string[] }[];
  problems: DemoProblem[];
}
export interface DemoProblem {
  aspectIndex: number;
  title: string;
  items: DemoItem[];
}
export interface DemoItem {
  title: string;
  description: string;
  kind: 'immediate' | 'deadline' | 'ongoing';
  deadlineMonths: number;
  leadDepartmentIndex: number;
  measures: { content: string; departmentIndex: number }[];
  progress: string[];
  outcome?: {
    kind: 'rule_made' | 'rule_revised' | 'accountability' | 'funds_recovered';
    title: string;
    accountabilityKind?: 'reminder_talk' | 'criticism' | 'admonishment' | 'discipline';
    peopleCount?: number;
    amountYuan?: number;
  };
  withheld?: string;
}

/** Findings by aspect; each unit draws a few of them, so every unit's ledger differs. */
const findings: DemoProblem[] = [
  {
    aspectIndex: 0,
    title: '学习贯彻习近平新时代中国特色社会主义思想不够深入',
    items: [
      {
        title: '党组理论学习中心组学习流于形式',
        description: '2024年以来党组理论学习中心组集体学习以读文件为主，研讨发言准备不充分，学习记录内容雷同。',
        kind: 'deadline',
        deadlineMonths: 2,
        leadDepartmentIndex: 0,
        measures: [
          { content: '制定党组理论学习中心组年度学习计划，明确每次专题学习的主题和重点发言人。', departmentIndex: 0 },
          { content: '建立学习研讨发言材料审核制度，杜绝照抄照搬。', departmentIndex: 0 },
        ],
        progress: ['已印发年度学习计划，明确12个专题。', '已组织2次专题研讨，班子成员均作交流发言。'],
        outcome: { kind: 'rule_made', title: '《党组理论学习中心组学习规则》' },
      },
      {
        title: '贯彻落实上级决策部署打折扣',
        description: '对市委部署的重点任务研究不深，个别任务未按期完成，跟踪问效不到位。',
        kind: 'deadline',
        deadlineMonths: 3,
        leadDepartmentIndex: 1,
        measures: [
          { content: '梳理近两年上级部署的重点任务，建立落实台账，逐项明确责任人和完成时限。', departmentIndex: 1 },
          { content: '实行重点任务月调度、季通报制度。', departmentIndex: 0 },
        ],
        progress: ['已梳理重点任务23项，建立落实台账。'],
      },
    ],
  },
  {
    aspectIndex: 0,
    title: '意识形态工作责任制落实不到位',
    items: [
      {
        title: '意识形态工作研判不及时',
        description: '党组每半年专题研究意识形态工作的要求未落实，2024年仅研究1次。',
        kind: 'immediate',
        deadlineMonths: 0,
        leadDepartmentIndex: 0,
        measures: [
          { content: '立即召开党组会议专题研判意识形态领域形势，形成研判报告。', departmentIndex: 0 },
          { content: '将意识形态工作纳入党组年度工作要点和班子成员述职内容。', departmentIndex: 0 },
        ],
        progress: ['已召开党组会议专题研判意识形态工作。'],
      },
      {
        title: '门户网站和新媒体账号审核把关不严',
        description: '单位微信公众号发布信息未严格执行“三审三校”，曾出现错误表述。',
        kind: 'deadline',
        deadlineMonths: 1,
        leadDepartmentIndex: 0,
        measures: [
          { content: '修订网站和新媒体信息发布审核办法，落实“三审三校”制度。', departmentIndex: 0 },
          { content: '开展新媒体账号清理整治，关停长期不更新账号。', departmentIndex: 0 },
        ],
        progress: ['已修订信息发布审核办法并印发执行。', '已关停“僵尸”账号2个。'],
        outcome: { kind: 'rule_revised', title: '《网站和新媒体信息发布审核办法》' },
      },
    ],
  },
  {
    aspectIndex: 1,
    title: '落实中央八项规定精神不够严格',
    items: [
      {
        title: '公务接待管理不规范',
        description: '部分公务接待无公函、无接待清单，存在超标准接待问题。',
        kind: 'deadline',
        deadlineMonths: 2,
        leadDepartmentIndex: 1,
        measures: [
          { content: '对2023年以来公务接待情况逐笔清查，超标准部分由相关人员退还。', departmentIndex: 1 },
          { content: '严格执行公函、接待清单、审批单“三单”报销制度。', departmentIndex: 1 },
        ],
        progress: ['已清查接待费用217笔。', '超标准接待费用已全部退还。'],
        outcome: { kind: 'funds_recovered', title: '退还超标准接待费用', amountYuan: 18640 },
      },
      {
        title: '违规发放津贴补贴',
        description: '以加班费名义向在职人员发放补贴，未履行审批程序。',
        kind: 'deadline',
        deadlineMonths: 1,
        leadDepartmentIndex: 1,
        measures: [
          { content: '全面清理违规发放的津贴补贴，责令相关人员退还。', departmentIndex: 1 },
          { content: '对负有领导责任的人员进行约谈。', departmentIndex: 0 },
        ],
        progress: ['已完成违规发放补贴清理，资金全部追回。'],
        outcome: { kind: 'funds_recovered', title: '追回违规发放津贴补贴', amountYuan: 126400 },
      },
      {
        title: '公务用车使用管理不严',
        description: '个别公务车辆无派车单出车，车辆维修费用偏高，油卡管理混乱。',
        kind: 'deadline',
        deadlineMonths: 3,
        leadDepartmentIndex: 0,
        measures: [
          { content: '完善公务用车派车、登记、停放制度，安装车辆定位系统。', departmentIndex: 0 },
          { content: '对车辆维修、加油费用进行专项审计。', departmentIndex: 1 },
          { content: '实行油卡专人管理、一车一卡。', departmentIndex: 1 },
        ],
        progress: ['已完成车辆定位系统安装。', '专项审计正在进行中。'],
      },
    ],
  },
  {
    aspectIndex: 1,
    title: '财务管理和政府采购存在漏洞',
    items: [
      {
        title: '财务报销审核不严',
        description: '部分报销凭证附件不全，存在先支付后补审批的情况。',
        kind: 'deadline',
        deadlineMonths: 2,
        leadDepartmentIndex: 1,
        measures: [
          { content: '修订财务报销管理办法，明确审批权限和附件要求。', departmentIndex: 1 },
          { content: '开展财务人员业务培训。', departmentIndex: 1 },
        ],
        progress: ['已修订财务报销管理办法。', '已组织财务人员培训1次。'],
        outcome: { kind: 'rule_revised', title: '《财务报销管理办法》' },
      },
      {
        title: '政府采购程序不规范',
        description: '部分项目化整为零规避公开招标，个别采购未进行询价比价。',
        kind: 'deadline',
        deadlineMonths: 4,
        leadDepartmentIndex: 1,
        measures: [
          { content: '对近三年政府采购项目全面排查，建立问题清单。', departmentIndex: 1 },
          { content: '制定内部采购管理规程，设立采购审核小组。', departmentIndex: 1 },
          { content: '对相关责任人进行批评教育。', departmentIndex: 0 },
        ],
        progress: ['已排查采购项目86个，发现问题9个。'],
        outcome: {
          kind: 'accountability',
          title: '对相关责任人批评教育',
          accountabilityKind: 'criticism',
          peopleCount: 2,
        },
      },
      {
        title: '国有资产管理混乱',
        description: '固定资产账实不符，部分资产出租未经审批、租金未及时收缴。',
        kind: 'deadline',
        deadlineMonths: 5,
        leadDepartmentIndex: 1,
        measures: [
          { content: '开展固定资产全面清查，做到账账相符、账实相符。', departmentIndex: 1 },
          { content: '清理资产出租合同，追缴拖欠租金。', departmentIndex: 1 },
        ],
        progress: ['资产清查已完成80%。', '已追缴拖欠租金部分款项。'],
        outcome: { kind: 'funds_recovered', title: '追缴拖欠租金', amountYuan: 352800 },
        withheld: '涉及正在审查的案件线索，依规不宜公开',
      },
    ],
  },
  {
    aspectIndex: 2,
    title: '干部队伍建设存在薄弱环节',
    items: [
      {
        title: '干部选拔任用程序不够规范',
        description: '个别干部任用动议环节记录不全，民主推荐范围把握不准。',
        kind: 'deadline',
        deadlineMonths: 3,
        leadDepartmentIndex: 2,
        measures: [
          { content: '对近三年干部选拔任用档案逐一核查，补齐缺失材料。', departmentIndex: 2 },
          { content: '严格执行干部选拔任用全程纪实制度。', departmentIndex: 2 },
        ],
        progress: ['已核查干部任用档案34卷。'],
      },
      {
        title: '干部档案管理不规范',
        description: '部分干部档案“三龄两历”认定依据不足，档案材料归档不及时。',
        kind: 'deadline',
        deadlineMonths: 4,
        leadDepartmentIndex: 2,
        measures: [
          { content: '开展干部人事档案专项审核，建立问题档案整改台账。', departmentIndex: 2 },
          { content: '落实档案材料收集归档月报制度。', departmentIndex: 2 },
        ],
        progress: ['专项审核工作已启动。'],
      },
      {
        title: '年轻干部培养使用力度不够',
        description: '35岁以下干部占比偏低，轮岗交流和实践锻炼安排较少。',
        kind: 'ongoing',
        deadlineMonths: 6,
        leadDepartmentIndex: 2,
        measures: [
          { content: '制定年轻干部培养计划，建立优秀年轻干部储备库。', departmentIndex: 2 },
          { content: '每年安排年轻干部到基层一线实践锻炼。', departmentIndex: 2 },
        ],
        progress: ['已建立优秀年轻干部储备库，首批入库12人。'],
        outcome: { kind: 'rule_made', title: '《年轻干部培养选拔实施办法》' },
      },
    ],
  },
  {
    aspectIndex: 3,
    title: '基层党组织建设不够扎实',
    items: [
      {
        title: '“三会一课”制度落实不严格',
        description: '部分支部党员大会、党课次数不足，会议记录简单。',
        kind: 'deadline',
        deadlineMonths: 2,
        leadDepartmentIndex: 0,
        measures: [
          { content: '对各支部组织生活开展情况进行专项检查，督促补课。', departmentIndex: 0 },
          { content: '推行组织生活纪实管理，按季度通报。', departmentIndex: 0 },
        ],
        progress: ['已完成各支部专项检查。', '第一季度组织生活情况已通报。'],
      },
      {
        title: '党费收缴管理不规范',
        description: '部分党员党费基数核定不准，存在少交党费现象。',
        kind: 'immediate',
        deadlineMonths: 0,
        leadDepartmentIndex: 1,
        measures: [
          { content: '重新核定全体党员党费缴纳基数，督促补交。', departmentIndex: 1 },
          { content: '对负责党费收缴工作的人员进行提醒谈话。', departmentIndex: 0 },
        ],
        progress: ['已重新核定党费基数，少交党费已全部补交。'],
        outcome: { kind: 'accountability', title: '提醒谈话', accountabilityKind: 'reminder_talk', peopleCount: 3 },
      },
    ],
  },
  {
    aspectIndex: 3,
    title: '以往巡察和审计反馈问题整改不彻底',
    items: [
      {
        title: '上轮巡察反馈问题整改不到位',
        description: '上轮巡察反馈的3个问题整改措施落实不到位，存在反弹。',
        kind: 'deadline',
        deadlineMonths: 2,
        leadDepartmentIndex: 0,
        measures: [
          { content: '对上轮巡察反馈问题进行“回头看”，逐项重新制定整改措施。', departmentIndex: 0 },
          { content: '对整改不力的责任人进行诫勉谈话。', departmentIndex: 0 },
        ],
        progress: ['已完成上轮巡察反馈问题“回头看”。'],
        outcome: { kind: 'accountability', title: '诫勉谈话', accountabilityKind: 'admonishment', peopleCount: 1 },
      },
      {
        title: '审计发现问题整改销号不严',
        description: '审计指出的问题存在“纸面整改”，部分问题未整改到位即销号。',
        kind: 'deadline',
        deadlineMonths: 3,
        leadDepartmentIndex: 1,
        measures: [
          { content: '建立审计整改对账销号制度，整改结果经分管领导审核后方可销号。', departmentIndex: 1 },
          { content: '对已销号问题逐项复核。', departmentIndex: 1 },
        ],
        progress: ['已复核已销号问题15项。'],
      },
    ],
  },
  {
    aspectIndex: 2,
    title: '履行行业监管职责不到位',
    items: [
      {
        title: '行政审批服务效率不高',
        description: '部分审批事项承诺时限长于法定时限，群众反映办事来回跑。',
        kind: 'deadline',
        deadlineMonths: 3,
        leadDepartmentIndex: 2,
        measures: [
          { content: '全面梳理审批事项，压缩承诺办理时限。', departmentIndex: 2 },
          { content: '推行“一网通办”和帮办代办服务。', departmentIndex: 2 },
        ],
        progress: ['已压缩审批时限事项41项。'],
      },
      {
        title: '对下属单位监督管理缺位',
        description: '对下属事业单位财务和项目监管不力，个别项目长期未验收。',
        kind: 'ongoing',
        deadlineMonths: 6,
        leadDepartmentIndex: 1,
        measures: [
          { content: '建立下属单位重大事项报告制度。', departmentIndex: 0 },
          { content: '每年对下属单位开展一次财务专项检查。', departmentIndex: 1 },
        ],
        progress: ['已印发下属单位重大事项报告制度。'],
        outcome: { kind: 'rule_made', title: '《下属单位重大事项报告制度》' },
        withheld: '涉及问题线索正在核查，不宜公开',
      },
    ],
  },
];

const people = [
  ['周明远', '陈晓梅', '王立群', '刘建华', '孙丽娟', '赵文博', '吴海涛', '郑雅琴', '冯国庆', '何淑芬'],
  ['唐志刚', '许文静', '韩振宇', '曹丽华', '邓建平', '彭慧敏', '萧国强', '程丽萍', '袁志华', '潘晓东'],
];
const person = (n: number) => `${people[n % 2][n % 10].slice(0, 1)}${people[(n + 1) % 2][(n * 3) % 10].slice(1)}`;

const unitSpecs: [string, string, string, string, DemoUnit['inspectionKind']][] = [
  ['江澜市交通运输局', '市交通运输局', 'JTJ', '局党组书记、局长', 'regular'],
  ['江澜市住房和城乡建设局', '市住房城乡建设局', 'ZJJ', '局党组书记、局长', 'regular'],
  ['江澜市人民医院', '市人民医院', 'RMYY', '院党委书记', 'special'],
  ['江澜市教育局', '市教育局', 'JYJ', '局党组书记、局长', 'regular'],
  ['江澜市自然资源和规划局', '市自然资源规划局', 'ZRZYJ', '局党组书记、局长', 'regular'],
  ['江澜市市场监督管理局', '市市场监管局', 'SCJGJ', '局党组书记、局长', 'regular'],
  ['江澜市城市投资发展集团有限公司', '市城投集团', 'CTJT', '集团党委书记、董事长', 'special'],
  ['江澜市农业农村局', '市农业农村局', 'NYNCJ', '局党组书记、局长', 'regular'],
  ['江澜市文化广电和旅游局', '市文化广电旅游局', 'WGLJ', '局党组书记、局长', 'regular'],
  ['中共江澜市滨河街道工作委员会', '滨河街道党工委', 'BHJD', '街道党工委书记', 'mobile'],
  ['江澜市医疗保障局', '市医疗保障局', 'YBJ', '局党组书记、局长', 'regular'],
  ['江澜市水务局', '市水务局', 'SWJ', '局党组书记、局长', 'lookback'],
];
const departmentNames = [
  ['办公室', 'BGS'],
  ['财务审计科', 'CWK'],
  ['人事科', 'RSK'],
  ['业务科', 'YWK'],
];

export const demoContent: DemoContent = {
  city: '江澜市',
  committee: '中共江澜市委',
  committeeCode: 'JL',
  office: '中共江澜市委巡察工作领导小组办公室',
  officeStaff: ['林思远', '黄佩文', '蒋一帆'],
  supervisorOffice: '江澜市纪委监委第三派驻纪检监察组',
  supervisorStaff: ['杜承志', '罗秀兰'],
  round: { name: '九届市委第三轮巡察' },
  aspects: [
    '学习贯彻习近平新时代中国特色社会主义思想和党中央决策部署方面',
    '落实全面从严治党战略部署方面',
    '落实新时代党的组织路线方面',
    '落实巡察、审计等监督发现问题整改方面',
  ],
  teams: [
    { name: '市委第一巡察组', leader: '高建国', members: ['沈丽', '钱卫东'] },
    { name: '市委第二巡察组', leader: '马俊峰', members: ['方晓燕', '石磊'] },
    { name: '市委第三巡察组', leader: '朱海燕', members: ['叶青', '龚振华'] },
    { name: '市委第四巡察组', leader: '秦志勇', members: ['韦敏', '谭伟'] },
  ],
  units: unitSpecs.map(([name, shortName, code, title, inspectionKind], u) => ({
    name,
    shortName,
    code: `JL-${code}`,
    teamIndex: u % 4,
    inspectionKind,
    firstResponsible: person(u * 7 + 1),
    firstResponsibleTitle: title,
    deputyLeaders: [
      { name: person(u * 7 + 2), title: '党组成员、副局长' },
      { name: person(u * 7 + 3), title: '党组成员、纪检组长' },
    ],
    adminStaff: person(u * 7 + 4),
    departments: departmentNames.slice(0, 3 + (u % 2)).map(([dept, deptCode], d) => ({
      name: dept,
      code: `JL-${code}-${deptCode}`,
      staff: [person(u * 7 + 5 + d)],
    })),
    // Five of the eight findings per unit, rotating, so units share some problems (举一反三) and differ in others.
    problems: [0, 1, 2, 3, 4]
      .map((k) => findings[(u + k * 3) % findings.length])
      .sort((a, b) => a.aspectIndex - b.aspectIndex),
  })),
};
