/**
 * The demo city: fictional units, people and findings, written for Rectify (not taken from any published notice).
 * Plain data only; the seeding code turns it into rows and assigns workflow states and dates.
 */
export interface DemoContent {
  city: string; // a fictional prefecture-level city
  committee: string;
  committeeCode: string; // short ASCII code
  office: string; // the committee's inspection office
  officeStaff: string[];
  supervisorOffice: string; // a 派驻纪检监察组
  supervisorStaff: string[];
  round: { name: string };
  aspects: string[]; // this round's aspect taxonomy
  teams: { name: string; leader: string; members: string[] }[];
  units: DemoUnit[];
}
export interface DemoUnit {
  name: string;
  shortName: string;
  code: string; // ASCII, unique
  teamIndex: number; // index into teams
  inspectionKind: 'regular' | 'special' | 'mobile' | 'elevated' | 'cross' | 'lookback';
  firstResponsible: string; // 第一责任人
  firstResponsibleTitle: string;
  deputyLeaders: { name: string; title: string }[]; // 分管领导
  adminStaff: string; // the clerk who runs the ledger
  departments: { name: string; code: string; staff: string[] }[];
  problems: DemoProblem[];
}
export interface DemoProblem {
  aspectIndex: number; // index into aspects
  title: string; // 反馈问题
  items: DemoItem[]; // 细化问题
}
export interface DemoItem {
  title: string;
  description: string; // 问题表现
  kind: 'immediate' | 'deadline' | 'ongoing'; // 立行立改 / 限期整改 / 长期坚持
  deadlineMonths: number; // months after feedback; 0 for immediate
  leadDepartmentIndex: number; // index into the unit's departments
  measures: { content: string; departmentIndex: number }[];
  progress: string[];
  outcome?: {
    kind: 'rule_made' | 'rule_revised' | 'accountability' | 'funds_recovered';
    title: string;
    accountabilityKind?: 'reminder_talk' | 'criticism' | 'admonishment' | 'discipline';
    peopleCount?: number;
    amountYuan?: number;
  };
  withheld?: string; // 不宜公开 reason
  /** Issue 15: marked as a 问题线索 and handed to the 纪委监委 (days after the feedback; the deadline days after that). */
  clue?: { description: string; receivingBody: string; handedOverAfterDays: number; deadlineDays: number };
}

const transport: DemoUnit = {
  name: '江澜市交通运输局',
  shortName: '市交通运输局',
  code: 'JL-JTJ',
  teamIndex: 0,
  inspectionKind: 'regular',
  firstResponsible: '周立平',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '陈玉兰', title: '局党组成员、副局长' },
    { name: '许国栋', title: '局党组成员、副局长' },
  ],
  adminStaff: '王晓静',
  departments: [
    { name: '办公室', code: 'JL-JTJ-BGS', staff: ['刘春燕'] },
    { name: '机关党委（人事科）', code: 'JL-JTJ-JGDW', staff: ['赵一鸣'] },
    { name: '计划财务科', code: 'JL-JTJ-CWK', staff: ['孙慧敏', '钟浩'] },
    { name: '建设管理科', code: 'JL-JTJ-JSK', staff: ['郑国辉'] },
    { name: '运输管理科', code: 'JL-JTJ-YSK', staff: ['何建军'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '贯彻落实交通强市建设部署有差距',
      items: [
        {
          title: '市级重点交通项目推进滞后',
          description:
            '2024年确定的8个市级重点交通项目中有3个未按计划开工，其中南外环快速化改造工程前期工作停滞近10个月，局党组未专题研究推动。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 3,
          measures: [
            {
              content:
                '建立重点交通项目“一项目一专班”推进机制，由局领导领衔，逐月调度前期手续、征地拆迁和资金落实情况。',
              departmentIndex: 3,
            },
            {
              content:
                '对进度滞后的3个项目逐一分析原因，形成问题清单提请局党组会议研究，主动对接自然资源、财政等部门协调解决用地和资金问题。',
              departmentIndex: 3,
            },
            { content: '将重点项目推进情况纳入科室和局属单位年度绩效考核，对推进不力的予以通报。', departmentIndex: 0 },
          ],
          progress: [
            '已成立3个滞后项目工作专班，局党组会议专题研究重点项目推进工作2次。',
            '南外环快速化改造工程已取得初步设计批复，另有1个项目已开工建设。',
          ],
        },
        {
          title: '农村公路养护责任落实不到位',
          description:
            '抽查的4个乡镇中有2个乡镇农村公路日常养护经费未足额落实，部分路段坑槽、边沟堵塞等病害长期未处理，群众反映较多。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 3,
          measures: [
            { content: '开展农村公路养护专项督查，建立病害路段整治清单，督促各县区限期完成修复。', departmentIndex: 3 },
            {
              content: '修订农村公路养护管理考核办法，将养护资金到位率、优良中等路率纳入对县区交通运输部门的年度考核。',
              departmentIndex: 3,
            },
            { content: '会同市财政局对市级农村公路养护补助资金使用情况开展核查，确保专款专用。', departmentIndex: 2 },
          ],
          progress: [
            '已完成全市农村公路养护专项督查，排查病害路段27处，已修复19处。',
            '修订后的考核办法已经局党组会议审议通过并印发。',
          ],
          outcome: { kind: 'rule_revised', title: '《江澜市农村公路养护管理考核办法》' },
        },
        {
          title: '“两客一危”车辆动态监控报警处置不及时',
          description: '2024年动态监控平台推送的超速、疲劳驾驶报警中有112条未闭环处置，对相关运输企业未及时约谈督促。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对未闭环的112条报警信息逐条核查处置，约谈报警频次高的运输企业负责人。', departmentIndex: 4 },
            {
              content: '建立动态监控报警信息“日清日结”工作机制，明确专人每日核查，处置结果录入台账备查。',
              departmentIndex: 4,
            },
          ],
          progress: [
            '112条报警信息已全部核查处置完毕，约谈运输企业5家。',
            '报警处置台账已建立，实行每日核查、每周通报。',
          ],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '落实中央八项规定精神不够严格',
      items: [
        {
          title: '公务接待管理不规范',
          description: '2023年至2024年有9批次公务接待无公函，4批次接待陪餐人数超过规定标准，报销时未附接待清单。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            {
              content: '对2023年以来的公务接待费用逐笔清查，超标准部分由相关责任人个人承担并退缴。',
              departmentIndex: 2,
            },
            {
              content: '修订局机关公务接待管理办法，严格执行接待审批单、公函、接待清单“三单”报销制度。',
              departmentIndex: 0,
            },
          ],
          progress: [
            '已完成2023年以来公务接待费用清查，清退超标准接待费用6840元。',
            '公务接待管理办法已修订印发，报销审核环节同步调整。',
          ],
          outcome: { kind: 'funds_recovered', title: '清退超标准公务接待费用', amountYuan: 6840 },
        },
        {
          title: '公务用车使用管理不严',
          description: '公务用车派车单填写不完整，部分车辆加油量与行驶里程明显不符，办公室未开展过核查。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 0,
          measures: [
            {
              content: '逐车核对2024年以来的派车单、加油卡消费和维修记录，对异常情况逐一查明原因。',
              departmentIndex: 0,
            },
            {
              content: '为局机关公务用车加装北斗定位终端，实行一车一卡、定点加油、定点维修，每月公示用车情况。',
              departmentIndex: 0,
            },
          ],
          progress: [
            '已核对派车单1200余份，对3辆车的异常加油记录查明原因并作出说明。',
            '公务用车定位终端已全部安装，用车情况按月在局机关内部公示。',
          ],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '财务管理和工程建设领域存在廉洁风险',
      items: [
        {
          title: '工程设计变更把关不严',
          description: '抽查的6个交通建设项目中有2个项目的设计变更未经局党组会议集体研究，变更金额累计386万元。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 3,
          measures: [
            {
              content: '制定交通建设项目设计变更管理办法，按变更金额分级审批，重大变更一律提交局党组会议集体研究。',
              departmentIndex: 3,
            },
            { content: '委托第三方审计机构对近三年已完工项目的设计变更和现场签证开展专项审计。', departmentIndex: 2 },
            { content: '对未履行集体研究程序的变更事项，查明情况后依规依纪追究相关人员责任。', departmentIndex: 1 },
          ],
          progress: ['设计变更管理办法已印发施行。', '专项审计已进场，已完成4个项目的资料审查。'],
          outcome: { kind: 'rule_made', title: '《江澜市交通建设项目设计变更管理办法》' },
        },
        {
          title: '局属单位往来款长期挂账',
          description: '局属公路养护中心其他应收款中有3笔共计47.6万元挂账超过5年，未采取有效措施清收。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            { content: '逐笔核实挂账款项的形成原因和债务人现状，能够清收的明确专人限期清收。', departmentIndex: 2 },
            { content: '对确实无法收回的款项，按照国有资产管理有关规定履行报批程序后核销。', departmentIndex: 2 },
          ],
          progress: ['已清收2笔共31.2万元，剩余1笔已委托律师启动诉讼程序。'],
        },
        {
          title: '局属单位违规发放津贴补贴',
          description: '2023年局属公路养护中心以值班补助名义向职工发放补贴2.34万元，发放标准高于有关规定。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 2,
          measures: [
            { content: '责令公路养护中心立即停止违规发放行为，追回超标准发放的补贴。', departmentIndex: 2 },
            { content: '对公路养护中心主要负责人和财务负责人进行批评教育。', departmentIndex: 1 },
          ],
          progress: ['已追回超标准发放的值班补助2.34万元。', '已对2名相关责任人进行批评教育。'],
          outcome: {
            kind: 'accountability',
            title: '对公路养护中心2名负责人批评教育',
            accountabilityKind: 'criticism',
            peopleCount: 2,
          },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '干部队伍建设和基层党组织建设存在短板',
      items: [
        {
          title: '干部人事档案管理不规范',
          description: '抽查28卷干部人事档案，有6卷存在出生日期、参加工作时间认定材料缺失或前后不一致的情况。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 1,
          measures: [
            { content: '对局机关及局属单位干部人事档案开展专项审核，逐卷建立问题清单。', departmentIndex: 1 },
            { content: '对缺失的认定材料限期补充收集，对信息不一致的按规定程序重新认定。', departmentIndex: 1 },
          ],
          progress: ['已完成全部156卷干部人事档案专项审核。', '6卷问题档案中已有4卷完成材料补充和重新认定。'],
        },
        {
          title: '机关党支部组织生活质量不高',
          description:
            '机关第二党支部2024年度组织生活会会前谈心谈话不充分，相互批评意见泛泛而谈，部分党员对照检查材料内容雷同。',
          kind: 'ongoing',
          deadlineMonths: 3,
          leadDepartmentIndex: 1,
          measures: [
            {
              content: '组织各党支部书记开展组织生活规范化培训，逐支部审核组织生活会方案和对照检查材料。',
              departmentIndex: 1,
            },
            { content: '局机关党委班子成员分片联系党支部，列席指导支部组织生活会。', departmentIndex: 1 },
          ],
          progress: ['已举办党支部书记培训班1期。', '机关第二党支部已重新召开专题组织生活会，局党组书记到会指导。'],
        },
        {
          title: '年轻干部培养储备不足',
          description: '局机关科级干部平均年龄49.6岁，35岁以下科级干部仅1名，干部队伍年龄结构不够合理。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 1,
          measures: [
            { content: '制定年轻干部培养三年计划，建立优秀年轻干部人选库并实行动态管理。', departmentIndex: 1 },
            { content: '有计划地选派年轻干部到重点项目一线、信访窗口等岗位实践锻炼。', departmentIndex: 1 },
          ],
          progress: ['优秀年轻干部人选库已建立，首批纳入14人。', '已选派3名年轻干部到重点交通项目工作专班锻炼。'],
        },
      ],
    },
    {
      aspectIndex: 3,
      title: '上轮巡察和审计发现问题整改不到位',
      items: [
        {
          title: '工程款超进度拨付问题整改后反弹',
          description:
            '上轮巡察指出工程款超进度拨付问题后，2024年仍有1个项目按合同价款的85%拨付进度款，超过实际完成工程量。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对在建项目工程款拨付情况全面复核，超进度拨付的在后续拨付中予以扣回。', departmentIndex: 2 },
            {
              content: '将大额工程款拨付纳入“三重一大”事项清单，实行建设管理科、计划财务科和分管领导三级审核。',
              departmentIndex: 2,
            },
            { content: '对整改不到位负有责任的人员进行提醒谈话。', departmentIndex: 1 },
          ],
          progress: ['已完成在建项目工程款拨付情况复核，超拨部分已在下期进度款中扣回。', '已对2名相关责任人提醒谈话。'],
          outcome: {
            kind: 'accountability',
            title: '对2名相关责任人提醒谈话',
            accountabilityKind: 'reminder_talk',
            peopleCount: 2,
          },
        },
      ],
    },
  ],
};

const hospital: DemoUnit = {
  name: '江澜市人民医院党委',
  shortName: '市人民医院',
  code: 'JL-RMYY',
  teamIndex: 0,
  inspectionKind: 'special',
  firstResponsible: '黄启明',
  firstResponsibleTitle: '院党委书记',
  deputyLeaders: [
    { name: '罗建新', title: '院党委副书记、院长' },
    { name: '汤慧', title: '院党委委员、纪委书记' },
  ],
  adminStaff: '邱雨婷',
  departments: [
    { name: '党委办公室（组织人事部）', code: 'JL-RMYY-DWB', staff: ['蔡文洁'] },
    { name: '纪检监察室', code: 'JL-RMYY-JJS', staff: ['姚振东'] },
    { name: '医务部', code: 'JL-RMYY-YWB', staff: ['龙海波', '甘雨桐'] },
    { name: '财务科', code: 'JL-RMYY-CWK', staff: ['陆婉清'] },
    { name: '采购中心', code: 'JL-RMYY-CGZX', staff: ['范志远'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '落实党委领导下的院长负责制不到位',
      items: [
        {
          title: '党委会和院长办公会议事边界不清',
          description:
            '2024年党委会研究的议题中有11项属于院长办公会研究范围的日常业务事项，而1台大型医用设备购置事项未提交党委会研究。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 0,
          measures: [
            {
              content: '修订党委会议和院长办公会议议事规则，分别列出议事清单，明确“三重一大”事项必须经党委会研究决定。',
              departmentIndex: 0,
            },
            { content: '对2024年以来大型设备购置、基建项目等重大事项的决策程序开展复查。', departmentIndex: 1 },
          ],
          progress: [
            '议事规则已修订并经党委会审议通过。',
            '已复查重大事项决策42项，对程序不完整的1项补充履行党委会研究程序。',
          ],
          outcome: { kind: 'rule_revised', title: '《江澜市人民医院党委会议和院长办公会议议事规则》' },
        },
        {
          title: '临床科室党支部“双带头人”培育不足',
          description:
            '全院36个党支部中，支部书记为业务骨干和学术带头人的仅21个，占比58%，部分临床支部书记由行政后勤人员兼任。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 0,
          measures: [
            { content: '结合党支部换届，选优配强临床医技科室党支部书记，推动“双带头人”全覆盖。', departmentIndex: 0 },
            { content: '建立党支部书记轮训制度，每年组织集中培训不少于1次。', departmentIndex: 0 },
          ],
          progress: ['已完成8个临床党支部书记调整，“双带头人”比例提高到80.6%。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '医药购销领域廉洁风险防控不力',
      items: [
        {
          title: '医用耗材临时采购管理不严',
          description:
            '2024年院内临时采购医用耗材金额达214万元，部分高值耗材未通过省级采购平台采购，临时采购仅凭科室主任一人签字即可执行。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 4,
          measures: [
            {
              content: '制定医用耗材临时采购管理办法，明确临时采购的适用情形、审批权限和数量上限。',
              departmentIndex: 4,
            },
            {
              content: '对2024年以来的临时采购耗材逐笔复核，督促符合条件的品种全部通过省级平台挂网采购。',
              departmentIndex: 4,
            },
            { content: '将高值耗材使用纳入院纪委日常监督重点，每季度开展异常使用情况分析。', departmentIndex: 1 },
          ],
          progress: ['临时采购管理办法已印发施行。', '已复核临时采购记录386笔，37个品种转为平台采购。'],
          outcome: { kind: 'rule_made', title: '《江澜市人民医院医用耗材临时采购管理办法》' },
        },
        {
          title: '医药代表接待管理缺位',
          description: '医院未落实医药代表预约接待制度，巡察期间发现有医药代表在门诊、病区随意出入并与医生单独接触。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 2,
          measures: [
            { content: '在行政楼设立医药代表接待室，实行预约登记、定时定点、双人接待和全程记录。', departmentIndex: 2 },
            {
              content: '组织开展门诊、病区联合巡查，对违规进入诊疗区域的医药代表登记劝离并通报其所在企业。',
              departmentIndex: 2,
            },
          ],
          progress: [
            '医药代表接待室已投入使用，累计预约登记接待112人次。',
            '联合巡查已常态化开展，劝离违规人员9人次。',
          ],
        },
        {
          title: '信访反映个别科室收受回扣问题线索',
          description: '巡察期间收到反映个别临床科室医务人员在耗材使用中收受回扣的信访举报，有关问题需进一步核实。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 1,
          measures: [
            { content: '按规定将问题线索移交市纪委监委处置，医院党委全力配合调查工作。', departmentIndex: 1 },
            { content: '对涉及科室的耗材使用情况开展专项检查，及时堵塞管理漏洞。', departmentIndex: 4 },
          ],
          progress: ['问题线索已按规定移交，涉及科室耗材使用专项检查已完成。'],
          withheld: '问题线索已移交市纪委监委，正在审查调查中，不宜公开。',
          clue: {
            description: '信访举报反映心内科、骨科个别医务人员在高值耗材使用中收受供应商回扣，涉及金额待核实。',
            receivingBody: '市纪委监委第三监督检查室',
            handedOverAfterDays: 15,
            deadlineDays: 90,
          },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '医保基金使用和医疗服务行为不规范',
      items: [
        {
          title: '存在重复收费、超标准收费',
          description:
            '医保部门专项检查发现，2024年医院存在重复收取一次性材料费、超标准收取床位费等问题，涉及医保基金18.73万元。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 3,
          measures: [
            {
              content: '按照检查结论将违规收取的医保基金全额退回，涉及患者个人自付部分的逐一联系退还。',
              departmentIndex: 3,
            },
            { content: '升级医院收费信息系统，对重复收费、超标准收费设置系统拦截规则。', departmentIndex: 3 },
            { content: '组织临床科室收费人员开展医疗服务价格政策培训。', departmentIndex: 2 },
          ],
          progress: ['已退回违规收取的医保基金18.73万元。', '收费系统已新增拦截规则26条。'],
          outcome: { kind: 'funds_recovered', title: '退回违规收取的医保基金', amountYuan: 187300 },
        },
        {
          title: '部分科室检查项目开具不合理',
          description: '抽查80份住院病历，有14份存在“套餐式”开具检查项目的情况，部分检查与诊断关联度不高。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 2,
          measures: [
            { content: '开展合理检查专项点评，每月抽查住院病历，点评结果与科室绩效挂钩。', departmentIndex: 2 },
            { content: '修订临床检查项目开具规范，明确常见病种检查项目的适用指征。', departmentIndex: 2 },
          ],
          progress: ['已连续开展3个月专项点评，点评病历600份，通报不合理检查病例31例。'],
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '干部人才队伍建设和党员教育管理有差距',
      items: [
        {
          title: '中层干部选拔任用程序不规范',
          description:
            '2023年选拔的5名中层干部中，有2名未按规定进行民主推荐，个人有关事项报告核查结果未在讨论决定前运用。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 0,
          measures: [
            { content: '对照干部选拔任用有关规定，对近三年中层干部选拔任用工作开展自查。', departmentIndex: 0 },
            {
              content: '制定中层干部选拔任用工作流程，细化动议、推荐、考察、讨论决定和任职各环节要求。',
              departmentIndex: 0,
            },
          ],
          progress: ['自查已完成，发现的问题已向院党委作专题报告。', '中层干部选拔任用工作流程已印发。'],
        },
        {
          title: '临床科室党员教育管理宽松',
          description: '部分临床科室党员以工作忙为由不参加组织生活，有7名党员连续3个月以上未参加支部主题党日活动。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            { content: '逐一了解未参加组织生活党员的情况，由所在支部书记开展谈心谈话。', departmentIndex: 0 },
            { content: '推行临床党支部“错时”组织生活，利用交接班后时段灵活安排主题党日。', departmentIndex: 0 },
          ],
          progress: ['已对7名党员逐一谈心谈话，相关党员均已参加最近一次主题党日。'],
        },
      ],
    },
    {
      aspectIndex: 3,
      title: '经济责任审计发现问题整改不彻底',
      items: [
        {
          title: '基建项目竣工结算长期滞后',
          description: '前任院长经济责任审计指出的门诊综合楼竣工结算问题至今未解决，工程投入使用3年仍未办理竣工决算。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 3,
          measures: [
            {
              content: '成立门诊综合楼竣工结算工作专班，倒排时间节点，督促施工单位限期报送结算资料。',
              departmentIndex: 3,
            },
            { content: '委托造价咨询机构开展结算审核，审核结果提交院党委会研究。', departmentIndex: 3 },
          ],
          progress: ['施工单位已报送全部结算资料，造价咨询机构已进场审核。'],
        },
        {
          title: '科室对外合作收入未纳入统一核算',
          description: '审计指出康复科对外合作项目分成收入未纳入医院统一核算，整改时仅作了情况说明，未实际清理。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对康复科对外合作项目进行全面清理，终止不符合规定的合作协议。', departmentIndex: 3 },
            { content: '将合作项目分成收入全部纳入医院财务统一核算，由纪检监察室跟踪监督。', departmentIndex: 1 },
          ],
          progress: ['已终止不合规合作协议1份，合作项目收入已全部纳入医院财务统一核算。'],
        },
      ],
    },
  ],
};

const street: DemoUnit = {
  name: '中共江澜市滨河街道工作委员会',
  shortName: '滨河街道党工委',
  code: 'JL-BHJD',
  teamIndex: 0,
  inspectionKind: 'regular',
  firstResponsible: '宋春来',
  firstResponsibleTitle: '街道党工委书记',
  deputyLeaders: [
    { name: '梁晓红', title: '街道党工委副书记、办事处主任' },
    { name: '田国富', title: '街道党工委委员、纪工委书记' },
  ],
  adminStaff: '廖婷',
  departments: [
    { name: '党政综合办公室', code: 'JL-BHJD-DZB', staff: ['彭思雨'] },
    { name: '党建工作办公室', code: 'JL-BHJD-DJB', staff: ['黎晓峰'] },
    { name: '财政所', code: 'JL-BHJD-CZS', staff: ['孟凡丽'] },
    { name: '社会事务办公室', code: 'JL-BHJD-SWB', staff: ['段志勇', '柏小芸'] },
    { name: '综合行政执法队', code: 'JL-BHJD-ZFD', staff: ['侯明杰'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '落实基层治理和为民服务部署有差距',
      items: [
        {
          title: '12345热线诉求“办而未结”',
          description:
            '2024年辖区12345热线重复投诉率达18%，老旧小区停车难、加装电梯等诉求多次回复“已办结”，但问题未实际解决。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 3,
          measures: [
            {
              content: '对2024年以来的重复投诉件逐件回访，建立“未解决问题”清单，由班子成员分片包案办理。',
              departmentIndex: 3,
            },
            { content: '实行热线诉求“首接负责、结果回访”制度，未经群众确认不得作办结处理。', departmentIndex: 0 },
          ],
          progress: ['已回访重复投诉件216件，纳入包案清单的43件已解决29件。', '热线诉求结果回访制度已在各社区推行。'],
        },
        {
          title: '违法建设整治成果巩固不力',
          description: '巡察组抽查已销号的20处违法建设，其中7处存在整治后复建或部分拆除后恢复使用的情况。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对已销号的违法建设点位开展全面复查，对复建的依法予以拆除。', departmentIndex: 4 },
            { content: '建立违法建设网格巡查机制，将日常巡查责任落实到社区网格员。', departmentIndex: 4 },
          ],
          progress: ['已复查违法建设销号点位138处，7处复建违建已拆除5处。'],
        },
        {
          title: '意识形态阵地管理不严',
          description: '街道微信公众号未落实“三审三校”，2024年发布的信息有3次出现表述错误，社区宣传栏内容更新不及时。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            { content: '制定街道网络信息发布审核制度，落实“三审三校”和班子成员终审签发。', departmentIndex: 0 },
            { content: '对街道和各社区宣传栏、电子屏内容开展全面排查，及时更新撤换过时内容。', departmentIndex: 1 },
          ],
          progress: ['网络信息发布审核制度已印发，公众号发布流程已调整。', '已排查宣传阵地54处，更新内容31处。'],
          outcome: { kind: 'rule_made', title: '《滨河街道网络信息发布审核管理制度》' },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '落实全面从严治党“两个责任”不到位',
      items: [
        {
          title: '社区集体资产出租不规范',
          description: '4个社区的7间临街门面房未经公开招租，由社区自行协议出租，租金明显低于周边市场价格。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对辖区各社区集体资产进行全面清查，建立资产台账。', departmentIndex: 2 },
            { content: '租赁合同到期后一律通过公开平台招租，对协议价格明显偏低的依法协商调整。', departmentIndex: 2 },
            { content: '制定社区集体资产管理办法，明确资产出租的审批和公开程序。', departmentIndex: 1 },
          ],
          progress: ['已完成社区集体资产清查，登记资产112项。', '3间门面房已重新公开招租，租金平均提高42%。'],
          outcome: { kind: 'rule_made', title: '《滨河街道社区集体资产管理办法》' },
        },
        {
          title: '高龄津贴发放审核不严',
          description: '2023年至2024年有3名已去世老人仍被继续发放高龄津贴，共计1.08万元，社区复核未发现。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 3,
          measures: [
            { content: '与民政、医保、殡葬管理等部门开展数据比对，全面核查高龄津贴领取人员资格。', departmentIndex: 3 },
            { content: '追回违规发放的高龄津贴，对审核把关不严的社区工作人员进行批评教育。', departmentIndex: 3 },
          ],
          progress: ['已完成2860名高龄津贴领取人员数据比对。', '已追回违规发放的高龄津贴1.08万元。'],
          outcome: { kind: 'funds_recovered', title: '追回违规发放的高龄津贴', amountYuan: 10800 },
        },
        {
          title: '对社区干部日常监督不到位',
          description:
            '街道纪工委对社区“两委”成员的监督以听取汇报为主，2024年未开展社区财务专项检查，群众反映的个别社区干部优亲厚友问题未及时核实。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 1,
          measures: [
            { content: '建立社区“小微权力”清单，明确社区事务办理流程并在社区公开栏公示。', departmentIndex: 1 },
            { content: '每半年对各社区财务收支开展一次专项检查。', departmentIndex: 2 },
            { content: '对群众反映的问题逐一核实，对存在问题的社区干部依规严肃处理。', departmentIndex: 1 },
          ],
          progress: ['社区“小微权力”清单已在9个社区公示。', '群众反映的问题已核实完毕，对2名社区干部进行批评教育。'],
          outcome: {
            kind: 'accountability',
            title: '对2名社区干部批评教育',
            accountabilityKind: 'criticism',
            peopleCount: 2,
          },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '财务管理和政府采购不规范',
      items: [
        {
          title: '报销凭证不规范',
          description: '抽查2024年会计凭证，有14笔支出附件不全，其中2笔以收据代替发票入账。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对2024年以来的会计凭证开展自查，补齐缺失的原始单据。', departmentIndex: 2 },
            { content: '严格执行报销审核制度，对附件不全的支出一律不予报销。', departmentIndex: 2 },
          ],
          progress: ['已完成凭证自查，补齐14笔支出的原始单据。'],
        },
        {
          title: '政府采购化整为零',
          description: '2024年街道办公设备采购分5次实施，累计金额46万元，规避了政府采购程序。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            { content: '年初编制政府采购计划，同类项目合并采购，严禁化整为零规避政府采购。', departmentIndex: 2 },
            { content: '对拆分采购的相关责任人进行约谈。', departmentIndex: 0 },
          ],
          progress: ['年度采购计划已编制并经街道党工委会议审议。', '同类办公设备已合并实施政府采购。'],
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '基层党组织建设有弱项',
      items: [
        {
          title: '社区党组织书记队伍后继乏人',
          description: '9个社区党组织书记中有5名年龄超过55岁，社区后备干部储备不足，2个社区暂无合适的书记接替人选。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 1,
          measures: [
            { content: '实施社区后备干部培养计划，每个社区储备2名以上后备力量。', departmentIndex: 1 },
            { content: '通过公开招聘、退役军人和高校毕业生回引等途径充实社区工作者队伍。', departmentIndex: 1 },
          ],
          progress: ['已建立社区后备干部库，首批入库23人。', '公开招聘社区工作者8名，其中35岁以下6名。'],
        },
        {
          title: '新就业群体党建覆盖不足',
          description: '辖区内3栋商务楼宇和2个快递网点未建立党组织，也未选派党建指导员，新就业群体党员底数不清。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 1,
          measures: [
            { content: '开展新就业群体党员排查，摸清快递员、外卖骑手中的党员底数。', departmentIndex: 1 },
            { content: '在商务楼宇成立联合党支部，向未建立党组织的网点选派党建指导员。', departmentIndex: 1 },
          ],
          progress: ['已排查出新就业群体党员17名。', '已成立楼宇联合党支部1个，选派党建指导员5名。'],
        },
        {
          title: '党费收缴管理不规范',
          description: '3个社区党支部存在由支部统一代缴党费、部分党员未核定基数即按最低标准交纳党费的情况。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 1,
          measures: [
            { content: '对辖区党员党费交纳基数进行重新核定，对少交的督促补交。', departmentIndex: 1 },
            { content: '推行党员按月自行交纳党费，支部每季度公示党费收缴情况。', departmentIndex: 1 },
          ],
          progress: ['已重新核定党费交纳基数，56名党员补交党费。'],
        },
      ],
    },
  ],
};

const housing: DemoUnit = {
  name: '江澜市住房和城乡建设局',
  shortName: '市住房城乡建设局',
  code: 'JL-ZJJ',
  teamIndex: 1,
  inspectionKind: 'regular',
  firstResponsible: '吴振华',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '潘丽君', title: '局党组成员、副局长' },
    { name: '崔永健', title: '局党组成员、总工程师' },
  ],
  adminStaff: '卢佳',
  departments: [
    { name: '办公室', code: 'JL-ZJJ-BGS', staff: ['冯雅婷'] },
    { name: '人事科（机关党委）', code: 'JL-ZJJ-RSK', staff: ['韩立新'] },
    { name: '计划财务科', code: 'JL-ZJJ-CWK', staff: ['郭秀珍'] },
    { name: '建筑市场监管科', code: 'JL-ZJJ-JZK', staff: ['董俊杰', '薛凯'] },
    { name: '房地产市场监管科', code: 'JL-ZJJ-FDCK', staff: ['袁梦琪'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '防范化解房地产领域风险有差距',
      items: [
        {
          title: '问题楼盘化解推进缓慢',
          description:
            '纳入保交楼任务的2个项目交付进度均滞后于计划，其中锦苑小区项目主体完工后停工近8个月，购房群众多次集体信访。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对问题楼盘实行“一盘一策”，由局领导包干负责，协调金融机构落实专项借款。', departmentIndex: 4 },
            { content: '每周调度项目复工和交付进度，定期向购房群众通报情况，及时回应合理诉求。', departmentIndex: 4 },
          ],
          progress: ['锦苑小区项目已复工，累计完成投资5800万元。', '已组织购房群众代表座谈2次。'],
        },
        {
          title: '商品房预售资金监管不严',
          description:
            '抽查3个在售项目，发现部分购房款未进入监管账户，涉及资金约2600万元，监管银行违规拨付未被及时发现。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 4,
          measures: [
            {
              content: '对全市在售项目预售资金监管情况开展全面排查，督促开发企业限期将应监管资金存入监管账户。',
              departmentIndex: 4,
            },
            { content: '建立监管银行考核和退出机制，对违规拨付的暂停其监管资格。', departmentIndex: 4 },
          ],
          progress: [
            '已排查在售项目47个，督促回存监管资金2600万元。',
            '已约谈监管银行3家，对违规拨付的1家暂停监管资格。',
          ],
        },
        {
          title: '老旧小区改造工程质量不高',
          description: '群众反映2023年改造的3个老旧小区存在雨污分流不彻底、外墙保温层脱落等问题，竣工验收把关不严。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对2023年以来完工的老旧小区改造项目开展质量回头看，督促施工单位限期返修。', departmentIndex: 3 },
            { content: '建立老旧小区改造居民代表参与验收制度，验收结果在小区公示。', departmentIndex: 3 },
          ],
          progress: ['已排查改造项目26个，发现质量问题41处，已返修33处。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '建筑市场监管存在廉洁风险',
      items: [
        {
          title: '招投标异常情况处置不及时',
          description:
            '2024年有2个房建项目投标文件存在编制雷同、报价呈规律性差异等围标串标迹象，监管科室未及时移交查处。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对2023年以来的房建和市政项目招投标情况开展复查，发现违法线索依法移交。', departmentIndex: 3 },
            { content: '会同市公共资源交易中心建立招投标异常信息共享和联合处置机制。', departmentIndex: 3 },
          ],
          progress: ['已复查项目63个，移交违法违规线索2条。'],
        },
        {
          title: '行政处罚自由裁量不规范',
          description: '对同类扬尘治理违法行为的处罚金额差异较大，最低5000元、最高5万元，裁量理由记载不充分。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 3,
          measures: [
            { content: '修订建设领域行政处罚裁量基准，细化裁量情形和幅度。', departmentIndex: 3 },
            { content: '建立重大行政处罚案件集体讨论和法制审核制度。', departmentIndex: 0 },
          ],
          progress: ['裁量基准已修订并向社会公布。', '重大行政处罚案件法制审核已全面实行。'],
          outcome: { kind: 'rule_revised', title: '《江澜市住房和城乡建设领域行政处罚裁量基准》' },
        },
        {
          title: '干部亲属从业情况报告不实',
          description: '1名科级干部配偶在本市从事工程咨询业务，该干部未在个人有关事项报告中如实报告。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 1,
          measures: [
            { content: '组织局机关干部重新填报亲属从业情况，对重点岗位干部开展专项核查。', departmentIndex: 1 },
            { content: '对未如实报告的干部进行诫勉谈话，并调整其工作岗位。', departmentIndex: 1 },
          ],
          progress: ['已完成全局干部亲属从业情况重新填报和核查。', '已对该干部诫勉谈话，并调离建筑市场监管岗位。'],
          outcome: {
            kind: 'accountability',
            title: '对1名干部诫勉谈话',
            accountabilityKind: 'admonishment',
            peopleCount: 1,
          },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '落实中央八项规定精神有差距',
      items: [
        {
          title: '违规接受管理服务对象宴请',
          description: '巡察发现2名干部节假日期间参加辖区房地产开发企业安排的聚餐，局党组未及时掌握。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 1,
          measures: [
            { content: '配合纪检监察机关对相关人员依规依纪严肃处理，并在局机关通报。', departmentIndex: 1 },
            { content: '开展违规吃喝问题专项整治，组织全体干部签订廉洁从政承诺书。', departmentIndex: 0 },
          ],
          progress: ['2名干部已受到党纪处分，处理结果已在局机关通报。', '全局132名干部已签订廉洁从政承诺书。'],
          outcome: {
            kind: 'accountability',
            title: '2名干部受到党纪处分',
            accountabilityKind: 'discipline',
            peopleCount: 2,
          },
        },
        {
          title: '培训费使用不规范',
          description: '2024年局属单位在风景区举办业务培训班，培训费中列支景区门票等费用1.26万元。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 2,
          measures: [
            { content: '清退培训费中违规列支的费用，由相关人员个人承担。', departmentIndex: 2 },
            { content: '严格执行培训计划审批制度，培训一律在机关内部场所或定点场所举办。', departmentIndex: 0 },
          ],
          progress: ['已清退违规列支费用1.26万元。'],
          outcome: { kind: 'funds_recovered', title: '清退违规列支的培训费用', amountYuan: 12600 },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '干部队伍建设和管理监督不够有力',
      items: [
        {
          title: '重点岗位干部交流轮岗不到位',
          description: '建筑市场监管、质量安全监督等重点岗位有5名干部在同一岗位任职超过8年，未按规定交流。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 1,
          measures: [
            { content: '梳理重点岗位和干部任职年限，制定交流轮岗计划并分批实施。', departmentIndex: 1 },
            { content: '对暂不具备交流条件的岗位，实行业务分段、权力分置、定期轮审。', departmentIndex: 1 },
          ],
          progress: ['重点岗位交流轮岗计划已经局党组会议研究通过。', '首批3名干部已完成交流。'],
        },
        {
          title: '干部任前公示时间不足',
          description: '2023年提拔的2名科级干部任前公示期为4个工作日，不足规定的5个工作日。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 1,
          measures: [
            { content: '组织人事干部系统学习干部选拔任用有关规定，对近三年干部任免程序逐项核对。', departmentIndex: 1 },
            { content: '制定干部选拔任用纪实表，每个环节由经办人和审核人签字确认。', departmentIndex: 1 },
          ],
          progress: ['已组织专题学习1次，干部选拔任用纪实表已投入使用。'],
        },
      ],
    },
    {
      aspectIndex: 3,
      title: '审计发现问题整改不到位',
      items: [
        {
          title: '城建项目结余资金未按规定上缴',
          description: '审计指出2个已完工城建项目结余资金14.86万元未按规定上缴财政，整改期满仍滞留在局属单位账上。',
          kind: 'deadline',
          deadlineMonths: 1,
          leadDepartmentIndex: 2,
          measures: [
            { content: '将项目结余资金全额上缴财政。', departmentIndex: 2 },
            { content: '对已完工项目资金开展全面清理，建立项目结余资金定期报告制度。', departmentIndex: 2 },
          ],
          progress: ['已上缴结余资金14.86万元。', '已完工项目资金清理已覆盖局属单位5家。'],
        },
      ],
    },
  ],
};

const education: DemoUnit = {
  name: '江澜市教育局',
  shortName: '市教育局',
  code: 'JL-JYJ',
  teamIndex: 1,
  inspectionKind: 'regular',
  firstResponsible: '曾德胜',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '贺雅琴', title: '局党组成员、副局长' },
    { name: '严卫国', title: '局党组成员、副局长' },
  ],
  adminStaff: '齐婉婷',
  departments: [
    { name: '办公室', code: 'JL-JYJ-BGS', staff: ['万佳琪'] },
    { name: '组织人事科（机关党委）', code: 'JL-JYJ-RSK', staff: ['杨振飞'] },
    { name: '计划财务科', code: 'JL-JYJ-CWK', staff: ['柯丽芳'] },
    { name: '基础教育科', code: 'JL-JYJ-JJK', staff: ['谢文涛'] },
    { name: '思想政治工作科', code: 'JL-JYJ-SZK', staff: ['伍晓岚'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '落实立德树人根本任务有差距',
      items: [
        {
          title: '中小学思政课教师配备不足',
          description: '全市初中思政课专职教师缺口28名，3所农村初中思政课长期由其他学科教师兼任。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 4,
          measures: [
            { content: '在年度教师招聘计划中单列思政课教师岗位，优先补充农村学校。', departmentIndex: 1 },
            { content: '组建市级思政课名师工作室，对兼任思政课的教师开展全员轮训。', departmentIndex: 4 },
          ],
          progress: ['年度教师招聘计划已单列思政课教师岗位20个。', '已组织兼任思政课教师培训2期，培训96人次。'],
        },
        {
          title: '校园意识形态阵地管理不严',
          description:
            '抽查12所学校，有2所学校图书室存有不适宜中小学生阅读的图书，个别学校允许校外培训机构进校园发放宣传资料。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 4,
          measures: [
            { content: '组织全市中小学图书室开展全面清查，对问题图书一律下架处理。', departmentIndex: 4 },
            { content: '建立进校园活动审批备案制度，严禁商业广告和宣传资料进校园。', departmentIndex: 3 },
          ],
          progress: ['已清查学校图书室186个，下架问题图书1300余册。', '进校园活动审批备案工作已在全市中小学推开。'],
        },
        {
          title: '校外培训监管不到位',
          description:
            '对以“家政服务”“研学营地”等名义开展的隐形变异学科类培训查处不力，2024年群众举报的19件中有7件未办结。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对未办结的举报件逐件督办，联合市场监管、公安等部门开展专项执法检查。', departmentIndex: 3 },
            { content: '建立校外培训监管网格员制度，将日常巡查任务落实到街道社区。', departmentIndex: 3 },
          ],
          progress: ['7件举报件已全部办结，查处违规培训点5个。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '教育领域群众身边不正之风和腐败问题整治不力',
      items: [
        {
          title: '学校食堂管理不规范',
          description: '4所学校食堂账务未按规定公开，食堂年度结余率超过10%，部分学校从食堂经费中列支教职工伙食补助。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对全市中小学食堂财务开展专项审计，超标结余部分全部用于改善学生伙食。', departmentIndex: 2 },
            { content: '推行学校食堂账务月度公示和家长代表陪餐制度。', departmentIndex: 3 },
            { content: '责令从食堂经费中列支教职工伙食补助的学校限期清退。', departmentIndex: 2 },
          ],
          progress: ['专项审计已覆盖学校食堂63个。', '已清退从食堂经费违规列支的教职工伙食补助8.34万元。'],
          outcome: { kind: 'funds_recovered', title: '清退违规列支的教职工伙食补助', amountYuan: 83400 },
        },
        {
          title: '学校违规收取资料费',
          description: '2所初中以“复习资料费”名义向学生收取费用，涉及学生825名、金额4.125万元。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 3,
          measures: [
            { content: '责令相关学校将违规收取的费用全额退还学生家长。', departmentIndex: 3 },
            { content: '对2所学校校长进行诫勉谈话，并在全市教育系统通报。', departmentIndex: 1 },
          ],
          progress: ['违规收取的资料费已全部退还。', '已对2名校长诫勉谈话并在全市教育系统通报。'],
          outcome: { kind: 'funds_recovered', title: '退还违规收取的资料费', amountYuan: 41250 },
        },
        {
          title: '学生资助资金发放不精准',
          description: '比对发现有17名已转学、休学的学生仍在原学校领取生活补助，涉及资金2.125万元。',
          kind: 'deadline',
          deadlineMonths: 1,
          leadDepartmentIndex: 2,
          measures: [
            { content: '追回不符合条件学生的资助资金，重新核定资助对象。', departmentIndex: 2 },
            { content: '建立学籍系统与资助系统数据比对机制，每学期至少比对一次。', departmentIndex: 2 },
          ],
          progress: ['已追回资助资金2.125万元。', '本学期数据比对已完成。'],
          outcome: { kind: 'funds_recovered', title: '追回不符合条件学生的资助资金', amountYuan: 21250 },
        },
        {
          title: '教学装备采购验收不严',
          description: '2023年采购的一批智慧黑板中有46台与合同约定配置不符，验收时未发现，部分设备安装后长期闲置。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 2,
          measures: [
            {
              content: '对2023年以来的教学装备采购项目开展验收复查，不符合合同约定的责令供应商更换或扣减货款。',
              departmentIndex: 2,
            },
            { content: '建立教学装备使用情况年度评估制度，推动闲置设备在学校间调剂使用。', departmentIndex: 3 },
          ],
          progress: ['已督促供应商更换不符合约定的设备46台。', '已调剂闲置设备31台。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '师德师风建设抓得不紧',
      items: [
        {
          title: '在职教师有偿补课问题时有发生',
          description: '2024年查实4名在职教师违规有偿补课，其中2人在学校周边租房长期办班。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 1,
          measures: [
            { content: '对查实的4名教师依规依纪作出处理，并在全市教育系统通报。', departmentIndex: 1 },
            {
              content: '开展师德师风专项整治，公布举报电话，将有偿补课问题与评优评先、职称评聘挂钩。',
              departmentIndex: 1,
            },
          ],
          progress: ['4名教师已受到处分并被通报。', '全市中小学教师已签订拒绝有偿补课承诺书。'],
          outcome: {
            kind: 'accountability',
            title: '4名教师受到处分',
            accountabilityKind: 'discipline',
            peopleCount: 4,
          },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '学校党建工作和校长队伍建设有短板',
      items: [
        {
          title: '中小学校党组织领导的校长负责制落实不到位',
          description:
            '全市32所公办中小学中有12所未按要求修订党组织会议和校长办公会议议事规则，“三重一大”事项未经党组织会议研究。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 1,
          measures: [
            {
              content: '印发议事规则示范文本，指导公办中小学修订完善党组织会议和校长办公会议议事规则。',
              departmentIndex: 1,
            },
            { content: '对学校党组织书记开展专题培训，定期抽查学校党组织会议记录。', departmentIndex: 1 },
          ],
          progress: ['12所学校议事规则已全部修订完成并报备。'],
          outcome: {
            kind: 'rule_made',
            title: '《江澜市中小学校党组织会议和校长办公会议议事规则（示范文本）》',
          },
        },
        {
          title: '校长交流轮岗制度执行不到位',
          description: '有9名中小学校长在同一学校任职超过10年，校长交流轮岗制度未有效执行。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 1,
          measures: [
            { content: '制定中小学校长交流轮岗实施方案，每年按比例有序交流。', departmentIndex: 1 },
            { content: '将校长任期目标考核结果作为交流使用的重要依据。', departmentIndex: 1 },
          ],
          progress: ['实施方案已印发，本学年已交流校长4名。'],
        },
      ],
    },
    {
      aspectIndex: 3,
      title: '上轮巡察反馈问题整改不彻底',
      items: [
        {
          title: '学校改扩建项目结算审计滞后',
          description: '上轮巡察指出3所学校改扩建项目未办理竣工结算审计，整改期满后仍有1个项目未完成。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 2,
          measures: [
            { content: '督促施工单位报送结算资料，委托审计机构限期完成结算审计。', departmentIndex: 2 },
            { content: '建立校舍建设项目结算审计台账，逐月跟踪进度。', departmentIndex: 2 },
          ],
          progress: ['该项目结算审计已完成，审减金额21.7万元。'],
        },
      ],
    },
  ],
};

const cityInvestment: DemoUnit = {
  name: '江澜市城市建设投资集团有限公司',
  shortName: '市城投集团',
  code: 'JL-CTJT',
  teamIndex: 1,
  inspectionKind: 'regular',
  firstResponsible: '包志强',
  firstResponsibleTitle: '集团党委书记、董事长',
  deputyLeaders: [
    { name: '温丽华', title: '集团党委副书记、总经理' },
    { name: '向东升', title: '集团党委委员、副总经理' },
  ],
  adminStaff: '鲁小雨',
  departments: [
    { name: '党群工作部', code: 'JL-CTJT-DQB', staff: ['傅婷婷'] },
    { name: '综合办公室', code: 'JL-CTJT-ZHB', staff: ['庞宇'] },
    { name: '财务管理部', code: 'JL-CTJT-CWB', staff: ['邹玉洁'] },
    { name: '工程管理部', code: 'JL-CTJT-GCB', staff: ['魏宏伟'] },
    { name: '投资发展部', code: 'JL-CTJT-TZB', staff: ['闫立群'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '聚焦主责主业服务全市发展大局不够',
      items: [
        {
          title: '偏离主业开展贸易业务',
          description:
            '集团下属城建商贸公司2022年以来开展钢材、煤炭等大宗商品贸易，利润率不足0.3%，形成应收账款1860万元。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 4,
          measures: [
            { content: '全面清理非主业贸易业务，停止新增与主业无关的大宗商品贸易。', departmentIndex: 4 },
            { content: '对已形成的应收账款逐笔制定清收方案，必要时通过法律途径追偿。', departmentIndex: 2 },
          ],
          progress: ['已停止新增大宗商品贸易业务。', '已收回应收账款720万元，对2家企业提起诉讼。'],
        },
        {
          title: '存量资产盘活不力',
          description: '集团所属5处经营性房产、土地闲置超过2年，未制定盘活方案，资产收益率偏低。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对集团存量资产全面摸底，建立闲置资产清单，逐项制定盘活方案。', departmentIndex: 4 },
            { content: '通过公开招租、合作开发、划转处置等方式分类盘活闲置资产。', departmentIndex: 4 },
          ],
          progress: ['闲置资产清单已建立，2处房产已公开招租。'],
        },
        {
          title: '安置房项目交付延期',
          description: '集团承建的2个安置房项目交付时间较合同约定延期超过6个月，被征收群众反映强烈。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 3,
          measures: [
            { content: '倒排工期、挂图作战，督促施工单位增加作业面和施工人员。', departmentIndex: 3 },
            { content: '延期交付期间的过渡安置费按月足额发放到户。', departmentIndex: 2 },
          ],
          progress: ['1个项目已完成竣工验收，另1个项目主体已封顶。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '国有资产监管和廉洁风险防控存在漏洞',
      items: [
        {
          title: '投资决策程序不规范',
          description:
            '2023年集团对外股权投资的2个项目未开展可行性研究和尽职调查即提交董事会决策，其中1个项目已出现亏损。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 4,
          measures: [
            {
              content: '修订集团投资管理办法，明确投资项目必须履行可行性研究、尽职调查、风险评估和党委前置研究程序。',
              departmentIndex: 4,
            },
            { content: '对2个投资项目开展投资后评价，提出止损方案。', departmentIndex: 4 },
            { content: '对决策失误负有责任的人员依规依纪追究责任。', departmentIndex: 0 },
          ],
          progress: ['投资管理办法已修订并经董事会审议通过。', '投资后评价报告已完成，止损方案已提交集团党委研究。'],
          outcome: { kind: 'rule_revised', title: '《江澜市城市建设投资集团有限公司投资管理办法》' },
        },
        {
          title: '工程结算审核把关不严',
          description:
            '抽查4个已完工安置房项目，发现2个项目存在工程量重复计算、材料价格虚高问题，多付工程款26.85万元。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 3,
          measures: [
            { content: '委托第三方对近三年完工项目结算开展复审，多付的工程款依法追回。', departmentIndex: 3 },
            { content: '建立工程结算内审和外审双重把关机制。', departmentIndex: 2 },
          ],
          progress: ['复审已完成项目11个。', '已追回多付工程款26.85万元。'],
          outcome: { kind: 'funds_recovered', title: '追回多付工程款', amountYuan: 268500 },
        },
        {
          title: '下属子公司违规对外出借资金',
          description: '集团下属1家子公司2023年未经集团审批向1家民营企业出借资金，到期后未能收回。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 2,
          measures: [
            { content: '全面排查集团及子公司对外借款、担保情况，严禁未经审批对外出借资金。', departmentIndex: 2 },
            { content: '依法采取财产保全等措施追收借款。', departmentIndex: 2 },
          ],
          progress: ['已完成对外借款和担保情况排查。', '已向法院申请财产保全。'],
          withheld: '涉及正在审理的民事诉讼，公开可能影响诉讼进程，不宜公开。',
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '落实中央八项规定精神不到位',
      items: [
        {
          title: '业务招待费管理不严',
          description:
            '2024年集团下属3家子公司业务招待费同比增长34%，部分招待无审批单、无客人名单，存在“一餐多单”拆分报销情况。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 1,
          measures: [
            { content: '对下属子公司业务招待费开展专项检查，不合规支出由个人承担。', departmentIndex: 2 },
            { content: '对业务招待实行年度预算总额控制和事前审批，招待清单按月公示。', departmentIndex: 1 },
          ],
          progress: ['专项检查已完成，不合规支出已由相关人员退缴。', '子公司业务招待已实行事前审批和月度公示。'],
        },
        {
          title: '节日违规发放福利',
          description: '2024年春节、中秋期间下属子公司以工会福利名义为员工发放购物卡，超出工会经费使用标准3.72万元。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            { content: '清退超标准发放的购物卡费用。', departmentIndex: 2 },
            { content: '对相关子公司负责人进行批评教育，并在集团范围内通报。', departmentIndex: 0 },
          ],
          progress: ['已清退超标准发放费用3.72万元。', '已在集团范围内通报。'],
          outcome: { kind: 'funds_recovered', title: '清退超标准发放的节日福利', amountYuan: 37200 },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '国企党建和选人用人工作有差距',
      items: [
        {
          title: '党建工作与生产经营融合不紧',
          description: '集团对子公司党组织的考核与经营业绩考核相互脱节，党建考核结果未与子公司负责人薪酬挂钩。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 0,
          measures: [
            {
              content: '修订子公司党建工作考核办法，将党建考核结果与经营业绩考核、负责人薪酬挂钩。',
              departmentIndex: 0,
            },
            { content: '在重点工程项目推行“党建+项目”工作法，设立党员先锋岗和党员责任区。', departmentIndex: 0 },
          ],
          progress: ['在3个重点工程项目设立党员先锋岗12个。', '子公司党建工作考核办法修订稿已征求意见。'],
        },
        {
          title: '员工招聘不规范',
          description:
            '2023年至2024年下属子公司招聘的19名员工中有11名未经公开招聘程序，其中2人为集团中层管理人员亲属。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 0,
          measures: [
            { content: '制定集团公开招聘管理办法，除特殊人才外一律实行公开招聘。', departmentIndex: 0 },
            { content: '对近两年招聘人员逐一核查，对违规进人的责任人严肃处理。', departmentIndex: 0 },
          ],
          progress: ['公开招聘管理办法已印发。', '核查已完成，对2名责任人诫勉谈话。'],
          outcome: {
            kind: 'accountability',
            title: '对2名责任人诫勉谈话',
            accountabilityKind: 'admonishment',
            peopleCount: 2,
          },
        },
        {
          title: '子公司负责人违规兼职取酬',
          description: '1名子公司副总经理在集团参股企业兼任董事并领取报酬4.8万元，未报集团党委批准。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            { content: '责令当事人辞去兼职并退还全部兼职报酬。', departmentIndex: 0 },
            { content: '对集团管理人员在外兼职情况开展全面清理。', departmentIndex: 0 },
          ],
          progress: ['当事人已辞去兼职，退还报酬4.8万元。', '兼职清理已完成，未发现其他违规兼职取酬情况。'],
          outcome: { kind: 'funds_recovered', title: '退还违规兼职取得的报酬', amountYuan: 48000 },
        },
      ],
    },
  ],
};

const naturalResources: DemoUnit = {
  name: '江澜市自然资源和规划局',
  shortName: '市自然资源规划局',
  code: 'JL-ZRZYJ',
  teamIndex: 2,
  inspectionKind: 'regular',
  firstResponsible: '邵宏亮',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '丁秀梅', title: '局党组成员、副局长' },
    { name: '贾东海', title: '局党组成员、副局长' },
  ],
  adminStaff: '毛佳音',
  departments: [
    { name: '办公室', code: 'JL-ZRZYJ-BGS', staff: ['邓丽娜'] },
    { name: '人事教育科', code: 'JL-ZRZYJ-RSK', staff: ['汪志成'] },
    { name: '国土空间规划科', code: 'JL-ZRZYJ-GHK', staff: ['苏晓东'] },
    { name: '耕地保护和生态修复科', code: 'JL-ZRZYJ-GBK', staff: ['陶文静'] },
    { name: '执法监察支队', code: 'JL-ZRZYJ-ZFD', staff: ['康立军', '胡斌'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '落实耕地保护和生态文明建设责任不到位',
      items: [
        {
          title: '违法占用耕地整改不彻底',
          description: '2024年卫片执法发现的违法占地图斑中有23宗未整改到位，其中9宗占用永久基本农田。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对未整改图斑逐宗建立整改台账，督促县区限期拆除复垦。', departmentIndex: 4 },
            { content: '对占用永久基本农田的违法行为依法立案查处，涉嫌犯罪的移送司法机关。', departmentIndex: 4 },
            { content: '将耕地保护目标责任履行情况纳入对县区的年度考核。', departmentIndex: 3 },
          ],
          progress: ['23宗违法图斑已整改到位16宗。', '占用永久基本农田的9宗已全部立案查处。'],
        },
        {
          title: '历史遗留矿山生态修复滞后',
          description: '3处历史遗留废弃矿山生态修复项目未按期完成，其中1处修复工程停工超过1年。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 3,
          measures: [
            { content: '督促项目实施单位制定复工计划，明确各阶段完成时间。', departmentIndex: 3 },
            { content: '积极争取上级生态修复资金，探索引入社会资本参与修复。', departmentIndex: 3 },
          ],
          progress: ['停工项目已复工，完成治理面积约60%。'],
        },
        {
          title: '规划条件调整审查不严',
          description: '2个商住项目容积率调整未经规划委员会审议，仅由业务科室出具意见后即予批准。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            {
              content: '制定建设用地规划条件调整管理规定，明确容积率等指标调整一律提交规划委员会审议并公示。',
              departmentIndex: 2,
            },
            { content: '对近三年规划条件调整事项全面复查，发现问题依法纠正。', departmentIndex: 2 },
          ],
          progress: ['规划条件调整管理规定已印发。', '已复查规划条件调整事项17项。'],
          outcome: { kind: 'rule_made', title: '《江澜市建设用地规划条件调整管理规定》' },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '土地资源管理和执法领域存在风险',
      items: [
        {
          title: '土地出让金滞纳金追缴不力',
          description: '4宗已出让地块未按合同约定期限缴清土地出让金，应收滞纳金38.6万元长期未追缴。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 0,
          measures: [
            { content: '向欠缴企业下达催缴通知书，依法追缴土地出让金及滞纳金。', departmentIndex: 0 },
            { content: '对逾期仍不缴纳的依法申请强制执行或收回土地使用权。', departmentIndex: 4 },
          ],
          progress: ['4宗地块欠缴的土地出让金已全部缴清。', '滞纳金38.6万元已缴入国库。'],
          outcome: { kind: 'funds_recovered', title: '追缴土地出让金滞纳金', amountYuan: 386000 },
        },
        {
          title: '测绘服务项目委托不规范',
          description: '2024年有6个测绘服务项目直接委托同一家测绘公司实施，未按规定开展比选。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 0,
          measures: [
            { content: '建立测绘服务机构备选库，实行随机抽取和轮流委托。', departmentIndex: 0 },
            { content: '对该测绘公司承接项目的成果质量和收费情况开展核查。', departmentIndex: 0 },
          ],
          progress: ['测绘服务机构备选库已建立，入库机构12家。'],
        },
        {
          title: '违法用地查处“以罚代管”',
          description: '对部分违法用地案件仅作罚款处理，未依法责令拆除或没收，违法状态长期存续。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对2022年以来的违法用地案件开展案卷评查，对处理不到位的依法补充处理。', departmentIndex: 4 },
            { content: '通报案卷评查结果，组织执法人员开展违法用地查处业务培训。', departmentIndex: 1 },
          ],
          progress: ['已评查案卷84件，对11件案件补充作出处理。', '已组织执法业务培训1期。'],
        },
        {
          title: '下乡执法检查就餐未交纳伙食费',
          description: '执法监察支队人员下乡检查期间多次在乡镇食堂就餐，未按规定交纳伙食费。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对相关人员进行提醒谈话，督促补交伙食费。', departmentIndex: 4 },
            { content: '明确下乡检查就餐一律按标准交纳伙食费，由带队人员负责监督。', departmentIndex: 0 },
          ],
          progress: ['已对3名人员提醒谈话，伙食费已补交。'],
          outcome: {
            kind: 'accountability',
            title: '对3名人员提醒谈话',
            accountabilityKind: 'reminder_talk',
            peopleCount: 3,
          },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '干部队伍建设和基层党组织建设有差距',
      items: [
        {
          title: '专业技术干部培训针对性不强',
          description: '2024年干部教育培训以政策宣讲为主，国土空间规划、测绘地理信息等专业培训仅组织2次。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 1,
          measures: [
            { content: '制定年度干部专业能力提升计划，按业务领域分类开展培训。', departmentIndex: 1 },
            { content: '选派业务骨干到省级主管部门跟班学习。', departmentIndex: 1 },
          ],
          progress: ['年度培训计划已印发，已组织专题培训4期。', '已选派2名业务骨干跟班学习。'],
        },
        {
          title: '执法监察支队党支部未按期换届',
          description: '执法监察支队党支部任期届满7个月未进行换届选举。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 1,
          measures: [
            { content: '指导执法监察支队党支部召开党员大会完成换届选举。', departmentIndex: 1 },
            { content: '建立党支部换届提醒机制，任期届满前3个月发出提醒。', departmentIndex: 1 },
          ],
          progress: ['执法监察支队党支部已完成换届选举。'],
        },
      ],
    },
    {
      aspectIndex: 3,
      title: '上轮巡察反馈问题整改不到位',
      items: [
        {
          title: '批而未供和闲置土地处置进展缓慢',
          description: '上轮巡察指出批而未供土地问题，整改后全市批而未供土地仍有2100亩，闲置土地处置率偏低。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 2,
          measures: [
            { content: '建立批而未供和闲置土地处置台账，分类制定处置方案。', departmentIndex: 2 },
            { content: '对闲置土地依法征收土地闲置费或无偿收回。', departmentIndex: 4 },
          ],
          progress: ['已消化批而未供土地680亩。', '已处置闲置土地5宗。'],
        },
      ],
    },
  ],
};

const medicalSecurity: DemoUnit = {
  name: '江澜市医疗保障局',
  shortName: '市医疗保障局',
  code: 'JL-YBJ',
  teamIndex: 2,
  inspectionKind: 'regular',
  firstResponsible: '夏建明',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '俞文娟', title: '局党组成员、副局长' },
    { name: '骆志远', title: '局党组成员、副局长' },
  ],
  adminStaff: '尹诗琪',
  departments: [
    { name: '办公室', code: 'JL-YBJ-BGS', staff: ['戴晓明'] },
    { name: '待遇保障科', code: 'JL-YBJ-DYK', staff: ['詹秀英'] },
    { name: '医药服务管理科', code: 'JL-YBJ-YYK', staff: ['牛建新'] },
    { name: '基金监管科', code: 'JL-YBJ-JJK', staff: ['付俊杰'] },
    { name: '市医疗保障事务中心', code: 'JL-YBJ-SWZX', staff: ['吕晓华', '蓝婷'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '落实医保惠民政策有差距',
      items: [
        {
          title: '异地就医备案便利化程度不高',
          description: '2024年异地就医备案线上办理率仅41%，部分参保群众仍需到窗口提交证明材料。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 4,
          measures: [
            { content: '推行异地就医备案承诺制，实现线上“零材料”办理。', departmentIndex: 4 },
            { content: '在各县区经办窗口和定点医院设置帮办专员，为老年人等群体提供代办服务。', departmentIndex: 4 },
          ],
          progress: ['异地就医备案线上办理率已提高到78%。'],
        },
        {
          title: '集采药品落地使用不到位',
          description: '全市有9家二级以上医疗机构集采中选药品使用量未达到约定量，部分非中选高价药品使用量不降反升。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对集采中选药品使用情况按月监测通报，对未完成约定量的医疗机构进行约谈。', departmentIndex: 2 },
            { content: '将集采执行情况纳入定点医疗机构年度考核和医保总额预算分配。', departmentIndex: 2 },
          ],
          progress: ['已约谈医疗机构5家，中选药品使用比例环比提高12个百分点。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '医保基金监管不够严格',
      items: [
        {
          title: '欺诈骗保问题线索查处不力',
          description: '2024年飞行检查移交的问题线索中有9条未按期处理完毕，个别定点药店串换药品问题查处不到位。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对未办结线索逐条挂牌督办，限期查处到位。', departmentIndex: 3 },
            { content: '追回违规使用的医保基金，对情节严重的定点机构解除医保服务协议。', departmentIndex: 3 },
          ],
          progress: ['9条线索已全部办结，追回医保基金26.43万元。', '已解除2家定点药店医保服务协议。'],
          outcome: { kind: 'funds_recovered', title: '追回违规使用的医保基金', amountYuan: 264300 },
        },
        {
          title: '门诊慢特病待遇认定把关不严',
          description: '抽查门诊慢特病认定档案，有27人认定材料不全，其中3人不符合认定条件。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 1,
          measures: [
            { content: '对门诊慢特病待遇认定档案开展全面复核，对不符合条件的依规停止享受待遇。', departmentIndex: 1 },
            { content: '推行认定专家随机抽取和认定结果公示制度。', departmentIndex: 1 },
          ],
          progress: ['已复核认定档案4200余份，停止不符合条件人员待遇5人。'],
        },
        {
          title: '定点医药机构考核流于形式',
          description: '2024年对定点医药机构的年度考核中，28家机构得分均在95分以上，考核结果未与基金拨付挂钩。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            { content: '修订定点医药机构考核办法，细化考核指标和扣分标准。', departmentIndex: 2 },
            { content: '将考核结果与年度清算、质量保证金返还和协议续签挂钩。', departmentIndex: 2 },
          ],
          progress: ['考核办法已经局党组会议审议通过并印发。'],
          outcome: { kind: 'rule_revised', title: '《江澜市定点医药机构医疗保障服务协议考核办法》' },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '医保经办内部管理存在廉洁风险',
      items: [
        {
          title: '经办业务内控机制不健全',
          description: '市医疗保障事务中心部分经办岗位存在受理、审核、支付“一人包办”现象，不相容岗位未分离。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 4,
          measures: [
            { content: '制定医保经办业务内部控制规程，实行受理、审核、复核、支付岗位分离。', departmentIndex: 4 },
            { content: '对经办系统操作权限全面清理，按岗位重新授权。', departmentIndex: 4 },
          ],
          progress: ['内部控制规程已印发施行。', '已清理经办系统操作账号63个。'],
          outcome: { kind: 'rule_made', title: '《江澜市医疗保障经办业务内部控制规程》' },
        },
        {
          title: '个别经办人员违规办理报销',
          description: '1名经办人员违规为亲属办理医疗费用手工报销，报销材料不符合规定。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            { content: '配合纪检监察机关对该经办人员依规依纪作出处理，追回违规报销费用。', departmentIndex: 0 },
            { content: '以案为鉴开展警示教育，组织全系统干部职工签订廉洁承诺书。', departmentIndex: 0 },
          ],
          progress: ['该经办人员已受到党内警告处分，违规报销费用已追回。', '已召开警示教育大会1次。'],
          outcome: {
            kind: 'accountability',
            title: '1名经办人员受到党内警告处分',
            accountabilityKind: 'discipline',
            peopleCount: 1,
          },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '作风建设有待加强',
      items: [
        {
          title: '检查期间乘坐被检查单位车辆',
          description: '2024年基金监管检查中，检查人员多次乘坐被检查定点医疗机构安排的车辆往返。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 3,
          measures: [
            { content: '在全局通报该问题，重申检查工作纪律。', departmentIndex: 0 },
            { content: '严格执行检查工作纪律，检查用车一律由局里统一安排。', departmentIndex: 3 },
          ],
          progress: ['已在全局通报并重申检查工作纪律，检查用车改由局里统一安排。'],
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '干部队伍和党组织建设有短板',
      items: [
        {
          title: '干部队伍专业化程度不高',
          description: '全局具有医学、药学、财会等专业背景的干部占比不足30%，基金监管专业人员尤为短缺。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 0,
          measures: [
            { content: '通过公开遴选和招录充实医学、药学、财会等专业人才。', departmentIndex: 0 },
            { content: '组建基金监管骨干人才库，开展以案代训。', departmentIndex: 3 },
          ],
          progress: ['已公开遴选专业人员3名，骨干人才库入库15人。'],
        },
        {
          title: '党建与业务融合不够',
          description: '局机关党支部活动内容与医保业务结合不紧，主题党日多为集中学习，服务群众作用发挥不明显。',
          kind: 'ongoing',
          deadlineMonths: 3,
          leadDepartmentIndex: 0,
          measures: [
            { content: '开展“医保服务进社区”党员志愿服务活动。', departmentIndex: 0 },
            { content: '在经办服务大厅设立党员示范岗。', departmentIndex: 4 },
          ],
          progress: ['已开展党员志愿服务活动6次，设立党员示范岗4个。'],
        },
      ],
    },
  ],
};

const agriculture: DemoUnit = {
  name: '江澜市农业农村局',
  shortName: '市农业农村局',
  code: 'JL-NYNCJ',
  teamIndex: 2,
  inspectionKind: 'regular',
  firstResponsible: '雷振国',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '孔繁英', title: '局党组成员、副局长' },
    { name: '施永安', title: '局党组成员、副局长' },
  ],
  adminStaff: '唐佳慧',
  departments: [
    { name: '办公室', code: 'JL-NYNCJ-BGS', staff: ['章晓光'] },
    { name: '人事科（机关党委）', code: 'JL-NYNCJ-RSK', staff: ['季明辉'] },
    { name: '计划财务科', code: 'JL-NYNCJ-CWK', staff: ['褚红梅'] },
    { name: '乡村发展科', code: 'JL-NYNCJ-XCK', staff: ['符建波'] },
    { name: '农田建设管理科', code: 'JL-NYNCJ-NTK', staff: ['喻志国'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '巩固拓展脱贫攻坚成果同乡村振兴有效衔接有差距',
      items: [
        {
          title: '防止返贫动态监测不及时',
          description: '巡察走访发现3户因病因灾存在返贫风险的家庭未被及时纳入监测对象，帮扶措施未跟进。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对3户家庭立即开展核查，符合条件的及时纳入监测并落实帮扶措施。', departmentIndex: 3 },
            { content: '组织开展防返贫动态监测集中排查，完善部门数据预警推送机制。', departmentIndex: 3 },
          ],
          progress: ['3户家庭已纳入监测并落实帮扶措施。', '已完成全市集中排查，新纳入监测对象46户。'],
        },
        {
          title: '产业帮扶项目资产闲置',
          description: '2022年以来实施的15个帮扶产业项目中有4个建成后闲置或低效运行，形成的帮扶资产未发挥效益。',
          kind: 'deadline',
          deadlineMonths: 6,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对帮扶项目资产开展全面清查，逐个制定盘活方案。', departmentIndex: 3 },
            { content: '引入经营主体托管运营，建立联农带农利益联结机制。', departmentIndex: 3 },
          ],
          progress: ['已盘活闲置项目2个，引入经营主体3家。'],
        },
        {
          title: '高标准农田建设质量不高',
          description: '抽查2个县区的高标准农田项目，发现部分沟渠损毁、机耕路硬化厚度不足，竣工验收走过场。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对2021年以来建成的高标准农田项目开展质量复查，督促施工单位整改返修。', departmentIndex: 4 },
            { content: '建立高标准农田建后管护责任制，落实管护主体和管护经费。', departmentIndex: 4 },
          ],
          progress: ['已复查项目34个，发现问题78处，已整改61处。', '建后管护责任已落实到村级组织。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '惠农资金管理使用不规范',
      items: [
        {
          title: '耕地地力保护补贴发放不精准',
          description: '比对发现有112亩已改变农业用途的地块仍在领取耕地地力保护补贴，涉及资金5.263万元。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 2,
          measures: [
            { content: '开展补贴面积核实，追回违规领取的补贴资金。', departmentIndex: 2 },
            { content: '运用遥感影像比对核实补贴面积，实行乡镇、村两级公示。', departmentIndex: 2 },
          ],
          progress: ['已追回违规领取的补贴资金5.263万元。'],
          outcome: { kind: 'funds_recovered', title: '追回违规领取的耕地地力保护补贴', amountYuan: 52630 },
        },
        {
          title: '农机购置补贴审核把关不严',
          description: '抽查发现2台补贴农机的购机人与实际使用人不符，存在套取补贴嫌疑，审核人员未实地核验。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对2022年以来的补贴机具开展实地抽查核验，对套取补贴的依法追回并移交查处。', departmentIndex: 2 },
            { content: '推行农机购置补贴机具二维码标识和购机人、机具、补贴“三一致”核验。', departmentIndex: 2 },
          ],
          progress: ['已抽查核验补贴机具420台，2台问题机具的线索已移交有关部门查处。'],
        },
        {
          title: '衔接资金拨付滞后',
          description: '2024年中央财政衔接推进乡村振兴补助资金截至三季度末支出进度仅52%，低于序时进度。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 2,
          measures: [
            { content: '建立衔接资金支出进度周调度机制，对进度滞后的县区通报约谈。', departmentIndex: 2 },
            { content: '加快项目前期工作，推动资金与项目同步下达。', departmentIndex: 3 },
          ],
          progress: ['衔接资金支出进度已达到96%。'],
        },
        {
          title: '差旅费报销不规范',
          description: '2024年有5人次出差住宿费报销超过规定标准，部分出差无审批单。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 2,
          measures: [
            { content: '清退超标准报销的差旅费。', departmentIndex: 2 },
            { content: '严格执行出差审批和差旅费报销规定，无审批单的一律不予报销。', departmentIndex: 0 },
          ],
          progress: ['已清退超标准报销的差旅费4860元。'],
          outcome: { kind: 'funds_recovered', title: '清退超标准报销的差旅费', amountYuan: 4860 },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '驻村帮扶干部管理和机关党建有差距',
      items: [
        {
          title: '驻村第一书记在岗履职不到位',
          description: '抽查发现3名市派驻村第一书记2024年在岗时间不足规定天数，驻村日志存在补记现象。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 1,
          measures: [
            { content: '对3名驻村第一书记进行提醒谈话，督促严格遵守驻村工作纪律。', departmentIndex: 1 },
            { content: '推行驻村干部在岗定位打卡和不定期抽查制度。', departmentIndex: 1 },
          ],
          progress: ['已对3名驻村第一书记提醒谈话。', '驻村在岗抽查已开展2轮。'],
          outcome: {
            kind: 'accountability',
            title: '对3名驻村第一书记提醒谈话',
            accountabilityKind: 'reminder_talk',
            peopleCount: 3,
          },
        },
        {
          title: '发展党员工作不规范',
          description: '局属单位党支部2023年发展的2名党员，入党材料中政治审查材料不完整。',
          kind: 'deadline',
          deadlineMonths: 1,
          leadDepartmentIndex: 1,
          measures: [
            { content: '对近五年发展党员档案开展专项检查，补齐缺失材料。', departmentIndex: 1 },
            { content: '组织党务干部开展发展党员工作规程培训。', departmentIndex: 1 },
          ],
          progress: ['已检查发展党员档案21份，补齐政审材料2份。'],
        },
      ],
    },
    {
      aspectIndex: 3,
      title: '审计发现问题整改不到位',
      items: [
        {
          title: '涉农项目资金长期闲置',
          description: '市审计局指出的农业产业化项目资金闲置问题，整改期限已过仍有186万元未使用。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对闲置资金重新安排符合条件的项目，无法使用的按规定交回财政。', departmentIndex: 2 },
            { content: '建立审计整改事项台账，定期向局党组报告整改进展。', departmentIndex: 2 },
          ],
          progress: ['已统筹安排资金120万元用于新项目，剩余资金已申请交回财政。'],
        },
      ],
    },
  ],
};

const marketRegulation: DemoUnit = {
  name: '江澜市市场监督管理局',
  shortName: '市市场监管局',
  code: 'JL-SCJGJ',
  teamIndex: 3,
  inspectionKind: 'regular',
  firstResponsible: '常国平',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '白雪梅', title: '局党组成员、副局长' },
    { name: '易海军', title: '局党组成员、副局长' },
  ],
  adminStaff: '莫小燕',
  departments: [
    { name: '办公室', code: 'JL-SCJGJ-BGS', staff: ['霍丽佳'] },
    { name: '人事科', code: 'JL-SCJGJ-RSK', staff: ['翟志明'] },
    { name: '食品安全协调科', code: 'JL-SCJGJ-SPK', staff: ['苗欣然'] },
    { name: '特种设备安全监察科', code: 'JL-SCJGJ-TSK', staff: ['岳海龙'] },
    { name: '执法稽查支队', code: 'JL-SCJGJ-JCD', staff: ['关振宇', '戚玉梅'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '落实市场监管领域安全发展和优化营商环境部署有差距',
      items: [
        {
          title: '食品安全包保督导不到位',
          description: '2024年各级包保干部对食品生产经营主体的督导任务完成率仅73%，部分督导记录内容空泛。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对包保督导任务完成情况按月通报，对完成率偏低的县区和单位进行约谈。', departmentIndex: 2 },
            { content: '规范督导记录格式，明确每次督导的必查事项。', departmentIndex: 2 },
          ],
          progress: ['包保督导任务完成率已提升至98%。'],
        },
        {
          title: '电梯安全隐患整治不彻底',
          description: '抽查28台住宅电梯，有6台存在维保记录与实际不符、隐患整改不及时等问题。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 3,
          measures: [
            { content: '开展住宅电梯安全隐患专项整治，对全市电梯维保单位逐家检查。', departmentIndex: 3 },
            { content: '对维保不到位的单位依法查处，并纳入信用监管。', departmentIndex: 4 },
          ],
          progress: ['已检查电梯1260台，督促整改隐患85处。', '已查处维保单位3家。'],
        },
        {
          title: '涉企检查频次过多',
          description: '部分经营主体反映同一年度内被不同科室和所站重复检查，2024年个别企业接受检查达11次。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 4,
          measures: [
            { content: '推行涉企检查“综合查一次”，将同一对象的多个检查事项合并实施。', departmentIndex: 4 },
            { content: '建立涉企检查计划备案制度，未经备案的原则上不得入企检查。', departmentIndex: 0 },
          ],
          progress: ['实施办法已印发，涉企检查频次同比下降37%。'],
          outcome: { kind: 'rule_made', title: '《江澜市市场监管领域涉企行政检查“综合查一次”实施办法》' },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '执法办案和检验检测存在廉洁风险',
      items: [
        {
          title: '行政处罚案件超期办理',
          description: '2024年有12件行政处罚案件超过法定期限结案，3件案件罚没款未及时缴入国库。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对超期案件逐件倒查原因，督促罚没款及时足额上缴。', departmentIndex: 4 },
            { content: '在执法办案系统上线办案期限预警功能，临近期限自动提醒。', departmentIndex: 4 },
          ],
          progress: ['3件案件罚没款已全部上缴国库。', '办案期限预警功能已上线运行。'],
        },
        {
          title: '“双随机、一公开”抽查结果公示不及时',
          description: '2024年有17批次“双随机、一公开”抽查结果未在规定时限内向社会公示。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对未公示的抽查结果立即补充公示。', departmentIndex: 4 },
            { content: '明确抽查结果录入和公示责任人，每月通报公示情况。', departmentIndex: 4 },
          ],
          progress: ['17批次抽查结果已全部补充公示。'],
        },
        {
          title: '执法人员向检查对象推荐检测机构',
          description: '1名执法人员在检查中向企业推荐特定检测机构，违反廉洁执法有关规定。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 1,
          measures: [
            { content: '对该执法人员进行诫勉谈话并调离执法岗位。', departmentIndex: 1 },
            { content: '开展廉洁执法警示教育，向社会公布执法投诉举报电话。', departmentIndex: 1 },
          ],
          progress: ['已对该执法人员诫勉谈话并调整岗位。', '已开展廉洁执法警示教育1次。'],
          outcome: {
            kind: 'accountability',
            title: '对1名执法人员诫勉谈话',
            accountabilityKind: 'admonishment',
            peopleCount: 1,
          },
        },
        {
          title: '检验检测收费管理不规范',
          description: '局属检验检测中心部分委托检验项目收费标准未公示，个别项目超标准收费1.93万元。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 0,
          measures: [
            { content: '清退超标准收取的检验费用。', departmentIndex: 0 },
            { content: '在服务大厅和门户网站全面公示检验检测收费项目和标准。', departmentIndex: 0 },
          ],
          progress: ['已向委托企业退还超标准收费1.93万元。', '收费项目和标准已全面公示。'],
          outcome: { kind: 'funds_recovered', title: '退还超标准收取的检验费', amountYuan: 19300 },
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '落实中央八项规定精神有差距',
      items: [
        {
          title: '执法执勤用车私用',
          description: '巡察发现1辆执法执勤用车节假日停放在干部住所小区，经查为私人用途使用。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            { content: '对当事人进行批评教育，按规定收取私用车辆费用。', departmentIndex: 0 },
            { content: '执法执勤用车节假日一律封存入库，并加装定位监控。', departmentIndex: 0 },
          ],
          progress: ['已对当事人批评教育。', '执法执勤用车节假日封存制度已落实。'],
          outcome: {
            kind: 'accountability',
            title: '对1名干部批评教育',
            accountabilityKind: 'criticism',
            peopleCount: 1,
          },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '基层队伍建设和党的建设有短板',
      items: [
        {
          title: '基层市场监管所人员力量不足',
          description: '全市基层市场监管所平均在岗人数不足5人，3个所长期以“一人所”“两人所”方式运转。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 1,
          measures: [
            { content: '优化人员编制配置，推动人员力量向基层所倾斜。', departmentIndex: 1 },
            { content: '新招录人员优先分配到基层所。', departmentIndex: 1 },
          ],
          progress: ['已从机关和直属单位下沉人员14名。'],
        },
        {
          title: '党员教育管理存在薄弱环节',
          description: '基层所党支部“三会一课”记录不全，部分党员学习心得存在从网上抄袭的情况。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 1,
          measures: [
            { content: '组织党支部开展组织生活专项检查，对问题支部限期整改。', departmentIndex: 1 },
            { content: '推行党员学习积分管理，将学习情况纳入年度民主评议。', departmentIndex: 1 },
          ],
          progress: ['已检查党支部16个，对4个问题支部下达整改通知。'],
        },
      ],
    },
    {
      aspectIndex: 3,
      title: '上轮巡察问题整改不彻底',
      items: [
        {
          title: '执法案卷归档问题整改不到位',
          description: '上轮巡察指出执法案卷归档不及时问题后，2023年仍有36件已结案件未按期归档。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对已结案件集中开展归档清理。', departmentIndex: 4 },
            { content: '将案卷归档情况纳入执法质量考评。', departmentIndex: 4 },
          ],
          progress: ['36件已结案件已全部归档。'],
        },
      ],
    },
  ],
};

const waterAffairs: DemoUnit = {
  name: '江澜市水务局',
  shortName: '市水务局',
  code: 'JL-SWJ',
  teamIndex: 3,
  inspectionKind: 'lookback',
  firstResponsible: '武志刚',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '葛慧玲', title: '局党组成员、副局长' },
    { name: '聂永福', title: '局党组成员、副局长' },
  ],
  adminStaff: '祁雨欣',
  departments: [
    { name: '办公室', code: 'JL-SWJ-BGS', staff: ['游振华'] },
    { name: '人事科', code: 'JL-SWJ-RSK', staff: ['阮静怡'] },
    { name: '计划财务科', code: 'JL-SWJ-CWK', staff: ['左晓晨'] },
    { name: '水利工程建设管理科', code: 'JL-SWJ-GCK', staff: ['凌浩然'] },
    { name: '河湖管理科', code: 'JL-SWJ-HHK', staff: ['尚志伟'] },
  ],
  problems: [
    {
      aspectIndex: 3,
      title: '上轮巡察反馈问题整改不到位',
      items: [
        {
          title: '“未批先建”问题整改后反弹',
          description:
            '上轮巡察指出“未批先建”问题后，2024年仍有1座小型水库除险加固项目在初步设计未批复的情况下开工建设。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对在建水利项目审批手续进行全面清查，手续不全的一律停工补办。', departmentIndex: 3 },
            { content: '对负有责任的人员依规依纪严肃问责。', departmentIndex: 1 },
          ],
          progress: ['已清查在建项目23个，该项目已补办初步设计批复。', '已对1名责任人诫勉谈话。'],
          outcome: {
            kind: 'accountability',
            title: '对1名责任人诫勉谈话',
            accountabilityKind: 'admonishment',
            peopleCount: 1,
          },
        },
        {
          title: '整改承诺的制度未按期出台',
          description: '上轮巡察整改报告中承诺修订的工程建设资金支付管理办法至今未印发，工程款支付仍沿用原有做法。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 2,
          measures: [
            { content: '完成工程建设资金支付管理办法修订并印发施行。', departmentIndex: 2 },
            { content: '对上轮整改中承诺的制度建设事项逐项对账，确保全部落地。', departmentIndex: 0 },
          ],
          progress: ['工程建设资金支付管理办法已修订印发。', '上轮承诺的6项制度已全部对账落实。'],
          outcome: { kind: 'rule_revised', title: '《江澜市水务局水利工程建设资金支付管理办法》' },
        },
        {
          title: '整改销号把关不严',
          description: '上轮巡察反馈的11个问题中有3个问题销号时佐证材料不足，实际整改效果未达到要求。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 0,
          measures: [
            { content: '对上轮已销号问题逐项复核，未达到整改要求的重新纳入台账。', departmentIndex: 0 },
            { content: '建立整改销号“双签字”制度，由责任科室负责人和分管领导共同确认。', departmentIndex: 0 },
          ],
          progress: ['已复核上轮销号问题11个，3个问题已重新纳入台账整改。'],
        },
      ],
    },
    {
      aspectIndex: 0,
      title: '贯彻落实水安全保障和河湖长制部署有差距',
      items: [
        {
          title: '河湖“四乱”问题反弹',
          description: '抽查发现西溪河、青塘湖沿岸有5处乱堆、乱建问题整治后出现反弹。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 4,
          measures: [
            { content: '开展河湖“四乱”问题回头看，对反弹点位依法清理。', departmentIndex: 4 },
            { content: '落实河湖长巡河制度，将问题反弹情况纳入河湖长制年度考核。', departmentIndex: 4 },
          ],
          progress: ['5处反弹点位已清理4处。'],
        },
        {
          title: '农村供水工程水质保障不力',
          description: '2024年抽检的40处农村集中供水工程中，有6处水质指标不达标，净化消毒设施未正常运行。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 3,
          measures: [
            { content: '对水质不达标的供水工程逐处整改，完善净化消毒设施。', departmentIndex: 3 },
            { content: '落实农村供水工程水质定期检测和结果公示制度。', departmentIndex: 3 },
          ],
          progress: ['6处不达标供水工程已整改5处，复检合格。'],
        },
        {
          title: '防汛物资管理不规范',
          description: '市级防汛物资仓库账实不符，部分救生衣、编织袋已超过有效期未及时轮换。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            { content: '开展防汛物资全面盘点，做到账实相符。', departmentIndex: 0 },
            { content: '建立防汛物资动态轮换和出入库登记制度。', departmentIndex: 0 },
          ],
          progress: ['已完成盘点，更新过期物资1200余件。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '工程建设和资金管理存在风险',
      items: [
        {
          title: '工程质量监管不严',
          description: '2个水利工程项目使用的部分钢筋经检测不合格，监理单位未及时发现。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 3,
          measures: [
            { content: '责令施工单位对不合格部位返工处理，扣减相应工程款。', departmentIndex: 3 },
            { content: '依据合同扣减监理费用，并将相关单位失信行为记入信用档案。', departmentIndex: 3 },
          ],
          progress: ['不合格部位已返工处理，扣回工程款14.2万元。'],
          outcome: { kind: 'funds_recovered', title: '扣回不合格工程部分工程款', amountYuan: 142000 },
        },
        {
          title: '河道采砂监管不力',
          description: '群众反映的非法采砂问题查处不及时，2024年巡查记录显示同一河段多次发现采砂痕迹但未立案。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 4,
          measures: [
            { content: '联合公安、自然资源等部门开展非法采砂专项整治。', departmentIndex: 4 },
            { content: '在重点河段安装视频监控，实行全天候监控。', departmentIndex: 4 },
          ],
          progress: ['已立案查处非法采砂案件4起。', '重点河段视频监控已安装到位。'],
        },
        {
          title: '违规发放加班补助',
          description: '局属水利工程管理站2024年向职工发放加班补助无考勤依据，涉及金额1.52万元。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 2,
          measures: [
            { content: '追回无考勤依据发放的加班补助。', departmentIndex: 2 },
            { content: '规范加班审批和考勤管理，加班补助凭审批单和考勤记录发放。', departmentIndex: 0 },
          ],
          progress: ['已追回加班补助1.52万元。'],
          outcome: { kind: 'funds_recovered', title: '追回违规发放的加班补助', amountYuan: 15200 },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '干部队伍和基层党组织建设有差距',
      items: [
        {
          title: '水利专业技术人才断层',
          description: '局属单位水利工程专业技术人员中50岁以上的占62%，近5年未引进水利专业人才。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 1,
          measures: [
            { content: '制定水利专业人才引进计划，争取专项招聘名额。', departmentIndex: 1 },
            { content: '实行“以老带新”结对培养。', departmentIndex: 1 },
          ],
          progress: ['已引进水利专业技术人员4名，结对培养12对。'],
        },
        {
          title: '下属单位党支部组织生活不规范',
          description: '局属水文站党支部2024年有3个月未召开支部委员会会议，党员大会记录不全。',
          kind: 'deadline',
          deadlineMonths: 1,
          leadDepartmentIndex: 1,
          measures: [
            { content: '督促水文站党支部按规定召开支部委员会会议和党员大会，补齐组织生活短板。', departmentIndex: 1 },
            { content: '局机关党委每季度检查一次下属党支部组织生活开展情况。', departmentIndex: 1 },
          ],
          progress: ['水文站党支部已按规定召开组织生活会议。'],
        },
      ],
    },
  ],
};

const cultureTourism: DemoUnit = {
  name: '江澜市文化广电和旅游局',
  shortName: '市文化广电旅游局',
  code: 'JL-WGLJ',
  teamIndex: 3,
  inspectionKind: 'regular',
  firstResponsible: '柳春华',
  firstResponsibleTitle: '局党组书记、局长',
  deputyLeaders: [
    { name: '殷志军', title: '局党组成员、副局长' },
    { name: '熊丽', title: '局党组成员、副局长' },
  ],
  adminStaff: '任可欣',
  departments: [
    { name: '办公室', code: 'JL-WGLJ-BGS', staff: ['裴小凡'] },
    { name: '人事科', code: 'JL-WGLJ-RSK', staff: ['祝永红'] },
    { name: '公共服务和产业发展科', code: 'JL-WGLJ-GGK', staff: ['尤佳琪'] },
    { name: '文物和非遗科', code: 'JL-WGLJ-WWK', staff: ['邬明'] },
    { name: '文化市场综合执法支队', code: 'JL-WGLJ-ZFD', staff: ['舒志强'] },
  ],
  problems: [
    {
      aspectIndex: 0,
      title: '落实意识形态工作责任制和文化强市部署有差距',
      items: [
        {
          title: '营业性演出内容审核不严',
          description: '2024年辖区1场商业演出有2个节目未按规定报审即上演，演出现场监管缺位。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 4,
          measures: [
            { content: '对该演出举办单位依法查处。', departmentIndex: 4 },
            { content: '实行营业性演出内容审核和现场巡查“双到位”制度。', departmentIndex: 4 },
          ],
          progress: ['已对演出举办单位作出行政处罚。', '营业性演出现场巡查已实现全覆盖。'],
        },
        {
          title: '网络文化新业态监管存在盲区',
          description: '对辖区剧本娱乐、网络表演等新业态缺乏有效监管手段，2024年未开展过专项检查。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 4,
          measures: [
            { content: '开展剧本娱乐、网络表演等新业态专项检查。', departmentIndex: 4 },
            { content: '建立新业态经营场所底数清单，实行分级分类监管。', departmentIndex: 4 },
          ],
          progress: ['已检查剧本娱乐经营场所21家，责令整改5家。'],
        },
        {
          title: '文物安全防护薄弱',
          description: '2处省级文物保护单位消防设施不达标，安防监控长期损坏，文物安全巡查记录缺失。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 3,
          measures: [
            { content: '会同消防救援部门对文物保护单位开展安全检查，限期整改消防隐患。', departmentIndex: 3 },
            { content: '逐处落实文物安全直接责任人和日常巡查制度。', departmentIndex: 3 },
          ],
          progress: ['2处文物保护单位消防设施已更新，安防监控已修复。'],
        },
        {
          title: '乡镇综合文化站“建而不用”',
          description: '抽查的10个乡镇综合文化站中有4个长期闭门或被挪作他用，公共文化服务效能不高。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对乡镇综合文化站开展专项清查，纠正挪作他用问题。', departmentIndex: 2 },
            { content: '推行文化站开放时间公示和群众评价制度。', departmentIndex: 2 },
          ],
          progress: ['被挪用的4个文化站已恢复原有功能。'],
        },
      ],
    },
    {
      aspectIndex: 1,
      title: '专项资金管理和作风建设存在问题',
      items: [
        {
          title: '文化惠民演出项目结算不实',
          description: '2024年“送戏下乡”项目中有23场演出实际场次与结算场次不符，多结算费用6.94万元。',
          kind: 'deadline',
          deadlineMonths: 2,
          leadDepartmentIndex: 2,
          measures: [
            { content: '对“送戏下乡”项目逐场核对，追回多结算的费用。', departmentIndex: 2 },
            { content: '推行演出现场影像记录和乡镇签字确认制度。', departmentIndex: 2 },
          ],
          progress: ['已追回多结算费用6.94万元。'],
          outcome: { kind: 'funds_recovered', title: '追回多结算的惠民演出费用', amountYuan: 69400 },
        },
        {
          title: '旅游发展专项资金审核不严',
          description: '2023年获得旅游发展专项资金补助的8家企业中，有2家企业申报材料虚报游客接待人数。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 2,
          measures: [
            { content: '取消2家企业补助资格，追回已拨付的补助资金。', departmentIndex: 2 },
            { content: '修订旅游发展专项资金管理办法，引入第三方机构核验申报材料。', departmentIndex: 2 },
          ],
          progress: ['已追回补助资金18万元。', '专项资金管理办法已修订印发。'],
          outcome: { kind: 'rule_revised', title: '《江澜市旅游发展专项资金管理办法》' },
        },
        {
          title: '以“采风”名义变相公款旅游',
          description: '局属文艺院团2024年组织“采风创作”活动，实际行程以游览景区为主，相关费用由单位公款列支。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 1,
          measures: [
            { content: '清退公款列支的游览费用。', departmentIndex: 0 },
            { content: '对文艺院团主要负责人进行诫勉谈话。', departmentIndex: 1 },
          ],
          progress: ['已清退公款列支费用，并对院团主要负责人诫勉谈话。'],
          outcome: {
            kind: 'accountability',
            title: '对1名院团负责人诫勉谈话',
            accountabilityKind: 'admonishment',
            peopleCount: 1,
          },
        },
      ],
    },
    {
      aspectIndex: 2,
      title: '下属单位管理和人才队伍建设有短板',
      items: [
        {
          title: '下属文艺院团内部管理松散',
          description: '局属文艺院团考勤制度执行不严，部分演职人员未经批准长期在外兼职演出。',
          kind: 'deadline',
          deadlineMonths: 3,
          leadDepartmentIndex: 1,
          measures: [
            { content: '严格院团考勤管理和兼职审批，考勤情况按月公示。', departmentIndex: 1 },
            { content: '对演职人员兼职情况开展全面清理。', departmentIndex: 1 },
          ],
          progress: ['已清理未经批准的兼职人员7名。', '院团考勤改为每日打卡并按月公示。'],
        },
        {
          title: '非遗传承人才梯队建设滞后',
          description: '全市市级以上非遗代表性传承人平均年龄67岁，8个项目没有年轻传承人。',
          kind: 'ongoing',
          deadlineMonths: 6,
          leadDepartmentIndex: 3,
          measures: [
            { content: '实施非遗传承人研修培训计划，支持传承人招收学徒。', departmentIndex: 3 },
            { content: '推动非遗进校园，在中小学开设非遗体验课程。', departmentIndex: 3 },
          ],
          progress: ['已举办非遗研修培训班2期，新收学徒31名。'],
        },
      ],
    },
    {
      aspectIndex: 3,
      title: '审计发现问题整改不到位',
      items: [
        {
          title: '公共文化设施项目长期未决算',
          description: '审计指出的市图书馆新馆项目未办理竣工财务决算问题，至今仍未解决。',
          kind: 'deadline',
          deadlineMonths: 4,
          leadDepartmentIndex: 2,
          measures: [
            { content: '成立工作专班推进新馆项目竣工财务决算。', departmentIndex: 2 },
            { content: '委托中介机构开展竣工决算审计。', departmentIndex: 2 },
          ],
          progress: ['决算资料已收集齐全，决算审计已进场。'],
        },
        {
          title: '审计整改台账管理不规范',
          description: '审计整改台账未明确责任人和完成时限，部分整改事项未跟踪到底。',
          kind: 'immediate',
          deadlineMonths: 0,
          leadDepartmentIndex: 0,
          measures: [
            { content: '重新梳理审计整改台账，逐项明确责任人和完成时限。', departmentIndex: 0 },
            { content: '局党组每季度听取一次审计整改情况汇报。', departmentIndex: 0 },
          ],
          progress: ['审计整改台账已重新梳理完善。'],
        },
      ],
    },
  ],
};

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
    { name: '市委第一巡察组', leader: '高建国', members: ['沈丽萍', '钱卫东'] },
    { name: '市委第二巡察组', leader: '马俊峰', members: ['方晓燕', '石振宇'] },
    { name: '市委第三巡察组', leader: '朱海燕', members: ['叶志青', '龚振华'] },
    { name: '市委第四巡察组', leader: '秦志勇', members: ['韦敏', '谭立伟'] },
  ],
  units: [
    transport,
    hospital,
    street,
    housing,
    education,
    cityInvestment,
    naturalResources,
    medicalSecurity,
    agriculture,
    marketRegulation,
    waterAffairs,
    cultureTourism,
  ],
};
