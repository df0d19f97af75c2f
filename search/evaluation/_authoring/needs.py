"""Enterprise technology needs, each with its graded judgements.

Grades: 2 = directly solves the need; 1 = partially relevant (same problem area, could be adapted);
0 = judged not relevant (near-miss distractors are listed explicitly). Achievements in the need's chain or
sharing a keyword that are not listed here are added as 0 by build.py after review (`build.py --pool`).
"""

NEEDS: list[dict] = []


def N(
    key: str,
    ent: str,
    title: str,
    description: str,
    keywords: list[str],
    field: str,
    chain: str,
    budget: tuple[int | None, int | None],
    deadline: str,
    mode: str,
    min_trl: int | None,
    indicators: list[tuple[str, str, str]],
    judgements: dict[str, int],
    visibility: str = "public",
) -> None:
    NEEDS.append(
        {
            "key": key,
            "ent": ent,
            "title": title,
            "description": description,
            "keywords": keywords,
            "field": field,
            "chain": chain,
            "budget": budget,
            "deadline": deadline,
            "mode": mode,
            "min_trl": min_trl,
            "indicators": indicators,
            "judgements": judgements,
            "visibility": visibility,
        }
    )


# ------------------------------------------------------------------ fluorine and fine fluorochemicals
N(
    "pvdf-binder",
    "ent-yongfu",
    "涂料级 PVDF 装置转产锂电正极粘结剂级 PVDF",
    "我司现有 1.2 万吨/年 PVDF 悬浮聚合装置,产品以涂料级为主,特性粘度约 1.4 dL/g。电池厂试用后反馈粘结力不够,"
    "极片涂布后掉粉,浆料放置 8 小时就出现果冻状凝胶。希望在不新建聚合釜的前提下,通过配方和工艺调整生产粘结剂级产品,"
    "特性粘度达到 2.5 dL/g 以上,极片剥离强度不低于进口牌号,并通过至少一家头部电池厂认证。",
    ["PVDF", "粘结剂", "锂电池", "聚偏氟乙烯", "分子量"],
    "materials",
    "FLU.02.01",
    (2000000, 5000000),
    "2027-06-30",
    "licence",
    5,
    [("特性粘度", "≥ 2.5", "dL/g"), ("极片剥离强度", "≥ 25", "N/m"), ("浆料稳定时间", "≥ 24", "h")],
    {
        "flu-pvdf-binder": 2,
        "ffc-pfoa-free-emulsifier": 0,  # emulsion-polymerisation additive; binder grade is made by suspension
        "flu-pvdf-membrane": 0,  # same polymer, a filtration membrane — not a resin grade
        "nem-aqueous-binder": 0,  # binder, but water-based for anodes; the need is a cathode PVDF resin
        "gra-conductive-paste": 0,
        "nem-lfp-high-density": 0,
    },
)

N(
    "fluoride-wastewater",
    "ent-qingying",
    "氢氟酸装置含氟废水深度除氟,出水氟化物稳定低于 1.5 mg/L",
    "我公司含氟废水约 600 m³/d,目前用石灰+氯化钙两级沉淀,出水氟化物在 8–15 mg/L 之间波动,"
    "勉强满足原排放标准。园区污水厂明年起要求接管氟化物 ≤ 1.5 mg/L,现有沉淀工艺再加药也降不下来,污泥量还增加。"
    "希望增加一段深度除氟工艺,吨水处理成本不超过 3 元,尽量不增加固废量,可在 2027 年上半年完成改造。",
    ["含氟废水", "除氟", "深度处理", "氟化物", "废水处理"],
    "environment",
    "ENV.01.02",
    (800000, 2500000),
    "2027-05-31",
    "joint",
    5,
    [("出水氟化物", "≤ 1.5", "mg/L"), ("吨水处理成本", "≤ 3", "元"), ("处理规模", "600", "m³/d")],
    {
        "env-defluoride-resin": 2,
        "gra-defluoride-adsorbent": 2,  # a materials achievement that solves an environmental need
        "env-electrocoagulation": 1,
        "flu-fluorogypsum": 0,  # same plant, solid by-product, not wastewater
        "flu-pvdf-membrane": 0,  # ultrafiltration does not remove dissolved fluoride
        "flu-ehf": 0,
    },
)

N(
    "low-grade-fluorite",
    "ent-qingying",
    "低品位含钙萤石矿选矿提纯到酸级精矿",
    "自有矿山萤石品位只有 28%–35%,伴生方解石多。选厂现在用酸化水玻璃抑制方解石,精矿 CaF2 只能做到 94% 左右,"
    "达不到酸级(≥97%)要求,生产氢氟酸只好外购江西精矿,运费每吨 180 元。希望找到能把精矿做到 97% 以上、"
    "回收率不低于 80% 的选矿药剂和流程,现有 500 t/d 选厂尽量少改动。",
    ["萤石", "选矿", "浮选", "酸级精矿", "方解石"],
    "materials",
    "FLU.01.01",
    (300000, 1000000),
    "2027-03-31",
    "service",
    6,
    [("精矿 CaF2 品位", "≥ 97", "%"), ("回收率", "≥ 80", "%")],
    {
        "flu-fluorite-flotation": 2,
        "env-tailings-ceramsite": 0,  # tailings disposal, not beneficiation
        "flu-fluorogypsum": 0,
        "flu-ehf": 0,
    },
)

N(
    "continuous-fluorination",
    "ent-kangfu",
    "氟代芳烃重氮化—氟化工序由间歇釜改连续化,消除重氮盐积存风险",
    "公司 2,4-二氟硝基苯、对氟苯胺类产品采用釜式 Schiemann 工艺,重氮氟硼酸盐需离心、烘干再热解,"
    "应急管理部门将该工序列为重点整治对象,要求 2027 年底前完成自动化、连续化改造。"
    "我们希望在现有厂房内改为连续流工艺,单线产能不低于 300 吨/年,收率不低于现有的 78%,"
    "有成熟的中试或工业化案例,能配合我们做 HAZOP 和反应量热。",
    ["连续流", "重氮化", "氟化", "微反应器", "安全改造"],
    "manufacturing",
    "FFC.01.01",
    (1000000, 3000000),
    "2027-09-30",
    "licence",
    6,
    [("单线产能", "≥ 300", "吨/年"), ("收率", "≥ 78", "%"), ("在线持液量", "≤ 20", "L")],
    {
        "ffc-flow-fluorination": 2,
        "ffc-ctf-pyridine": 1,  # gas-phase continuous fluorination know-how, different substrate class
        "ffc-dfmpa": 0,
        "ffc-fluorination-catalyst": 0,
        "ict-apc-distillation": 0,
    },
)

N(
    "pfoa-replacement",
    "ent-yongfu",
    "PTFE 分散树脂乳液聚合用 PFOA 替代乳化剂",
    "我司 PTFE 分散树脂仍使用过渡期库存的全氟辛酸铵作乳化剂,按履约要求必须停用。试过两种市售替代品,"
    "一种聚合速率下降 25%,另一种树脂糊状挤出压力偏高、制品有裂纹。希望获得能直接用于现有 3 m³ 釜的替代乳化剂"
    "及母液回收技术,树脂性能与原来一致,乳化剂回收率 ≥ 90%,可以签许可合同。",
    ["PFOA 替代", "乳化剂", "PTFE", "乳液聚合", "含氟表面活性剂"],
    "materials",
    "FFC.02.01",
    (1500000, 4000000),
    "2027-06-30",
    "licence",
    6,
    [("聚合速率下降", "≤ 5", "%"), ("乳化剂回收率", "≥ 90", "%")],
    {
        "ffc-pfoa-free-emulsifier": 2,
        "ffc-c6-leveling": 1,  # short-chain fluorosurfactant chemistry, a coatings additive though
        "ffc-afff": 0,  # fire-fighting foam: shares "含氟表面活性剂", different use
        "flu-eptfe-film": 0,
        "flu-ptfe-seal": 0,
        "flu-ptfe-nonstick": 0,
    },
)

N(
    "electronic-hf",
    "ent-kangfu",
    "工业级氢氟酸升级为电子级(G4 以上)",
    "我们计划利用园区 AHF 资源新建电子级氢氟酸装置,目标客户为省内面板和半导体封测厂。"
    "目前没有痕量金属控制和分析能力,需要成熟的提纯工艺包,产品达到 SEMI G4 以上(金属杂质单项 ≤ 100 ppt),"
    "首期规模 5000 吨/年,可以接受技术入股或一次性转让。",
    ["电子级氢氟酸", "提纯", "SEMI", "湿电子化学品"],
    "materials",
    "FLU.03.01",
    (3000000, 8000000),
    "2027-12-31",
    "transfer",
    6,
    [("金属杂质单项", "≤ 100", "ppt"), ("装置规模", "5000", "吨/年")],
    {"flu-ehf": 2, "flu-nf3": 0, "nem-lipf6": 0},
    "bureau_only",
)

N(
    "hf-leak-laser",
    "ent-qingying",
    "氟化氢泄漏的激光开路式在线监测",
    "HF 储罐区和装车站台现在用电化学式 HF 检测器,探头半年就被腐蚀失效,且只能点式检测,去年一次法兰泄漏"
    "过了 20 分钟才报警。想要一套基于可调谐二极管激光吸收光谱(TDLAS)的开路式监测系统,光程 50–200 m,"
    "检测下限 0.5 ppm·m,响应时间 ≤ 5 s,能接入现有 DCS 和园区应急平台。",
    ["氟化氢", "泄漏监测", "TDLAS", "激光气体检测", "安全"],
    "electronics",
    "FLU.01.01",
    (500000, 1200000),
    "2027-04-30",
    "transfer",
    7,
    [("检测下限", "≤ 0.5", "ppm·m"), ("响应时间", "≤ 5", "s")],
    {
        "gra-gas-sensor": 0,  # a gas sensor, for NO2 at room temperature; not HF, not open-path
        "ict-video-ai-safety": 0,  # video cannot see an HF plume
        "ict-5g-private-network": 0,
        "flu-ehf": 0,
        "flu-fluorite-flotation": 0,
    },
)

N(
    "ffkm-seal",
    "ent-yongfu",
    "半导体刻蚀设备用全氟醚橡胶(FFKM)O 形圈",
    "公司想切入半导体设备密封件市场。刻蚀和 CVD 腔体用的全氟醚橡胶 O 形圈完全进口,单价上千元。"
    "我们有氟单体和聚合经验,缺全氟醚橡胶(TFE/PMVE 全氟共聚)聚合和硫化技术,要求耐 NF3/O2 等离子体失重率 ≤ 1%,"
    "使用温度 300 ℃,金属离子析出满足半导体要求。",
    ["全氟醚橡胶", "FFKM", "半导体密封", "等离子体", "O 形圈"],
    "materials",
    "FLU.02.03",
    (3000000, 10000000),
    "2027-12-31",
    "joint",
    4,
    [("等离子体失重率", "≤ 1", "%"), ("长期使用温度", "300", "℃")],
    {
        "flu-lt-fkm": 0,  # fluoroelastomer, but a low-temperature FKM with hydrogen in the chain; not FFKM
        "flu-ptfe-seal": 0,  # a PTFE seal, not an elastomer O-ring for plasma
        "flu-nf3": 0,
    },
)

# ------------------------------------------------------------------ graphene
N(
    "phone-heat-spreader",
    "ent-yongxi",
    "旗舰手机超薄均热片:替代多层人工石墨膜,解决 5G 芯片局部过热",
    "客户新一代旗舰机 SoC 峰值功耗 12 W,现在用 2 层 25 μm 人工石墨膜叠贴,背盖热点温度仍有 46 ℃,"
    "客户要求降到 42 ℃ 以下,且散热件总厚度不能超过 0.1 mm。VC 均热板太厚也太贵。"
    "我们想找一种单层就能做厚、横向传热更快的散热膜材料和量产工艺,能在永安现有石墨化炉上生产最好。",
    ["散热膜", "均热", "手机散热", "导热", "石墨膜"],
    "materials",
    "GRA.02.01",
    (2000000, 6000000),
    "2027-08-31",
    "licence",
    6,
    [("面内导热系数", "≥ 1200", "W/(m·K)"), ("总厚度", "≤ 100", "μm"), ("热点温降", "≥ 4", "℃")],
    {
        "gra-thermal-film": 2,
        "gra-tim-pad": 1,  # thermal interface in the same stack, does not spread heat laterally
        "gra-radiative-coating": 0,  # emissivity coating for lamp housings; no help inside a phone
        "gra-heating-film": 0,  # an electric heater: shares 石墨烯/膜/热, opposite purpose
        "gra-zinc-rich-epoxy": 0,  # anti-corrosion coating: near-miss on 石墨烯
        "nem-liquid-cooling": 0,
        "aly-diecast-heat-sink": 0,
    },
)

N(
    "offshore-wind-coating",
    "ent-hongxi",
    "海上风电塔筒重防腐底漆:降低锌粉用量,耐盐雾 3000 h 以上",
    "我们给福建沿海风电项目供塔筒涂料,业主要求 C5-M 环境 15 年以上防护。目前环氧富锌底漆锌粉含量 80%,"
    "成本高、喷涂时易堵枪、焊接烟尘大。想导入石墨烯等新材料,把锌粉降到 60% 以下,"
    "盐雾不少于 3000 h,能提供分散好的母料,便于在我们现有分散机上生产。",
    ["防腐涂料", "环氧富锌", "石墨烯", "海上风电", "盐雾"],
    "materials",
    "GRA.02.02",
    (800000, 3000000),
    "2027-06-30",
    "licence",
    6,
    [("中性盐雾", "≥ 3000", "h"), ("干膜锌含量", "≤ 60", "%")],
    {
        "gra-zinc-rich-epoxy": 2,
        "gra-waterborne-anticorrosion": 1,  # graphene anticorrosion primer, but 1500 h and not zinc-rich
        "gra-electrochem-exfoliation": 1,  # a source of graphene powder for the masterbatch
        "gra-thermal-film": 0,
        "gra-radiative-coating": 0,
    },
)

N(
    "lfp-conductive-additive",
    "ent-liyuan",
    "降低磷酸铁锂极片导电剂成本,改善大倍率放电",
    "电芯客户反映我们 LFP 材料做的极片电阻偏高,3C 放电容量只有 1C 的 88%。客户现用 1.5% 导电炭黑 + 碳纳米管,"
    "成本压力大。我们想开发配套的复合导电剂或对正极材料本身做改性,把极片电阻降 20% 以上、"
    "导电剂用量降到 1% 以下,材料随货提供给客户。",
    ["导电剂", "磷酸铁锂", "极片电阻", "倍率性能", "石墨烯"],
    "energy",
    "NEM.01.01",
    (500000, 2000000),
    "2027-03-31",
    "joint",
    5,
    [("极片电阻降低", "≥ 20", "%"), ("导电剂用量", "≤ 1.0", "%"), ("3C/1C 容量比", "≥ 93", "%")],
    {
        "gra-conductive-paste": 2,
        "gra-electrochem-exfoliation": 1,
        "nem-lfp-high-density": 1,  # secondary carbon coating improves conductivity of the material itself
        "nem-lmfp": 0,
        "env-lfp-lithium-recovery": 0,
        "gra-zinc-rich-epoxy": 0,
    },
)

N(
    "wearable-vitals",
    "ent-kangmai",
    "居家养老用贴片式脉搏与呼吸连续监测",
    "我们计划推出面向居家老人的夜间监护贴片,现有方案用光电 PPG,老人皮肤松弛、翻身时信号丢失严重。"
    "想要柔软、可贴附的传感方案,能同时监测脉搏和呼吸频率,连续工作 72 小时,心率误差 ≤ 3 次/分,"
    "最终按二类医疗器械注册。可接受合作开发。",
    ["可穿戴", "脉搏", "呼吸频率", "柔性传感", "居家监护"],
    "biomedicine",
    "MED.01",
    (600000, 1500000),
    "2027-10-31",
    "joint",
    4,
    [("心率误差", "≤ 3", "次/分"), ("连续工作时间", "≥ 72", "h")],
    {
        "gra-pressure-sensor": 2,
        "gra-gas-sensor": 0,
        "med-handheld-ultrasound": 0,
        "med-poct-fluorescence": 0,
    },
)

# ------------------------------------------------------------------ new-energy materials
N(
    "storage-cycle-life",
    "ent-liyuan",
    "储能用磷酸铁锂材料:电池寿命要从 6000 次提到 8000 次",
    "储能电芯厂客户招标要求电芯循环 8000 次容量保持 80%,用我们材料做的 280 Ah 电芯只能做到 6000 次左右,"
    "压实密度 2.45 g/cm³ 也偏低。想请专家帮我们从材料颗粒设计、碳包覆、烧结工艺上系统改进,"
    "在现有辊道窑上实现,吨成本增加不超过 2000 元。",
    ["电池寿命", "磷酸铁锂", "储能", "压实密度", "正极材料"],
    "energy",
    "NEM.01.01",
    (1000000, 3000000),
    "2027-06-30",
    "joint",
    6,
    [("循环寿命(80% 保持)", "≥ 8000", "次"), ("压实密度", "≥ 2.6", "g/cm³"), ("吨成本增加", "≤ 2000", "元")],
    {
        "nem-lfp-high-density": 2,
        "nem-fec-additive": 1,  # electrolyte side of cycle life; useful to the cell maker
        "nem-lmfp": 1,  # same family of cathodes; a route to energy density, not life
        "gra-conductive-paste": 0,
        "env-lfp-lithium-recovery": 0,  # recycling spent LFP: near-miss "锂电池回收 vs 正极材料"
        "env-battery-dismantling": 0,
        "nem-bms-soh": 0,
    },
)

N(
    "lipf6-purity",
    "ent-taiming",
    "六氟磷酸锂游离酸和水分偏高,电解液客户退货",
    "我们用 HF 溶剂法生产 LiPF6,3000 吨/年。近半年产品游离酸在 60–110 ppm 之间波动,水分有时超过 20 ppm,"
    "被两家电解液客户退货。HF 法设备腐蚀也厉害,每年更换管件花费 300 多万。"
    "希望改工艺或增加纯化工序,使游离酸 ≤ 50 ppm、水分 ≤ 15 ppm 并稳定。",
    ["LiPF6", "六氟磷酸锂", "游离酸", "锂盐", "纯化"],
    "energy",
    "NEM.02.02",
    (2000000, 6000000),
    "2027-09-30",
    "transfer",
    6,
    [("游离酸(HF)", "≤ 50", "ppm"), ("水分", "≤ 15", "ppm")],
    {
        "nem-lipf6": 2,
        "nem-lifsi": 1,  # alternative lithium salt, same plant know-how
        "flu-ehf": 1,  # HF purification expertise relevant to raw-material quality
        "nem-fec-additive": 0,
    },
)

N(
    "storage-consistency",
    "ent-minneng",
    "储能电站运行三年后电芯一致性变差,可用容量下降",
    "我们运维的 3 座储能电站(合计 120 MWh)运行到第三年,簇内压差拉大到 150 mV 以上,放电时最差电芯先到截止电压,"
    "整站可放电量比额定少了 12%。现有 BMS 只有被动均衡,也算不准健康度。希望有改造方案:在线准确评估每簇 SOH,"
    "能主动均衡,改造后可用容量恢复 5% 以上,尽量利用现有柜体。",
    ["储能电站", "BMS", "一致性", "均衡", "健康度"],
    "energy",
    "NEM.03.01",
    (1000000, 2500000),
    "2027-04-30",
    "service",
    6,
    [("SOH 估计误差", "≤ 5", "%"), ("可用容量恢复", "≥ 5", "%")],
    {
        "nem-bms-soh": 2,
        "nem-liquid-cooling": 1,  # temperature spread is one cause of divergence
        "cnc-iiot-platform": 0,
        "ict-5g-private-network": 0,
        "nem-lfp-high-density": 0,
    },
)

N(
    "semi-solid-electrolyte",
    "ent-yongli",
    "半固态软包电池用固态电解质膜,解决针刺起火",
    "我们给电动两轮车做软包电池,客户出口欧洲要求针刺不起火。计划开发半固态电池,需要能和现有叠片工艺兼容的"
    "固态电解质膜或涂层隔膜,室温电导率 ≥ 0.3 mS/cm,不要求全固态,不用改造干燥房(现有露点 −35 ℃)。",
    ["半固态电池", "固态电解质", "针刺", "电池安全", "隔膜"],
    "energy",
    "NEM.02.01",
    (1000000, 3000000),
    "2027-08-31",
    "licence",
    5,
    [("室温离子电导率", "≥ 0.3", "mS/cm"), ("针刺", "不起火不爆炸", "")],
    {
        "nem-llzo-composite": 2,
        "nem-sulfide-electrolyte": 1,  # highest conductivity but needs a much drier room than −35 ℃
        "nem-fec-additive": 0,
        "nem-lipf6": 0,
    },
)

N(
    "cfx-primary-cell",
    "ent-taiming",
    "CFx primary battery cathode: 利用园区 F2/HF 资源开发氟化石墨",
    "公司有电解制氟装置,想延伸做 fluorinated graphite (CFx) 正极材料,卖给智能水表、燃气表电池厂。"
    "需要可放大的氟化工艺,F/C 比稳定在 0.9–1.1,放电比容量 ≥ 800 mAh/g,首期 20 吨/年。",
    ["CFx", "氟化石墨", "一次电池", "锂电池", "氟化"],
    "energy",
    "NEM.01.03",
    (1000000, 3000000),
    "2027-12-31",
    "joint",
    5,
    [("放电比容量", "≥ 800", "mAh/g"), ("F/C 比", "0.9–1.1", "")],
    {"nem-cfx": 2, "nem-si-carbon": 0, "gra-electrochem-exfoliation": 0},
)
