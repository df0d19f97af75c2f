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

# ------------------------------------------------------------------ light alloys
N(
    "battery-tray-distortion",
    "ent-hualv",
    "电池托盘型材拼焊后变形大、气密不良,需要新的焊接工艺",
    "我们给两家新能源车企配套电池托盘,托盘由 9 根 6005A 型材拼焊,现在用 MIG 焊,焊完整盘翘曲 3–5 mm,"
    "每件要人工校形 40 分钟,气密检测一次合格率只有 90% 左右。主机厂要求平面度 ≤ 2 mm,气密一次合格率 ≥ 98%。"
    "希望引进成熟的焊接工艺和工装,明年二季度新车型量产前落地。",
    ["电池托盘", "焊接变形", "铝型材", "气密性", "新能源汽车"],
    "manufacturing",
    "ALY.01.01",
    (500000, 1500000),
    "2027-04-30",
    "service",
    6,
    [("整盘平面度", "≤ 2", "mm"), ("气密一次合格率", "≥ 98", "%"), ("校形工时", "0", "min")],
    {
        "aly-battery-tray-fsw": 2,
        "aly-7xxx-profile": 0,  # a stronger alloy does not fix welding distortion
        "aly-extrusion-die": 0,
        "nem-liquid-cooling": 0,  # friction-stir-welded cold plates, but a thermal design method
        "cnc-robot-cell": 0,
    },
)

N(
    "5g-housing-heat",
    "ent-hualv",
    "5G 基站 AAU 散热壳体:现用 ADC12 压铸件散热不够",
    "我们为通信设备商压铸 AAU 散热壳体,用 ADC12 合金,客户新一代产品功耗提高 30%,要求壳体材料导热系数 ≥ 160 W/(m·K),"
    "散热齿厚 ≤ 2.5 mm,仍用现有 800 t 压铸机生产,不能换成挤压 + 焊接方案。",
    ["散热壳体", "压铸铝合金", "导热", "5G 基站", "AAU"],
    "materials",
    "ALY.01",
    (800000, 2000000),
    "2027-06-30",
    "licence",
    6,
    [("合金导热系数", "≥ 160", "W/(m·K)"), ("散热齿厚", "≤ 2.5", "mm")],
    {
        "aly-diecast-heat-sink": 2,
        "gra-tim-pad": 1,  # lowers the chip-to-housing resistance; helps the same heat path
        "gra-radiative-coating": 1,  # high-emissivity coating on an outdoor housing, a partial gain
        "ict-ceramic-filter": 0,
        "ict-gan-pa": 0,  # 5G hardware, but nothing to do with the housing's heat
        "gra-thermal-film": 0,
        "aly-mg-semisolid": 0,
    },
)

N(
    "extrusion-die-life",
    "ent-hualv",
    "铝型材挤压模具寿命短,换模频繁",
    "公司 12 台挤压机,光伏边框和散热型材模具平均上机 6–8 吨就要下机修模,每月修模费用 20 多万,"
    "换模还影响交期。模具材料是 H13,做过一次气体渗氮,工作带还是磨得快、粘铝严重。"
    "希望通过表面强化或新模具材料把单次上机寿命提高一倍以上,型材表面质量不下降,每套处理费用控制在 2000 元以内。",
    ["挤压模具", "模具寿命", "表面强化", "铝型材"],
    "manufacturing",
    "ALY.01.01",
    (200000, 600000),
    "2027-03-31",
    "service",
    7,
    [("单次上机寿命", "≥ 15", "吨"), ("修模费用降低", "≥ 40", "%")],
    {
        "aly-extrusion-die": 2,
        "tun-altisin-coating": 1,  # PVD coating know-how, developed for cutting tools
        "tun-cvd-turning": 0,
        "aly-recycled-melt": 0,
        "aly-7xxx-profile": 0,
    },
)

# ------------------------------------------------------------------ special steel and casting
N(
    "mill-liner-life",
    "ent-hengzhu",
    "球磨机衬板耐磨性不够,客户抱怨三四个月就要换",
    "我厂为铁矿、萤石矿选厂提供 φ3.6 m 球磨机衬板,材质是 ZGMn13 高锰钢。客户反映在中等冲击工况下衬板硬化不起来,"
    "4 个月左右就磨穿,换一次衬板停机 3 天。希望找到更耐磨的材料或处理工艺,寿命翻倍,不能断裂,"
    "单价上涨不超过 20%,最好能用我们现有的电弧炉和热处理炉生产。",
    ["衬板", "耐磨", "球磨机", "高锰钢", "寿命"],
    "materials",
    "STL.01.01",
    (300000, 1000000),
    "2027-05-31",
    "transfer",
    7,
    [("衬板寿命", "≥ 8", "月"), ("冲击韧性", "≥ 20", "J/cm²"), ("单价上涨", "≤ 20", "%")],
    {
        "stl-bainite-liner": 2,
        "stl-high-cr-iron": 1,  # very wear resistant, but brittle for a mill liner under impact
        "stl-high-mn-explosion": 1,  # keeps high-Mn steel; +30–40 % falls short of doubling
        "stl-overlay-plate": 1,  # for sliding wear (chutes), not impact in a mill
        "gra-zinc-rich-epoxy": 0,
    },
)

N(
    "lost-foam-porosity",
    "ent-hengzhu",
    "消失模铸造泵壳气孔多、废品率高",
    "我们的消失模线主要生产碳钢和灰铁泵壳、阀体,近一年废品率在 10%–14%,主要是上表面气孔、夹渣和皱皮,"
    "碳钢件还有增碳。希望有经验的团队到现场诊断,从模样材料、涂料和负压工艺上整改,半年内把废品率降到 5% 以下。",
    ["消失模", "铸造缺陷", "气孔", "废品率", "泵阀铸件"],
    "manufacturing",
    "STL.02.01",
    (100000, 400000),
    "2027-02-28",
    "service",
    7,
    [("铸件废品率", "≤ 5", "%"), ("碳钢件表面增碳", "≤ 0.08", "%")],
    {
        "stl-lost-foam-defect": 2,
        "stl-casting-sim": 1,
        "stl-investment-shell": 0,  # a different casting process
        "aly-mg-semisolid": 0,
    },
)

N(
    "steel-slag-use",
    "ent-datian",
    "钢渣堆存量大,寻找可规模化消纳的利用途径",
    "公司接收周边钢厂转炉渣,库存已超过 40 万吨,每年还新增 15 万吨。钢渣做路基因体积膨胀被施工方拒收,"
    "想找到能规模化消纳(≥ 10 万吨/年)的技术,产品要有稳定销路,项目投资控制在 5000 万元以内。",
    ["钢渣", "固废", "综合利用", "建材", "体积安定性"],
    "environment",
    "ENV.02.02",
    (500000, 2000000),
    "2027-09-30",
    "transfer",
    7,
    [("消纳规模", "≥ 10", "万吨/年"), ("游离 CaO", "≤ 3", "%")],
    {
        "env-steel-slag": 2,
        "env-tailings-ceramsite": 1,  # another solid-waste-to-building-material route
        "flu-fluorogypsum": 0,  # an industrial by-product to gypsum; a different waste
        "aly-recycled-melt": 0,
        "env-spent-mushroom-substrate": 0,
    },
)

# ------------------------------------------------------------------ tungsten
N(
    "titanium-milling-tools",
    "ent-ningwu",
    "加工 TC4 钛合金的硬质合金立铣刀寿命只有进口刀的一半",
    "我司立铣刀主要卖给航空结构件厂,加工 TC4 钛合金时刀具寿命约 40 min,进口同类刀具 90 min 以上,客户不愿换用国产。"
    "刀具基体已用超细晶棒材,主要差距在涂层。希望引进钛合金专用涂层工艺(我们有一台电弧离子镀设备),"
    "寿命达到进口刀的 90% 以上。",
    ["刀具涂层", "钛合金", "立铣刀", "刀具寿命", "PVD"],
    "materials",
    "TUN.02.01",
    (800000, 2000000),
    "2027-06-30",
    "licence",
    6,
    [("TC4 铣削刀具寿命", "≥ 80", "min"), ("涂层硬度", "≥ 35", "GPa")],
    {
        "tun-altisin-coating": 2,
        "tun-cvd-turning": 1,  # tool coating, but CVD for steel turning
        "tun-ultrafine-wc": 0,  # the substrate is already solved, says the need
        "cnc-tool-wear": 1,  # monitors wear; does not extend life, helps the customer use tools fully
        "aly-extrusion-die": 0,
    },
)

N(
    "pcb-microdrill-rod",
    "ent-ningwu",
    "PCB 微钻用超细晶硬质合金棒材国产化",
    "下游钻针厂要求 φ3.175 mm 棒材晶粒 ≤ 0.3 μm、抗弯强度 ≥ 4000 MPa,我们现在的棒材是 0.5 μm 晶粒,强度 3600 MPa,"
    "做 0.2 mm 以下钻针断针率高。需要超细 WC 原料和棒材成形、烧结全套技术。",
    ["硬质合金棒材", "PCB 微钻", "超细晶", "碳化钨"],
    "materials",
    "TUN.01.01",
    (1500000, 4000000),
    "2027-12-31",
    "joint",
    5,
    [("WC 晶粒度", "≤ 0.3", "μm"), ("抗弯强度", "≥ 4000", "MPa")],
    {
        "tun-microdrill-rod": 2,
        "tun-ultrafine-wc": 2,
        "tun-apt-clean": 0,
        "tun-altisin-coating": 0,
        "tun-heavy-alloy-am": 0,
    },
)

N(
    "carbide-scrap-recycling",
    "ent-ningwu",
    "废旧硬质合金刀具与磨削料回收再生",
    "我们每年产生废刀具、棒材切头和磨削泥约 120 吨,现在低价卖给回收商。想自建回收线,用锌熔法或电溶法把废硬质合金"
    "再生为 WC-Co 混合粉,钴回收率 ≥ 95%,再生粉能回用于中低端刀具。废料里混有 TiC、TaC 涂层刀片和少量焊接刀头,"
    "需要考虑分拣和除杂;县里环保部门要求不能产生新的危废。",
    ["硬质合金回收", "再生", "锌熔法", "钴回收", "资源循环"],
    "environment",
    "TUN",
    (1000000, 3000000),
    "2027-10-31",
    "transfer",
    6,
    [("钴回收率", "≥ 95", "%"), ("处理规模", "120", "吨/年")],
    {
        "tun-ultrafine-wc": 0,  # makes WC from virgin APT; no scrap route
        "tun-apt-clean": 0,  # ore smelting, not scrap
        "env-lfp-lithium-recovery": 0,  # shares 回收; a different material and chemistry
        "env-battery-dismantling": 0,
        "aly-recycled-melt": 0,
    },
)

# ------------------------------------------------------------------ ultra-precision CNC machining
N(
    "housing-visual-inspection",
    "ent-jinggong",
    "铝合金壳体外观划伤、磕碰靠人工目检,漏检多",
    "我们给笔记本和储能设备厂加工铝合金壳体,每天约 6000 件,目前 14 名检验员在灯下目检,漏检率约 3%,"
    "客户按件索赔。阳极氧化后表面反光,之前试过一家视觉设备效果不好。希望找到能稳定识别划伤、磕碰、压痕的自动检测方案,"
    "节拍 ≤ 5 s/件,漏检率 ≤ 0.5%。",
    ["外观检测", "机器视觉", "划伤", "缺陷检测", "铝合金壳体"],
    "manufacturing",
    "CNC.02.01",
    (300000, 1000000),
    "2027-03-31",
    "transfer",
    7,
    [("漏检率", "≤ 0.5", "%"), ("过检率", "≤ 3", "%"), ("检测节拍", "≤ 5", "s/件")],
    {
        "cnc-vision-surface": 2,
        "cnc-vision-measure": 1,  # vision hardware and integration, but dimensions, not surface defects
        "ict-video-ai-safety": 0,
        "ict-rice-pest-image": 0,
        "cnc-tool-wear": 0,
    },
)

N(
    "five-axis-accuracy",
    "ent-jinggong",
    "五轴加工中心加工叶轮超差,怀疑机床精度问题",
    "公司 6 台五轴机床中有 2 台是二手进口设备,加工不锈钢叶轮时轮廓度超差 0.03–0.05 mm,"
    "找厂家重新标定报价很高。希望有团队能快速诊断五轴几何误差并做补偿,使叶轮轮廓度稳定在 0.02 mm 以内。",
    ["五轴", "精度补偿", "叶轮", "几何误差", "RTCP"],
    "manufacturing",
    "CNC.01.01",
    (50000, 300000),
    "2027-01-31",
    "service",
    7,
    [("叶轮轮廓度", "≤ 0.02", "mm")],
    {
        "cnc-5axis-rtcp": 2,
        "cnc-thermal-comp": 1,
        "cnc-servo-vibration": 1,
        "cnc-diamond-turning": 0,
        "cnc-ultrasonic-grinding": 0,
    },
)

N(
    "workshop-oee",
    "ent-jinggong",
    "车间 38 台机床到底开了多少?想把设备利用率看清楚",
    "老板每天只能从报工单估算产能,机床品牌有 FANUC、三菱、国产系统,还有几台 2008 年的老设备。"
    "想要一套能自动采集开机、运行、待机、报警状态的系统,在车间大屏和手机上看 OEE,找出停机原因,"
    "后续能和我们的 ERP 对接。预算有限,最好按年付费。",
    ["设备利用率", "OEE", "机床联网", "数据采集", "车间管理"],
    "manufacturing",
    "CNC.02.02",
    (50000, 200000),
    "2027-02-28",
    "licence",
    8,
    [("设备联网率", "100", "%"), ("实施周期", "≤ 1", "月")],
    {
        "cnc-iiot-platform": 2,
        "ict-mes-sme": 1,  # production reporting, not machine-state collection
        "ict-5g-private-network": 0,
        "cnc-tool-wear": 0,
        "nem-bms-soh": 0,
    },
)

# ------------------------------------------------------------------ quantum dots
N(
    "qd-film-reliability",
    "ent-liangzi",
    "量子点膜高温高湿可靠性不过关,阻隔膜成本太高",
    "我们的量子点膜用镉系量子点加双层进口阻隔膜,85 ℃/85%RH 1000 h 亮度衰减 15%、边缘蓝边 2 mm,"
    "客户要求衰减 ≤ 10%、蓝边 ≤ 1 mm,同时欧洲客户要求无镉。阻隔膜占成本 55%,希望找到能降成本又满足可靠性的方案,"
    "可以接受合作开发。",
    ["量子点膜", "无镉", "可靠性", "阻隔膜", "背光"],
    "materials",
    "QDT.02.01",
    (1000000, 3000000),
    "2027-06-30",
    "joint",
    5,
    [("85/85 1000 h 亮度衰减", "≤ 10", "%"), ("边缘蓝边宽度", "≤ 1", "mm"), ("镉含量", "< 100", "ppm")],
    {
        "qdt-barrier-film": 2,
        "qdt-inp": 1,  # the cadmium-free emitter, not the film's reliability
        "qdt-perovskite": 0,  # contains lead; RoHS problem for the customer, and less stable
        "qdt-microled-inkjet": 0,
        "qdt-security-ink": 0,
        "qdt-plant-lighting": 0,
    },
)

# ------------------------------------------------------------------ 5G and electronics
N(
    "chem-park-5g",
    "ent-shuzhi",
    "氟化工园区 5G 专网 + 防爆巡检应用方案",
    "我们中标了清流氟化工园区的智慧园区项目,需要在防爆区域实现 5G 覆盖,支持巡检机器人视频回传、"
    "移动作业终端和人员定位,数据不出园区。缺少在化工园区落地过的应用方案和边缘计算平台,希望合作,"
    "上行带宽 ≥ 200 Mbps,端到端时延 ≤ 30 ms。",
    ["5G 专网", "化工园区", "智能巡检", "边缘计算", "防爆"],
    "electronics",
    "ICT.01.02",
    (500000, 1500000),
    "2027-05-31",
    "joint",
    6,
    [("上行带宽", "≥ 200", "Mbps"), ("端到端时延", "≤ 30", "ms")],
    {
        "ict-5g-private-network": 2,
        "ict-video-ai-safety": 1,
        "cnc-iiot-platform": 0,
        "ict-ceramic-filter": 0,
        "ict-lora-agri": 0,
    },
)

N(
    "mmwave-aip",
    "ent-shuzhi",
    "5G 毫米波 AiP 天线封装模组开发",
    "公司计划做 26 GHz 5G 毫米波 CPE 终端,需要 AiP(Antenna in Package)天线封装模组的设计与工艺,"
    "包括 4×4 相控阵天线、LTCC 或有机基板封装,EIRP ≥ 40 dBm。目前市场上方案都在国外厂商手里。",
    ["5G", "毫米波", "AiP", "天线封装", "相控阵"],
    "electronics",
    "ICT.01.01",
    (2000000, 5000000),
    "2027-12-31",
    "joint",
    4,
    [("工作频段", "26", "GHz"), ("EIRP", "≥ 40", "dBm")],
    {
        "ict-ceramic-filter": 0,  # 5G RF, sub-6 GHz filter; no antenna-in-package
        "ict-gan-pa": 0,  # 5G RF power amplifier for macro stations, sub-6 GHz
        "ict-5g-private-network": 0,
        "aly-diecast-heat-sink": 0,
    },
    "bureau_only",
)

# ------------------------------------------------------------------ seed industry
N(
    "seed-production-yield",
    "ent-fenghe",
    "杂交水稻制种亩产低、用工多,想推进机械化制种",
    "公司在建宁有 3.2 万亩制种基地,制种亩产多年徘徊在 150–170 kg,主要原因是母本异交结实率低;"
    "人工拉绳赶粉、割叶每亩要 10 多个工,现在很难请到人。希望引进机械化制种和提高异交结实率的成套技术,"
    "亩产提高到 220 kg 以上,每亩用工降一半。",
    ["水稻制种", "制种产量", "机械化", "异交结实率", "赶粉"],
    "agriculture",
    "SED.01.01",
    (200000, 800000),
    "2027-03-31",
    "service",
    7,
    [("制种亩产", "≥ 220", "kg"), ("每亩用工", "≤ 5", "个")],
    {
        "sed-mechanized-production": 2,
        "sed-tgms-line": 1,  # lowers the purity risk of two-line seed production
        "bpc-trichogramma": 0,  # rice pest control: near-miss "水稻病虫害生物防治 vs 水稻制种"
        "ict-rice-pest-image": 0,
        "sed-regeneration-rice": 0,
        "bpc-sex-pheromone": 0,
    },
)

N(
    "seed-purity-fast",
    "ent-fenghe",
    "种子纯度检测要等南繁种植,结果出来时种子已经卖了",
    "目前每批杂交稻种子都送海南种植鉴定纯度,4 个月后才出结果,去年有两批纯度 95% 左右,已经发货只能赔偿。"
    "希望在入库前 1 周内就能准确判断纯度,与田间鉴定结果一致,每个样品成本不超过 50 元,公司自己能操作。",
    ["种子纯度", "快速检测", "分子检测", "杂交水稻", "种子质量"],
    "agriculture",
    "SED.01.02",
    (100000, 300000),
    "2027-01-31",
    "transfer",
    7,
    [("检测周期", "≤ 7", "天"), ("与田间鉴定符合率", "≥ 97", "%")],
    {
        "sed-ssr-purity": 2,
        "sed-mas-pyramiding": 1,  # a KASP genotyping platform that could run purity markers
        "sed-genomic-selection": 0,
        "sed-seed-vigor": 0,  # seed quality, but vigour not purity
        "med-lamp-respiratory": 0,
    },
)

N(
    "blast-resistant-variety",
    "ent-fenghe",
    "需要抗稻瘟病、米质好的杂交稻新组合,替换抗性下降的老品种",
    "我们主推的两个组合近两年稻瘟病抗性明显下降,农户投诉多。想引进或合作选育抗稻瘟病(综合指数 ≤ 3)、"
    "米质达到部标 3 级以上、亩产不低于 600 kg 的新组合,最好已过省区试,可以买断或独占许可。",
    ["稻瘟病", "抗病品种", "杂交水稻", "新品种", "优质米"],
    "agriculture",
    "SED.01.01",
    (500000, 2000000),
    "2027-06-30",
    "licence",
    7,
    [("稻瘟病综合指数", "≤ 3", ""), ("亩产", "≥ 600", "kg"), ("米质", "部标 3 级以上", "")],
    {
        "sed-hybrid-blast": 2,
        "sed-mas-pyramiding": 1,  # the way to breed one, years away
        "bpc-bacillus-blast": 0,  # controls blast with a biopesticide; the need is a variety
        "ict-rice-pest-image": 0,
        "sed-tgms-line": 1,
        "sed-genomic-selection": 0,
    },
)

# ------------------------------------------------------------------ vegetables and edible fungi
N(
    "summer-shiitake",
    "ent-lvgu",
    "夏天一热香菇菌棒就烂,7–9 月没菇卖",
    "我们有 1800 万棒香菇,全部秋冬出菇。夏季菇价是冬季的两倍,但试过夏季出菇,气温一过 28 ℃ 烂棒率就有 25% 以上,"
    "还容易长绿霉。想找能在高温季节出菇的菌株和配套管理技术,烂棒率控制在 8% 以内。",
    ["香菇", "夏季出菇", "烂棒", "高温", "菌株"],
    "agriculture",
    "VEG.02.02",
    (100000, 500000),
    "2027-02-28",
    "licence",
    7,
    [("夏季烂棒率", "≤ 8", "%"), ("单棒产量", "≥ 0.8", "kg")],
    {
        "veg-shiitake-heat-strain": 2,
        "veg-trichoderma-control": 1,  # tackles the green-mould part of the problem
        "veg-enoki-factory": 0,
        "veg-ganoderma-strain": 0,
        "veg-juncao-substrate": 0,
    },
)

N(
    "sawdust-shortage",
    "ent-lvgu",
    "木屑越来越贵、林业限采,菌棒原料要找替代",
    "每年要用阔叶木屑 3 万多吨,林业部门限制采伐后木屑价格两年涨了 40%。想找一种替代原料和配方,"
    "替代一半以上木屑,产量和菇品质量不能明显下降,原料最好能在本地种植。"
    "我们还有 200 亩撂荒坡地可以用来种原料,希望合作方能提供种苗和配方,并派人指导头两批生产。",
    ["木屑替代", "栽培原料", "菌棒", "香菇", "降本"],
    "agriculture",
    "VEG.02.01",
    (100000, 400000),
    "2027-06-30",
    "licence",
    7,
    [("木屑替代比例", "≥ 50", "%"), ("生物学效率下降", "≤ 5", "个百分点")],
    {
        "veg-juncao-substrate": 2,
        "env-spent-mushroom-substrate": 0,  # disposal of spent substrate, not a raw-material substitute
        "veg-shiitake-heat-strain": 0,
        "veg-enoki-factory": 0,
    },
)

N(
    "bag-filling-machine",
    "ent-lvgu",
    "香菇菌包自动装袋、扎口、打孔接种一体机",
    "装袋扎口环节每条线要 12 个工人,熟练工越来越少。希望开发或引进一体化设备,能完成拌料输送、装袋、"
    "扎口和打孔接种,每小时 2000 袋,破袋率 ≤ 0.5%,适应我们 15×55 cm 的折角袋。"
    "市面上的装袋机只能装袋,扎口和接种仍靠人工,而且装料松紧不一,影响后期发菌。",
    ["菌包", "装袋机", "自动化设备", "食用菌", "接种"],
    "manufacturing",
    "VEG.02.01",
    (500000, 1500000),
    "2027-08-31",
    "joint",
    6,
    [("生产能力", "≥ 2000", "袋/h"), ("破袋率", "≤ 0.5", "%")],
    {
        "veg-enoki-factory": 0,  # factory cultivation, but a strain and climate recipe; no machinery
        "veg-juncao-substrate": 0,
        "veg-shiitake-heat-strain": 0,
        "cnc-robot-cell": 0,  # a machining-cell loader; not a food-grade bagging machine
        "veg-trichoderma-control": 0,
    },
)

N(
    "greenhouse-wilt",
    "ent-lvye",
    "大棚番茄、辣椒连作枯萎病越来越重,不想再用土壤熏蒸",
    "我们 1200 亩连栋温室和大棚连续种番茄、辣椒五六年,枯萎病和根腐病发病率 20%–30%,每年用棉隆熏蒸成本高、要闷棚一个月。"
    "希望找到生物防治或其他绿色方法,把发病率降到 10% 以下,不影响产量。",
    ["枯萎病", "连作障碍", "土传病害", "生物防治", "设施蔬菜"],
    "agriculture",
    "BPC.01.01",
    (100000, 400000),
    "2027-03-31",
    "service",
    6,
    [("枯萎病发病率", "≤ 10", "%")],
    {
        "bpc-trichoderma-soil": 2,
        "veg-grafted-seedling": 2,  # resistant rootstocks: the other proven route
        "veg-smart-fertigation": 0,  # water and fertiliser; does not control the disease
        "veg-trichoderma-control": 0,  # Trichoderma as the pest there: a near-miss on 木霉
        "bpc-bacillus-blast": 0,
        "bpc-entomopathogenic-nematode": 0,
    },
)

# ------------------------------------------------------------------ biological pest control
N(
    "bt-fermentation-titer",
    "ent-hekang",
    "Bt 发酵效价低,产品药效被客户质疑",
    "我们的 Bt 原粉发酵效价只有 10000–12000 IU/μL,比大厂低三成,做成 32000 IU/mg 可湿性粉剂成本高;"
    "客户反映防治稻纵卷叶螟见效慢。希望得到高毒力菌株和发酵工艺,在现有 20 m³ 罐上效价达到 16000 IU/μL 以上。",
    ["Bt", "发酵", "效价", "苏云金杆菌", "微生物农药"],
    "agriculture",
    "BPC.01.01",
    (500000, 1500000),
    "2027-05-31",
    "licence",
    6,
    [("发酵效价", "≥ 16000", "IU/μL")],
    {
        "bpc-bt-strain": 2,
        "bpc-beauveria": 0,
        "bpc-bacillus-blast": 1,  # Bacillus fermentation know-how, a fungicide though
        "bpc-trichoderma-soil": 0,
    },
)

N(
    "rice-borer-green-control",
    "ent-fenghe",
    "制种基地螟虫防治想减少化学农药",
    "出口东南亚的种子要求农药残留低,制种基地二化螟、稻纵卷叶螟每季要打 3–4 遍药,还伤了授粉用的蜜蜂。"
    "希望建立一套绿色防控方案,化学杀虫剂用量减少一半以上,螟虫危害损失控制在 3% 以内。"
    "基地集中连片 8000 亩,可以统一组织实施,愿意按亩购买防控服务。",
    ["螟虫", "绿色防控", "生物防治", "减药", "制种基地"],
    "agriculture",
    "BPC.01",
    (200000, 600000),
    "2027-04-30",
    "service",
    6,
    [("化学杀虫剂减量", "≥ 50", "%"), ("螟害损失", "≤ 3", "%")],
    {
        "bpc-trichogramma": 2,
        "bpc-sex-pheromone": 2,
        "bpc-bt-strain": 2,
        "ict-rice-pest-image": 1,
        "bpc-bacillus-blast": 0,  # a fungicide against blast, not borers
        "sed-mechanized-production": 0,
        "bpc-harmonia-diet": 0,
    },
)

# ------------------------------------------------------------------ environment
N(
    "mine-soil-remediation",
    "ent-qingyuan",
    "废弃铅锌冶炼厂场地重金属污染土壤修复后要再开发",
    "我们承接的某废弃冶炼厂场地约 2.5 万 m³ 土壤,铅 1200–3500 mg/kg、镉 15–40 mg/kg,规划为工业用地。"
    "固化填埋费用太高且没有填埋库容,希望采用能把污染物真正去除的修复技术,修复后满足建设用地二类筛选值,"
    "成本 ≤ 800 元/吨。",
    ["重金属污染", "土壤修复", "铅", "镉", "场地修复"],
    "environment",
    "ENV.01.01",
    (1000000, 3000000),
    "2027-06-30",
    "service",
    7,
    [("修复成本", "≤ 800", "元/吨"), ("修复后铅", "≤ 800", "mg/kg")],
    {
        "env-soil-washing": 2,
        "env-cd-passivation": 1,  # in-situ passivation for farmland; does not remove metals
        "env-carbon-dots-heavy-metal": 0,  # detects metals in water; near-miss on 重金属
        "env-defluoride-resin": 0,
    },
)

N(
    "retired-lfp-recycling",
    "ent-datian",
    "退役磷酸铁锂电池回收提锂,现在全溶工艺不赚钱",
    "公司有 1 万吨/年退役电池处理资质,目前拆解后把黑粉卖给湿法厂,价格被压得很低。想自己做提锂,但全溶酸浸工艺酸碱消耗大,"
    "铁磷渣难处理。需要选择性提锂工艺,锂回收率 ≥ 95%,产出电池级碳酸锂,最好同时提高拆解自动化水平。",
    ["电池回收", "提锂", "磷酸铁锂", "碳酸锂", "退役电池"],
    "environment",
    "ENV.02.01",
    (2000000, 6000000),
    "2027-09-30",
    "licence",
    6,
    [("锂回收率", "≥ 95", "%"), ("碳酸锂纯度", "≥ 99.5", "%")],
    {
        "env-lfp-lithium-recovery": 2,
        "env-battery-dismantling": 1,
        "nem-lfp-high-density": 0,  # makes new cathode material: near-miss "锂电池正极材料 vs 回收"
        "nem-lipf6": 0,
        "nem-bms-soh": 0,
    },
)

N(
    "halogenated-vocs",
    "ent-kangfu",
    "含氟含氯有机废气治理,现有 RTO 能耗高还腐蚀",
    "车间排放二氯甲烷、氟苯、三氟甲苯等混合废气约 15000 m³/h,现有 RTO 燃气费每年 200 多万,炉体和换热陶瓷被 HF/HCl 腐蚀,"
    "检修频繁。希望改用低温催化燃烧或其他工艺,非甲烷总烃去除率 ≥ 95%,运行费用降 40%。",
    ["VOCs", "含氟废气", "催化燃烧", "废气治理", "RTO"],
    "environment",
    "ENV",
    (800000, 2500000),
    "2027-06-30",
    "service",
    7,
    [("非甲烷总烃去除率", "≥ 95", "%"), ("运行费用降低", "≥ 40", "%")],
    {
        "env-vocs-rto": 2,
        "ffc-fluorination-catalyst": 0,  # a fluorination catalyst, not an oxidation catalyst
        "ict-apc-distillation": 0,
        "env-defluoride-resin": 0,
    },
    "bureau_only",
)

# ------------------------------------------------------------------ food
N(
    "frozen-wonton-cracking",
    "ent-weiyuan",
    "速冻扁肉冬天发外省,皮冻裂、煮了浑汤",
    "速冻扁肉发往北方门店和商超,冷链中转温度波动,到店后 5%–10% 的扁肉皮开裂,煮后破皮浑汤,客户投诉多。"
    "希望在不改变沙县扁肉薄皮口感的前提下,改良面皮配方和速冻工艺,冻裂率降到 2% 以内,冻藏 6 个月品质稳定。",
    ["速冻扁肉", "冻裂", "沙县小吃", "速冻工艺", "面皮"],
    "agriculture",
    "FOD.01",
    (100000, 300000),
    "2027-01-31",
    "transfer",
    6,
    [("冻裂率", "≤ 2", "%"), ("冻藏期", "≥ 6", "月")],
    {
        "fod-frozen-wonton": 2,
        "fod-fish-collagen-peptide": 0,
        "fod-lotus-resistant-starch": 0,
        "fod-diabetes-fsmp": 0,
    },
)

N(
    "lotus-by-products",
    "ent-lianyuan",
    "剥莲后的莲子心、莲房怎么卖出好价钱",
    "我们每年收购鲜莲 3000 吨,产生莲子心约 60 吨、莲房 900 吨,莲子心只能当茶叶低价卖,莲房基本丢掉。"
    "想上一条提取线,把这些副产物做成功能性配料,投资 500 万元以内,产品有明确的市场。"
    "鲜莲房含水高、放两天就发霉,提取工艺要能接受干燥后的原料,车间冬季可以停产检修。",
    ["莲子心", "莲房", "副产物", "提取", "建莲"],
    "agriculture",
    "FOD.01.01",
    (200000, 800000),
    "2027-04-30",
    "transfer",
    6,
    [("副产物利用率", "≥ 80", "%"), ("投资", "≤ 500", "万元")],
    {
        "fod-lotus-plumule": 2,
        "fod-lotus-resistant-starch": 0,  # uses the seeds themselves; nothing for 莲子心 or 莲房
        "med-tcm-supercritical": 1,  # an extraction line that could be adapted
        "fod-camellia-oil": 0,
    },
)

N(
    "dysphagia-thickener",
    "ent-lianyuan",
    "吞咽障碍老人用增稠型特医食品",
    "想利用莲子淀粉开发吞咽障碍患者用的增稠剂/增稠型食品,要求按 IDDSI 标准 1–4 级可调,加入热饮和冷饮中 "
    "5 分钟内稠度稳定、不受唾液淀粉酶影响而变稀,按特医食品或普通食品注册均可。"
    "市面上的黄原胶增稠剂口感滑腻,老人不爱吃;我们希望保留莲子的天然风味。",
    ["吞咽障碍", "增稠剂", "特医食品", "老年食品", "IDDSI"],
    "biomedicine",
    "FOD.01.02",
    (300000, 1000000),
    "2027-12-31",
    "joint",
    4,
    [("稠度稳定时间", "≤ 5", "min"), ("IDDSI 等级", "1–4 级可调", "")],
    {
        "fod-diabetes-fsmp": 0,  # 特医食品 too, but a diabetes formula; no thickening
        "fod-lotus-resistant-starch": 0,  # lotus starch, made resistant to digestion — not a thickener
        "fod-lotus-plumule": 0,
    },
)

# ------------------------------------------------------------------ medical engineering
N(
    "chest-pain-poct",
    "ent-kangmai",
    "乡镇卫生院胸痛中心需要快速定量心肌标志物检测",
    "我们的胶体金 cTnI 试纸只能定性,县域胸痛中心建设要求乡镇卫生院 20 分钟内出定量结果,灵敏度接近医院化学发光。"
    "希望引进荧光免疫定量平台(试剂 + 读数仪),cTnI 检测下限 ≤ 0.02 ng/mL,我们负责注册和生产。",
    ["心肌标志物", "POCT", "荧光免疫", "cTnI", "体外诊断"],
    "biomedicine",
    "MED.01.02",
    (1000000, 3000000),
    "2027-06-30",
    "licence",
    6,
    [("cTnI 检测下限", "≤ 0.02", "ng/mL"), ("检测时间", "≤ 20", "min")],
    {
        "med-poct-fluorescence": 2,
        "qdt-lateral-flow": 2,
        "med-lamp-respiratory": 0,  # POCT, but nucleic acids for infections
        "med-handheld-ultrasound": 0,
        "qdt-inp": 0,
    },
)

N(
    "tcm-batch-consistency",
    "ent-bencao",
    "黄精、金线莲饮片批次质量不稳定,想建立企业内控标准",
    "我们收购的黄精来自 6 个县,不同批次饮片成分差异大,大客户(制药厂)要求提供多成分含量和指纹图谱数据,"
    "现有检测只能测多糖。希望建立快速、可在企业实验室执行的质量评价方法,收购现场能初筛。"
    "企业实验室有一台 HPLC 和紫外分光光度计,可以再投入 50 万元购置仪器。",
    ["中药饮片", "质量控制", "指纹图谱", "黄精", "批次一致性"],
    "biomedicine",
    "MED.02.01",
    (100000, 400000),
    "2027-03-31",
    "service",
    6,
    [("定量成分数", "≥ 8", "个"), ("单批检测时间", "≤ 8", "h")],
    {
        "med-tcm-fingerprint": 2,
        "med-tcm-supercritical": 0,  # extraction process, not quality evaluation
        "fod-ganoderma-spore": 0,
        "veg-ganoderma-strain": 0,
    },
)


def J(need_key: str, grades: dict[str, int]) -> None:
    """Add grades for achievements written after the need (ach_extra.py)."""
    for need in NEEDS:
        if need["key"] == need_key:
            need["judgements"].update(grades)
            return
    raise KeyError(need_key)


J("phone-heat-spreader", {"gra-thick-graphite-film": 2})
J("pvdf-binder", {"flu-pvdf-powder-coating": 0})
J("offshore-wind-coating", {"flu-pvdf-powder-coating": 0})
J("storage-cycle-life", {"nem-bamboo-hard-carbon": 0})
J("cfx-primary-cell", {"nem-bamboo-hard-carbon": 0})
J("battery-tray-distortion", {"aly-laser-mig-hybrid": 2})
J("steel-slag-use", {"stl-foundry-sand": 0, "aly-dross-recycling": 0, "env-fluoride-sludge": 0})
J("carbide-scrap-recycling", {"tun-insert-pressing": 0, "aly-dross-recycling": 0})
J("housing-visual-inspection", {"cnc-deflectometry": 2})
J("five-axis-accuracy", {"cnc-nurbs-interpolation": 1})
J("workshop-oee", {"ict-redcap-gateway": 1})
J("chem-park-5g", {"ict-redcap-gateway": 1})
J("mmwave-aip", {"ict-redcap-gateway": 0})
J("qd-film-reliability", {"qdt-qled-ink": 0})
J("seed-production-yield", {"sed-seed-coating": 0})
J("summer-shiitake", {"veg-atmospheric-sterilizer": 0})
J("bag-filling-machine", {"veg-atmospheric-sterilizer": 0})  # same workshop, sterilising not bagging
J("rice-borer-green-control", {"bpc-tea-green-control": 0})
J("fluoride-wastewater", {"env-rural-sewage": 0, "env-fluoride-sludge": 0})
J("low-grade-fluorite", {"env-fluoride-sludge": 0})
J("frozen-wonton-cracking", {"fod-noodle-sauce": 0})
J("lotus-by-products", {"fod-tea-polyphenol": 1})  # resin separation of polyphenols: adaptable to 莲房
J("chest-pain-poct", {"med-fundus-ai": 0})
J("wearable-vitals", {"med-exoskeleton": 0})
J("electronic-hf", {"ffc-c4f6": 0})
J("continuous-fluorination", {"ffc-trifluorophenylacetic": 0})

# Hard distractors (ach_hard.py): same words as the need, a different problem.
J("phone-heat-spreader", {"gra-film-lamination-line": 0})  # equipment for laminating the film, not a better film
J("storage-cycle-life", {"nem-retired-lfp-cascade": 0})
J("storage-consistency", {"nem-retired-lfp-cascade": 1})  # its fast SOH sorting could grade cells in a station
J("retired-lfp-recycling", {"nem-retired-lfp-cascade": 0})  # reuse, not lithium extraction
J("pvdf-binder", {"flu-pvdf-separator-coating": 0})  # an application of PVDF, not a resin grade
J("fluoride-wastewater", {"env-fluoride-online-analyzer": 0})  # measures fluoride, removes none
J("low-grade-fluorite", {"flu-fluorite-backfill": 0})  # mining method; ore grade unchanged
J("mill-liner-life", {"stl-liner-thickness-monitor": 0})  # watches wear, does not slow it
J("seed-production-yield", {"sed-seed-base-platform": 0})
J("seed-purity-fast", {"sed-seed-base-platform": 0})
J("summer-shiitake", {"veg-shiitake-heat-pump-drying": 0})
J("sawdust-shortage", {"veg-sawdust-fermentation": 0})  # still sawdust
J("greenhouse-wilt", {"veg-greenhouse-soil-salinity": 0})  # salinity, not the Fusarium
J("bt-fermentation-titer", {"bpc-bt-titer-assay": 0})  # measures titre, does not raise it
J("frozen-wonton-cracking", {"fod-wonton-filling": 0})  # the filling, not the cracking skin
J("chest-pain-poct", {"med-clia-cardiac": 1})  # same analytes, antibody pairs adaptable; not POCT itself
J("lipf6-purity", {"nem-electrolyte-moisture": 0})  # measures water and acid, removes none
J("battery-tray-distortion", {"aly-battery-tray-smc-cover": 0})
J("workshop-oee", {"cnc-machine-energy": 1})  # power signatures give run/idle time per machine
J("mine-soil-remediation", {"env-soil-risk-software": 0})

# ------------------------------------------------------------------ needs in the buyer's own words
# Written the way a workshop manager or a farmer describes the symptom, with few of the researchers' terms, so that
# matching has to bridge vocabulary (背壳烫手 → 导热膜, 波纹 → 伺服振动抑制, 绿霉 → 木霉, 烂掉 → 预冷保鲜 …).
N(
    "pda-hot-back",
    "ent-zhilian",
    "手持终端连续扫码两小时后背壳烫手、卡顿",
    "我们的三防手持终端在物流仓库连续扫码两小时后,背面靠近处理器的位置摸上去有 48 ℃,用户投诉烫手,"
    "系统还会自动降频导致扫码变慢。外壳是塑料的,里面空间很紧,风扇放不进去,整机厚度不能增加。"
    "希望有办法把热量在机身里摊开,把最烫点降到 43 ℃ 以下,每台增加成本不超过 15 元。",
    ["手持终端", "发烫", "降频", "温度", "外壳"],
    "electronics",
    "GRA.02.01",
    (200000, 600000),
    "2027-05-31",
    "transfer",
    7,
    [("背壳最高温度", "≤ 43", "℃"), ("单台增加成本", "≤ 15", "元")],
    {
        "gra-thermal-film": 2,
        "gra-thick-graphite-film": 2,
        "gra-tim-pad": 1,  # moves heat from the chip into the spreader; half of the answer
        "gra-radiative-coating": 0,  # the plastic shell already emits at about 0.9; a coating adds nothing
        "gra-heating-film": 0,
        "gra-film-lamination-line": 0,
        "aly-diecast-heat-sink": 0,  # a die-cast aluminium housing; the terminal's shell is plastic and thin
        "nem-liquid-cooling": 0,
    },
)

N(
    "corner-ripples",
    "ent-jinggong",
    "机床一提速,工件拐角和圆弧处就出现一道道波纹",
    "两台新买的国产立式加工中心,进给一快,零件拐角和圆弧过渡的地方就有规律的波纹,机床还有嗡嗡声。"
    "厂家工程师把伺服参数调软后波纹没了,但加工效率掉了三成。我们想知道有没有办法既不降速又没有波纹,"
    "最好软件层面解决,不用改机床结构。",
    ["波纹", "进给速度", "加工中心", "表面质量", "伺服参数"],
    "manufacturing",
    "CNC.01.02",
    (50000, 300000),
    "2027-03-31",
    "licence",
    6,
    [("进给速度", "不低于调参前", ""), ("表面波纹", "目视不可见", "")],
    {
        "cnc-servo-vibration": 2,
        "cnc-nurbs-interpolation": 1,  # smoother velocity planning at corners reduces excitation
        "cnc-thermal-comp": 0,
        "cnc-5axis-rtcp": 0,
        "cnc-ultrasonic-grinding": 0,  # ultrasonic "vibration" used on purpose; a near-miss on 振动
        "cnc-tool-wear": 0,
    },
)

N(
    "cadmium-rice",
    "ent-lvyuan-rice",
    "矿区下游几个村的稻谷送粮库检测超标被拒收",
    "我们订单收购的稻谷里,矿区下游 3 个村约 2000 亩的稻谷今年检出镉超标,粮库拒收,农户损失很大,明年不敢种了。"
    "这些田不可能改种别的作物,也没钱换土。希望找到农户自己能操作、每亩每年花费不超过 400 元的办法,"
    "让这些田种出来的稻谷能合格收购,产量不要下降。",
    ["稻谷超标", "镉", "农田", "粮食安全", "矿区"],
    "agriculture",
    "ENV.01.01",
    (100000, 500000),
    "2027-03-31",
    "service",
    7,
    [("稻米镉含量", "≤ 0.2", "mg/kg"), ("亩均年成本", "≤ 400", "元")],
    {
        "env-cd-passivation": 2,
        "env-soil-washing": 0,  # excavation and washing suits construction land, not 2000 mu of paddy
        "env-carbon-dots-heavy-metal": 0,  # detects metals in water
        "fod-selenium-rice": 0,  # rice quality, no cadmium control
        "env-soil-risk-software": 0,
        "sed-hybrid-blast": 0,
    },
)

N(
    "green-mould-bags",
    "ent-lvgu",
    "菌棒培养期长绿霉的越来越多,今年坏了一成多",
    "今年春季接种的菌棒在发菌期间出现大片绿色霉斑,坏棒率 12%,往年只有 5% 左右。我们现在靠多菌灵拌料,"
    "外贸客户又要求不能有农药残留。想找到不用化学杀菌剂也能把坏棒率压下来的办法,菌丝长速不能受影响。",
    ["绿霉", "坏棒", "发菌", "菌棒", "农药残留"],
    "agriculture",
    "VEG.02",
    (50000, 300000),
    "2027-02-28",
    "licence",
    6,
    [("发菌期坏棒率", "≤ 5", "%")],
    {
        "veg-trichoderma-control": 2,
        "veg-sawdust-fermentation": 1,  # fewer inhibitors, 3 points less contamination
        "veg-atmospheric-sterilizer": 1,  # even sterilisation removes one cause of contamination
        "bpc-trichoderma-soil": 0,  # Trichoderma as the biocontrol agent: the same fungus on the other side
        "veg-shiitake-heat-strain": 0,
        "veg-shiitake-heat-pump-drying": 0,
    },
)

N(
    "breathable-shell",
    "ent-jinlun",
    "冲锋衣面料要防水又不闷汗,现有涂层面料透气差",
    "我们给欧洲户外品牌做冲锋衣面料,现在用 PU 涂层,防水够了但穿着爬山闷汗,客户下一季要求透气指标提高两倍以上,"
    "还要经得起 20 次水洗。希望引进可以和锦纶面料复合的防水透气层技术,能在我们的复合机上生产,客户接受含氟膜材。",
    ["冲锋衣", "防水", "透气", "面料", "复合"],
    "materials",
    "FLU.02.02",
    (500000, 1500000),
    "2027-06-30",
    "licence",
    6,
    [("透湿量", "≥ 8000", "g/(m²·24h)"), ("水洗 20 次后静水压", "≥ 10", "kPa")],
    {
        "flu-eptfe-film": 2,
        "flu-pvdf-membrane": 0,  # a porous fluoropolymer membrane too, but hollow fibres for water treatment
        "flu-ptfe-nonstick": 0,
        "ffc-c6-leveling": 0,
        "flu-ptfe-seal": 0,
    },
)

N(
    "low-sugar-breakfast",
    "ent-lianyuan",
    "给血糖偏高的中老年人做一款冲调早餐粉",
    "门店老顾客很多是血糖偏高的中老年人,问我们有没有吃了不容易升血糖的莲子产品。我们想开发一款热水冲调的早餐粉,"
    "以建莲为主要原料,口感要细、不结块,能在包装上有依据地标注“低升糖”,生产线在现有莲子粉车间改造。",
    ["早餐粉", "血糖", "中老年", "莲子", "冲调"],
    "agriculture",
    "FOD.01",
    (100000, 400000),
    "2027-04-30",
    "transfer",
    6,
    [("GI 值", "≤ 55", ""), ("冲调结块率", "≤ 1", "%")],
    {
        "fod-lotus-resistant-starch": 2,
        "fod-diabetes-fsmp": 1,  # a formula for diabetics, but a medical food with registration
        "fod-lotus-plumule": 0,
        "fod-tea-polyphenol": 0,
        "fod-ganoderma-spore": 0,
    },
)

N(
    "summer-veg-spoilage",
    "ent-lvye",
    "夏天高山菜运到广州深圳,路上烂掉两三成",
    "7–9 月我们的高山小白菜、菜心走冷链车运往珠三角,一路 14 个小时,到批发市场后黄叶、烂叶多,损耗 25% 左右,"
    "还经常被压价。菜是中午采的,装车前没有任何处理。希望把到货损耗降到 10% 以内,货架期多几天,设备投入不超过 80 万元。",
    ["运输损耗", "烂叶", "高山蔬菜", "夏季", "冷链"],
    "agriculture",
    "VEG.01",
    (200000, 800000),
    "2027-05-31",
    "transfer",
    7,
    [("到货损耗", "≤ 10", "%"), ("货架期", "≥ 7", "天")],
    {
        "veg-precooling": 2,
        "veg-heat-tolerant-pakchoi": 0,  # grows in summer heat; says nothing about keeping after harvest
        "ict-lora-agri": 0,
        "veg-shiitake-heat-pump-drying": 0,
        "qdt-plant-lighting": 0,
    },
)

N(
    "night-shift-tool-break",
    "ent-jinggong",
    "夜班没人看机床,刀断了一直加工到天亮,整批报废",
    "我们有 8 台机床夜班无人值守,上个月刀具在半夜断了没人发现,后面 60 多件铝合金壳体全部报废,损失 4 万多元。"
    "想在不给刀柄加装东西的前提下,让机床自己发现刀具快不行了或已经断了,及时停机并通知值班人员,误报不能太多。",
    ["断刀", "夜班", "无人值守", "报废", "停机报警"],
    "manufacturing",
    "CNC.02",
    (50000, 200000),
    "2027-01-31",
    "licence",
    6,
    [("断刀或磨钝发现率", "≥ 90", "%"), ("误报", "≤ 1", "次/周")],
    {
        "cnc-tool-wear": 2,
        "cnc-iiot-platform": 1,  # alarms and machine states reach the phone; does not judge the tool
        "cnc-machine-energy": 0,
        "cnc-robot-cell": 0,
        "tun-altisin-coating": 0,  # longer tool life, no detection
        "cnc-vision-surface": 0,
    },
)

N(
    "tea-leafhopper",
    "ent-gaoshan-tea",
    "茶园浮尘子(小绿虫)太多,打药后出口茶叶农残超标",
    "夏秋茶期间茶园里浮尘子特别多,叶片发黄卷曲,一年要打五六次药。去年两批出口欧盟的乌龙茶因农残超标被退回,"
    "损失 80 多万元。希望找到少用或不用化学农药也能把虫口压下去的办法,适合山地茶园,工人容易操作。",
    ["浮尘子", "茶园", "农残", "出口茶叶", "减药"],
    "agriculture",
    "BPC.01",
    (100000, 400000),
    "2027-04-30",
    "service",
    6,
    [("化学农药次数", "≤ 2", "次/年"), ("虫口减退率", "≥ 60", "%")],
    {
        "bpc-tea-green-control": 2,  # expired listing (valid_until 2026-07-31): relevant, yet hidden by expiry
        "bpc-beauveria": 2,  # Beauveria is effective against 茶小绿叶蝉, the leafhopper farmers call 浮尘子
        "bpc-harmonia-diet": 1,  # ladybirds for the aphids in the same tea gardens
        "bpc-sex-pheromone": 0,  # rice borers
        "ict-rice-pest-image": 0,
        "bpc-trichogramma": 0,
    },
)

N(
    "rod-pinholes",
    "ent-ningwu",
    "硬质合金棒料磨成刀后刃口出现小砂眼,客户退货",
    "客户把我们的棒料磨成小直径铣刀和钻头后,在刃口上发现针尖大小的砂眼,刀具一用就崩刃,去年退货 3 批。"
    "我们用真空烧结,原料是外购的 0.4 μm 碳化钨粉。希望找到把棒料内部小孔彻底消除、同时强度更高的工艺,"
    "最好能利用现有的成形设备。",
    ["砂眼", "崩刃", "棒料", "烧结", "退货"],
    "materials",
    "TUN.02",
    (500000, 1500000),
    "2027-06-30",
    "joint",
    6,
    [("刃口砂眼", "0", "个"), ("抗弯强度", "≥ 4000", "MPa")],
    {
        "tun-microdrill-rod": 2,  # low-pressure sintering removes the porosity
        "tun-ultrafine-wc": 1,  # finer, better-controlled powder; porosity is a sintering matter
        "tun-insert-pressing": 0,
        "tun-cvd-turning": 0,
        "tun-altisin-coating": 0,
    },
)

N(
    "greenhouse-dim-light",
    "ent-lvye",
    "冬春阴雨天多,棚里光线太暗,叶菜长得慢",
    "每年 2–4 月连续阴雨,连栋温室里光照不足,生菜、小白菜生长期要拉长一周多,还容易徒长。"
    "我们试过普通白光 LED 灯,电费太高算不过账。想找能对症给光、又比普通灯省电的办法,每亩灯具投入不超过 3 万元。",
    ["阴雨天", "光照不足", "叶菜", "温室", "省电"],
    "agriculture",
    "VEG.01",
    (100000, 400000),
    "2027-01-31",
    "transfer",
    6,
    [("生长期缩短", "≥ 5", "天"), ("照明电耗降低", "≥ 15", "%")],
    {
        "qdt-plant-lighting": 2,
        "veg-smart-fertigation": 0,
        "ict-lora-agri": 0,
        "gra-radiative-coating": 0,  # LED lamps, but about the lamp's own heat
        "veg-heat-tolerant-pakchoi": 0,
    },
)

N(
    "streetlight-heavy",
    "ent-mingguang",
    "LED 路灯灯体太重、铝材成本高,灯珠光衰还快",
    "我们 150 W 路灯的铝压铸灯体有 6.5 kg,铝价上涨后成本压力大;想减薄灯体,但一减薄灯珠温度就上去,"
    "两年光衰超过 15%,市政项目验收通不过。希望在不加风扇的前提下把灯体重量减 20%,灯珠温度不升高。",
    ["路灯", "灯体", "减重", "光衰", "灯珠温度"],
    "materials",
    "GRA.02.01",
    (200000, 600000),
    "2027-03-31",
    "transfer",
    7,
    [("灯体减重", "≥ 20", "%"), ("灯珠温升", "≤ 0", "℃")],
    {
        "gra-radiative-coating": 2,
        "aly-diecast-heat-sink": 2,  # a better-conducting die-cast alloy allows thinner walls at the same temperature
        "gra-tim-pad": 1,
        "gra-thermal-film": 0,
        "qdt-plant-lighting": 0,
    },
)

N(
    "kitchen-fume",
    "ent-weiyuan",
    "中央厨房炸制、炒制油烟扰民,被环保部门责令整改",
    "我们的中央厨房每天炸制、炒制沙县小吃配料,油烟和异味大,周边居民投诉,环保部门要求三个月内整改,"
    "油烟排放浓度 ≤ 1.0 mg/m³、非甲烷总烃 ≤ 10 mg/m³。现有静电油烟净化器效果不稳定,希望找到可靠的治理方案。",
    ["油烟", "异味", "中央厨房", "沙县小吃", "废气治理"],
    "environment",
    "ENV",
    (200000, 600000),
    "2027-02-28",
    "service",
    7,
    [("油烟排放浓度", "≤ 1.0", "mg/m³"), ("非甲烷总烃", "≤ 10", "mg/m³")],
    {
        "env-vocs-rto": 0,  # halogenated chemical VOCs; grease-laden cooking fumes foul such a catalyst
        "fod-noodle-sauce": 0,  # same food company's world, nothing on exhaust
        "fod-frozen-wonton": 0,
        "env-rural-sewage": 0,
    },
)
