"""Held-out needs: written as enterprises write them, judged against the dev split's 185 achievements.

Never tune the matcher on these. Each need carries its hand grades (achievement number → grade):
2 = directly solves it, 1 = partially / adaptable, 0 = judged not relevant (tempting distractors, listed on
purpose). build_heldout.py adds every other pool member (same top-level chain, shared keyword, lexical top 15)
as 0 after review. The comment above each need says what makes it hard and why the grades are what they are.
Tags in the comments: [lay] symptom words only, [cross] best answer lies in another chain/field than the one the
enterprise picked, [none] nothing listed solves it, [mixed] two problems in one need, [short] two sentences,
[en] English abbreviations.
"""

from __future__ import annotations

# (key, name, credit-code prefix, region, address, description, contact) — 91 company, 93 farmers' co-operative.
NEW_ENTERPRISES = [
    (
        "ent-yongning-hosp",
        "三明永宁医院有限公司",
        "91",
        "350404",
        "福建省三明市三元区新市中路 212 号",
        "二级综合医院(社会办医),开放床位 420 张,设血液透析中心、康复科和体检中心,承接周边乡镇转诊。",
        ("邱慧芳", "0598-8261930", "ent-yongning-hosp@example.com"),
    ),
    (
        "ent-jiangle-muer",
        "将乐县万安黑木耳专业合作社",
        "93",
        "350428",
        "福建省三明市将乐县万安镇万安村 16 号",
        "社员 86 户,统一制袋、统一销售,年产黑木耳菌包 320 万袋,自有晒耳场 40 亩。",
        ("廖春生", "0598-2387715", "ent-jiangle-muer@example.com"),
    ),
    (
        "ent-ninghua-jiucai",
        "宁化县石壁镇绿丰蔬菜专业合作社",
        "93",
        "350424",
        "福建省三明市宁化县石壁镇石壁村 3 组",
        "种植韭菜、芹菜和葱蒜类蔬菜 680 亩,供应福州、厦门批发市场和社区团购。",
        ("张福来", "0598-6958302", "ent-ninghua-jiucai@example.com"),
    ),
    (
        "ent-taining-water",
        "泰宁县自来水有限公司",
        "91",
        "350429",
        "福建省三明市泰宁县杉城镇水南路 9 号",
        "县属国有供水企业,运营 2 座水厂,日供水能力 4 万吨,负责县城及 5 个乡镇供水。",
        ("黄国栋", "0598-7832516", "ent-taining-water@example.com"),
    ),
    (
        "ent-youxi-bamboo",
        "福建尤溪竹韵竹业有限公司",
        "91",
        "350426",
        "福建省三明市尤溪县城关镇埔宁工业园 21 号",
        "毛竹加工企业,生产竹集成材、竹砧板和一次性竹筷,年消耗毛竹 6 万吨。",
        ("纪文龙", "0598-6327709", "ent-youxi-bamboo@example.com"),
    ),
    (
        "ent-jingmo",
        "三明精模模具有限公司",
        "91",
        "350405",
        "福建省三明市沙县区金古经济开发区 5 号楼",
        "生产家电注塑模具和压铸模具,模仁材料以 S136、H13 淬火钢为主,有高速加工中心 14 台。",
        ("罗建勋", "0598-5823641", "ent-jingmo@example.com"),
    ),
]

NEEDS: list[dict] = []


def H(
    ent: str,
    title: str,
    description: str,
    keywords: list[str],
    field: str,
    chain: str,
    grades: dict[int, int],
    *,
    budget: tuple[int, int] | None = None,
    deadline: str | None = "2027-06-30",
    mode: str | None = None,
    min_trl: int | None = None,
    indicators: list[tuple[str, str, str]] | None = None,
    visibility: str = "public",
) -> None:
    NEEDS.append(
        {
            "ent": ent,
            "title": title,
            "description": description,
            "keywords": keywords,
            "field": field,
            "chain": chain,
            "grades": grades,
            "budget": budget,
            "deadline": deadline,
            "mode": mode,
            "min_trl": min_trl,
            "indicators": indicators or [],
            "visibility": visibility,
        }
    )


# ------------------------------------------------------------------ electronics and lighting
# [lay][cross] A 5G CPE box in a plastic shell: the fix is a heat spreader (GRA), the integrator files it under its
# own chain (ICT.01.02). Graphite/graphene films spread heat inside the shell (2); a gap pad only moves heat from
# chip to shell (1); a high-emissivity coating helps a little on a plastic shell (1). A die-cast housing would work
# but the need rules out a new shell (0). Heating film, liquid cooling and RF parts share words only (0).
H(
    "ent-shuzhi",
    "车间里装的 5G 小盒子夏天烫得不敢摸,隔几天就自己重启",
    "我们给几家工厂装的 5G 工业 CPE(巴掌大小的塑料盒子)挂在车间柱子上,夏天车间 38 ℃ 左右,盒子表面摸上去烫手,"
    "里面芯片附近测过 95 ℃ 以上,三天两头自己重启,客户产线数据就断了。盒子太小装不了风扇,外壳模具刚开好不想换金属壳,"
    "也不想加厚。希望有办法把芯片的热在盒子里摊开散出去,芯片温度降 10 ℃ 以上,每台加的材料费 20 元以内。",
    ["5G CPE", "发热", "重启", "外壳", "工业网关"],
    "electronics",
    "ICT.01.02",
    {144: 2, 21: 2, 22: 1, 23: 1, 45: 0, 28: 0, 40: 0, 82: 0, 83: 0, 156: 0, 169: 0},
    budget=(100000, 300000),
    mode="transfer",
    min_trl=6,
    indicators=[("芯片温度降幅", "≥ 10", "℃"), ("单台增加材料成本", "≤ 20", "元")],
)

# [lay][cross-ish] Cold-store PDAs die at −25 ℃ with 40 % charge left. No listed low-temperature cell; a thin
# heating film around the pack is the practical engineering answer (1). Primary Li/CFx cells cannot be
# recharged (0); electrolyte additives target high voltage and heat, not cold (0).
H(
    "ent-zhilian",
    "冷库里用的手持终端半小时就关机,电量明明还有四成",
    "冷链物流客户在 −25 ℃ 冷库里用我们的三防手持终端扫货,进去半小时左右机器就自动关机,拿出来回温后电量又显示 40% 多。"
    "客户现在只能备两台轮换揣在怀里捂着。电池是外购的 18650 组合包,我们希望在不换电池品牌的前提下,"
    "让终端在 −25 ℃ 能连续工作 4 小时,整机重量增加不超过 30 克。",
    ["手持终端", "冷库", "低温", "关机", "电池"],
    "electronics",
    "NEM.03",
    {28: 1, 33: 0, 38: 0, 30: 0, 32: 0, 35: 0, 37: 0, 40: 0, 147: 0},
    budget=(150000, 400000),
    mode="joint",
    indicators=[("−25 ℃ 连续工作时间", "≥ 4", "h"), ("增加重量", "≤ 30", "g")],
)

# [none] Sunlight readability is an LCD/optical-bonding problem. QD films (brightness, colour gamut) and
# transparent conductive films share words, but none fixes glare outdoors.
H(
    "ent-zhilian",
    "车载平板在户外太阳底下屏幕看不清",
    "电力巡检客户反映车载平板拿到户外,中午太阳一照屏幕基本看不清,只能用手挡着看,调到最亮又特别耗电,"
    "发热也大。希望屏幕在强光下能看清,亮度不要比现在再高太多,整机功耗增加不超过 1 W。",
    ["屏幕", "强光可视", "车载平板", "反光", "亮度"],
    "electronics",
    "QDT.02.01",
    {77: 0, 75: 0, 18: 0, 155: 0, 78: 0, 153: 0},
    budget=(300000, 800000),
    mode="joint",
    indicators=[("强光下可读环境照度", "≥ 80000", "lx"), ("功耗增加", "≤ 1", "W")],
)

# [none] Tunnel lamp covers (tempered glass / PC) go yellow and greasy. A self-cleaning, light-transmitting cover
# is not listed: the PTFE/PFA non-stick coating is opaque and sintered at 360 ℃, the graphene coating is for the
# heat-sink side, the fluorinated levelling agent is a paint additive.
H(
    "ent-mingguang",
    "隧道灯用一年灯罩就糊了,亮度掉一半,清洗一次要封道",
    "我们给高速隧道供的 LED 灯,装上一年左右灯罩表面就被汽车尾气的油烟和灰糊住,有的还发黄,实测照度只剩一半。"
    "隧道管理方每次清洗都要封一条车道,一年洗两次成本很高。想找一种灯罩(钢化玻璃)表面处理,"
    "让油污不容易粘、下雨或冲水就能掉,透光率不能明显下降,耐 5 年以上。",
    ["隧道灯", "灯罩", "自清洁", "防污", "透光率"],
    "materials",
    "GRA.02.01",
    {10: 0, 23: 0, 15: 0, 18: 0, 25: 0, 145: 0},
    budget=(200000, 600000),
    mode="licence",
    indicators=[("透光率下降", "≤ 2", "%"), ("清洗周期", "≥ 24", "个月")],
)

# [cross] A lighting maker wanting grow lights picks QDT; the quantum-dot grow light answers it directly (2).
# Kept lexically plain on purpose: the answer shares 补光 with the need but not 量子点.
H(
    "ent-mingguang",
    "想把路灯产线改一部分做大棚补光灯",
    "路灯订单下滑,想利用现有灯具产线做设施农业补光灯。试过用普通白光灯珠给客户大棚补光,菜农说光是亮了,菜不见长得快,"
    "电费倒是上去了。希望有一款光谱适合蔬菜生长的灯珠或方案,能用在现有灯体上,比红蓝灯节电,叶菜增产 15% 以上。",
    ["补光灯", "设施农业", "LED", "光谱"],
    "electronics",
    "QDT.02",
    {79: 2, 23: 0, 100: 0, 89: 0, 75: 0},
    budget=(300000, 1000000),
    mode="licence",
    min_trl=5,
    indicators=[("叶菜增产", "≥ 15", "%"), ("与红蓝灯相比节电", "≥ 10", "%")],
)

# [none] Scratches on optical diffuser film need a hard coat; none listed. The QD film without barrier layer, the
# magnesium micro-arc oxidation coating and PVD tool coatings share "膜/涂层/耐磨" only.
H(
    "ent-liangzi",
    "扩散膜在客户那里组装时容易划花,报废率 3%",
    "我们的扩散膜送到背光模组厂,工人撕保护膜、叠装的时候表面很容易划出细痕,点亮后看得见,模组厂按 3% 报废扣款。"
    "想在不影响雾度和透光的前提下提高表面耐刮,铅笔硬度从现在的 HB 提到 2H,最好能在现有涂布线上做。",
    ["扩散膜", "耐刮", "划伤", "涂布", "背光"],
    "materials",
    "QDT.02.01",
    {77: 0, 48: 0, 60: 0, 61: 0, 18: 0, 144: 0},
    budget=(200000, 500000),
    mode="licence",
    indicators=[("表面铅笔硬度", "≥ 2H", ""), ("组装划伤报废率", "≤ 0.5", "%")],
)

# [short] Cadmium-free QDs: InP core-shell QDs are the answer (2); red InP QLED ink is InP but for inkjet
# electroluminescence (1); perovskite QDs contain lead, which RoHS restricts too (0).
H(
    "ent-liangzi",
    "欧洲客户说明年起不收含镉的膜了",
    "我们量子点膜用的是外购的 CdSe 量子点,欧洲电视品牌通知明年起不再接受含镉产品。需要一款能直接替换的量子点材料,亮度和色域不能掉太多。",
    ["量子点膜", "无镉", "RoHS", "欧洲"],
    "materials",
    "QDT.01",
    {75: 2, 155: 1, 76: 0, 77: 0, 78: 0, 81: 0, 125: 0},
    budget=(500000, 2000000),
    mode="transfer",
    min_trl=6,
    indicators=[("镉含量", "≤ 100", "ppm")],
)

# ------------------------------------------------------------------ hospital (purchasing officer's wording)
# [lay] "Less radiation without buying a new CT" — deep-learning low-dose reconstruction (2).
H(
    "ent-yongning-hosp",
    "家长问孩子做 CT 能不能少照点射线,我们的 CT 是 2015 年买的",
    "我院 64 排 CT 用了快十年,儿科和体检中心做检查时,家长和体检客户经常问辐射大不大。换一台新 CT 要上千万元,"
    "今年预算批不下来。想了解有没有在现有设备上就能用的办法,把每次检查的辐射量明显降下来,图像还要能让放射科医生看得清,"
    "不能影响出报告的速度。",
    ["CT", "辐射", "儿童检查", "设备升级"],
    "biomedicine",
    "MED.01.01",
    {135: 2, 136: 0, 166: 0, 64: 0},
    budget=(300000, 1000000),
    mode="transfer",
    min_trl=6,
    indicators=[("辐射剂量降低", "≥ 50", "%"), ("单例处理时间", "≤ 60", "s")],
)

# [lay] Diabetic-retinopathy screening AI (2). Handheld ultrasound and CT reconstruction are "medical imaging"
# words only (0).
H(
    "ent-yongning-hosp",
    "糖尿病病人眼底没人查,眼科医生看不过来",
    "内分泌科在管的糖尿病病人有 3000 多人,按要求每年要查一次眼底,但我院眼科只有两名医生,门诊都排不过来,"
    "很多病人等到视力模糊才来看,已经晚了。想在内分泌科门诊放一台设备,护士拍照就能初步判断要不要转眼科,"
    "漏判要少,结果当场出。",
    ["糖尿病", "眼底", "筛查", "转诊"],
    "biomedicine",
    "MED.01",
    {166: 2, 135: 0, 136: 0, 131: 0, 86: 0, 69: 0},
    budget=(200000, 600000),
    mode="transfer",
    min_trl=6,
    indicators=[("需转诊病变敏感度", "≥ 90", "%"), ("单例判读时间", "≤ 1", "min")],
)

# [lay] Dialysis access grafts that clot: heparin-bonded small-bore ePTFE graft (2). ePTFE fabric membrane and
# PVDF hollow fibres share words only (0).
H(
    "ent-yongning-hosp",
    "透析病人的人工血管几个月就堵,反复手术",
    "我院透析中心有 180 名病人,自体血管条件差的只能做人工血管通路,但不少病人用几个月就形成血栓堵塞,"
    "要再做取栓甚至重新植入,病人痛苦,医保费用也高。想了解有没有更不容易堵的人工血管产品或技术,"
    "半年通畅率明显提高,最好是国产、价格比进口低。",
    ["透析", "人工血管", "血栓", "通路"],
    "biomedicine",
    "MED.01",
    {139: 2, 3: 0, 2: 0, 143: 0, 140: 0},
    budget=(500000, 2000000),
    mode="joint",
    indicators=[("6 个月通畅率", "≥ 85", "%")],
)

# [lay] Gait training after stroke: lower-limb exoskeleton (2). Pulse/respiration patch is "wearable" only (0).
H(
    "ent-yongning-hosp",
    "康复科两个治疗师扶一个中风病人练走路,人手不够",
    "康复科每天有 30 多名脑梗、脑出血后的病人要练走路,现在靠治疗师一左一右扶着走,一个人一天最多带五六个病人,"
    "训练量上不去,治疗师腰也受不了。想采购或合作引进能帮病人练走路的设备,减轻治疗师体力,训练效果有临床数据支撑。",
    ["康复", "中风", "步行训练", "治疗师"],
    "biomedicine",
    "MED.01",
    {167: 2, 26: 0, 140: 0},
    budget=(500000, 1500000),
    mode="transfer",
    min_trl=6,
    indicators=[("每名治疗师日训练人次", "≥ 10", "人次")],
)

# [lay] Fever clinic: which pathogen, today. Multiplex LAMP cartridge (2); the QD lateral-flow platform says it
# can extend to infectious disease but is an immunoassay built for cardiac markers (1). Cardiac TRF/CLIA (0).
H(
    "ent-yongning-hosp",
    "发热病人分不清是流感还是别的,送检要等两天",
    "冬春季发热门诊每天 200 多人,医生分不清是甲流、乙流还是其他呼吸道感染,抗生素和抗病毒药不好下。"
    "我院没有 PCR 实验室,样本送市里要两天才有结果。希望门诊就能做,一个小时内出结果,一次能查多种常见病原体,"
    "不需要专门的 PCR 实验室和专职人员。",
    ["发热门诊", "流感", "快速检测", "呼吸道感染"],
    "biomedicine",
    "MED.01.02",
    {138: 2, 80: 1, 137: 0, 181: 0, 95: 0, 125: 0},
    budget=(300000, 800000),
    mode="transfer",
    min_trl=5,
    indicators=[("出结果时间", "≤ 60", "min"), ("一次检测病原体种类", "≥ 4", "种")],
)

# [none] Chest X-ray nodule AI: nothing listed. Low-dose CT reconstruction and fundus AI are the tempting
# "AI medical imaging" neighbours (0).
H(
    "ent-yongning-hosp",
    "体检中心胸片太多,想用 AI 帮忙找肺结节",
    "体检中心每年拍胸部 DR 片 4 万多张,放射科医生每天要看几百张,小结节容易漏。想引进人工智能辅助阅片,"
    "自动标出可疑结节给医生复核,能接我院现有 PACS。",
    ["AI", "胸片", "肺结节", "辅助阅片", "医学影像"],
    "biomedicine",
    "MED.01.01",
    {135: 0, 166: 0, 86: 0, 69: 0, 85: 0},
    budget=(200000, 500000),
    mode="transfer",
    indicators=[("结节检出敏感度", "≥ 90", "%")],
)

# [cross] Diabetic inpatients' tube feeds: the diabetes-specific FSMP (2, in FOD.01.02, which a hospital would not
# pick). Low-GI lotus powder is for healthy people with high-ish glucose, not a complete formula (1).
H(
    "ent-yongning-hosp",
    "住院糖尿病病人鼻饲和流质,吃完血糖就往上冲",
    "内分泌科和神经内科有不少不能正常吃饭的糖尿病病人,靠鼻饲或流质。现在用的营养粉喂下去两个小时血糖就冲得很高,"
    "医生只能加胰岛素。营养科想采购或定制适合糖尿病病人的营养品,营养要全,餐后血糖升得慢,要有正规注册。",
    ["糖尿病", "鼻饲", "营养", "血糖", "住院病人"],
    "biomedicine",
    "MED.01",
    {131: 2, 127: 1, 132: 0, 128: 0, 166: 0},
    budget=(100000, 300000),
    mode="service",
    indicators=[("餐后 2 h 血糖增量降低", "≥ 30", "%")],
)

# ------------------------------------------------------------------ light alloys and foundry
# [lay] Scrap aluminium with black specks and brittle extrusions: melt iron removal and degassing (2). Aluminium
# dross treatment shares 铝/固废 (0); extrusion-die nitriding addresses die lines, not metal quality (0).
H(
    "ent-hualv",
    "掺了废铝边角料的棒子挤出来有黑点、发脆,只能降级卖",
    "为降成本,我们熔铸时掺了 40% 外购废铝和自家边角料,挤出来的型材表面有黑点和气泡,折弯时还容易开裂,"
    "只能当低档料卖,一吨少卖 1500 元。想在不降低废铝比例的前提下把铝水弄干净,做出来的料能达到 6063 正品要求。",
    ["废铝", "熔铸", "黑点", "开裂", "型材"],
    "materials",
    "ALY.01.01",
    {49: 2, 150: 0, 46: 0, 43: 0, 151: 0},
    budget=(300000, 800000),
    mode="licence",
    min_trl=6,
    indicators=[("废铝掺入比例", "≥ 40", "%"), ("铁含量", "≤ 0.35", "%")],
)

# [cross] PV-frame profiles that chalk outdoors: the PVDF powder coating for building profiles (2) sits in FLU;
# the magnesium micro-arc coating and graphene anticorrosion primers share 耐候/防腐 only (0).
H(
    "ent-hualv",
    "光伏边框出口中东,客户要 25 年不褪色不粉化",
    "我们给组件厂做光伏边框铝型材,现在是阳极氧化加普通粉末喷涂。中东项目客户要求户外 25 年外观不粉化、不明显褪色,"
    "要做 QUV 老化测试。现有粉末涂层 1000 h 就开始失光。希望换一种耐候涂层,最好还能用现有静电喷涂线,不用溶剂。",
    ["光伏边框", "铝型材", "耐候", "粉末喷涂", "褪色"],
    "materials",
    "ALY.01.01",
    {145: 2, 48: 0, 24: 0, 25: 0, 23: 0, 15: 0, 10: 0},
    budget=(300000, 1000000),
    mode="licence",
    min_trl=6,
    indicators=[("QUV 老化后保光率", "≥ 80", "%"), ("老化时间", "≥ 4000", "h")],
)

# [mixed] Relining downtime plus "we only find out when it is worn through": ultrasonic online thickness
# monitoring answers the second (2); longer-life liners the first (1 each for the two liner materials).
H(
    "ent-hengzhu",
    "客户抱怨换一次衬板停产三天,还经常磨穿了才知道",
    "我们给矿山供球磨机衬板,最近两家大客户投诉:衬板什么时候该换全凭经验,有一次磨穿了把筒体都磨坏了,"
    "换衬板停机三天,一天损失几十万。客户希望我们能提供“衬板 + 磨损监测”的整体方案,不停机就知道还剩多厚,"
    "提前一到两周安排换衬,衬板本身也要更耐用。",
    ["球磨机衬板", "停机", "磨穿", "换衬", "矿山"],
    "manufacturing",
    "STL.01.01",
    {174: 2, 50: 1, 51: 1, 52: 0, 57: 0, 72: 0},
    budget=(300000, 800000),
    mode="joint",
    indicators=[("剩余厚度测量误差", "≤ ±2", "mm"), ("换衬提前预警", "≥ 7", "天")],
)

# [none] Foundry dust: no dust-control technology is listed. VOC catalytic combustion (gas, not dust), waste-sand
# reclamation and lost-foam defect control share 铸造/废气 only (0).
H(
    "ent-hengzhu",
    "铸造车间落砂打磨粉尘大,环保检查不过",
    "落砂和打磨工段粉尘很大,车间里看不清人,工人戴口罩也咳嗽,上个月环保检查颗粒物无组织排放超标被责令整改。"
    "现有布袋除尘器吸力不够,滤袋一个月就糊死。想找一套适合铸造车间的粉尘收集治理方案,车间粉尘浓度达标,维护量小。",
    ["铸造车间", "粉尘", "除尘", "环保整改", "职业健康"],
    "environment",
    "STL.02",
    {124: 0, 151: 0, 54: 0, 56: 0, 55: 0},
    budget=(500000, 1500000),
    mode="service",
    indicators=[("车间粉尘浓度", "≤ 4", "mg/m³")],
)

# ------------------------------------------------------------------ agriculture (co-ops and farms)
# [lay] Wood-ear bags going green: Trichoderma contamination. The Bacillus agent was proven on shiitake logs, not
# wood ear (1); better sterilisation and pre-composted sawdust each cut contamination a few points (1).
# Trichoderma as a soil biocontrol agent is the classic trap (0); heat-tolerant shiitake strain (0).
H(
    "ent-jiangle-muer",
    "木耳菌包开口后袋口长一圈绿毛,然后整袋发软发臭",
    "合作社今年做了 320 万袋黑木耳,划口催耳以后,很多袋子口上先长出一圈绿色的毛,过几天整袋变软、有酸臭味,"
    "出不了耳,有的棚坏了两成。社员说是天热雨水多,也有人说是菌种不行。我们想要一个不用化学农药的办法,"
    "把烂袋率压到 5% 以下,成本每袋不超过 5 分钱。",
    ["黑木耳", "菌包", "绿毛", "烂袋", "合作社"],
    "agriculture",
    "VEG.02",
    {106: 1, 159: 1, 177: 1, 112: 0, 102: 0, 103: 0, 126: 0, 104: 0},
    budget=(50000, 150000),
    mode="service",
    indicators=[("烂袋率", "≤ 5", "%"), ("每袋增加成本", "≤ 0.05", "元")],
)

# [lay][cross] Chive maggot described by its symptom; the co-op files it under vegetables. Entomopathogenic
# nematodes (BPC) name 韭蛆 directly (2). Trichoderma soil agent and grafting share 土传/根 only (0).
H(
    "ent-ninghua-jiucai",
    "韭菜根下面有白色小虫,一片一片发黄倒下",
    "我们 200 多亩韭菜,这两年一到春秋季,韭菜就一片片发黄、倒伏,拔起来根和鳞茎里有很多白色的小肉虫。"
    "以前灌辛硫磷能压住,现在超市和社区团购都要查农残,不敢用了。希望有不用化学药的防治办法,防效 70% 以上,"
    "一亩成本 300 元以内。",
    ["韭菜", "发黄", "倒伏", "根部害虫", "农残"],
    "agriculture",
    "VEG.01",
    {115: 2, 112: 0, 101: 0, 178: 0, 110: 1, 113: 0, 114: 0},
    budget=(30000, 100000),
    mode="service",
    indicators=[("防效", "≥ 70", "%"), ("每亩成本", "≤ 300", "元")],
)

# [lay] Greenhouse soil turning white, stunted seedlings, scorched leaf margins: secondary salinisation (2);
# fertigation with EC feedback stops it building up again (1). Trichoderma/grafting address disease (0).
H(
    "ent-lvye",
    "番茄棚种了六年,地面泛白,苗长不大,叶子边发焦",
    "基地最早的几栋连栋温室连续种番茄六年了,这两年地表干了以后泛一层白霜,定植的苗缓苗慢、长不大,"
    "叶子边缘发焦,产量比刚建时少了快两成。化验说不是病,施肥也没少。想知道怎么把土弄回来,不想整棚换土,"
    "改良后一季内能恢复产量。",
    ["番茄", "温室", "泛白", "减产", "土壤"],
    "agriculture",
    "VEG.01",
    {178: 2, 100: 1, 112: 0, 101: 0, 118: 0, 126: 0},
    budget=(80000, 200000),
    mode="service",
    indicators=[("产量恢复", "≥ 15", "%")],
)

# [lay][mixed] Midday wilting that kills whole rows = bacterial wilt. Resistant chilli hybrid and wilt-resistant
# grafting rootstock both solve it (2). Trichoderma T-22 targets Fusarium wilt and root rot, not the bacterium (0).
H(
    "ent-lvye",
    "辣椒一到梅雨季就成片蔫死,早上好好的中午就耷拉下来",
    "高山基地种的线椒,每年 5 月底梅雨一来,地里就开始有植株中午叶子耷拉、早晚又缓过来,几天后整株枯死,"
    "茎切开有白色黏液,一块地能死三成。轮作的地不够,也试过几种药效果不好。想换抗这个病的品种或者别的办法,"
    "同时不能推迟上市时间,高山反季节就卖个早。",
    ["辣椒", "萎蔫", "死苗", "梅雨季", "高山蔬菜"],
    "agriculture",
    "VEG.01.01",
    {99: 2, 101: 2, 112: 0, 98: 0, 178: 0},
    budget=(50000, 200000),
    mode="licence",
    indicators=[("死株率", "≤ 5", "%")],
)

# [mixed] Aphids and whiteflies in greenhouses: ladybird mass-rearing covers aphids (1); Beauveria is a broad
# entomopathogen used against whitefly although listed for pine sawyer and tea leafhopper (1). Nematodes,
# Trichoderma and the tea-garden package (0).
H(
    "ent-lvye",
    "出口番茄基地要减药,蚜虫和白粉虱压不住",
    "我们给香港供番茄的基地,客户要求农药使用次数减半。棚里蚜虫和白粉虱一年比一年多,现在一周打一次药还压不住,"
    "再减药就要出问题。希望有生物防治的整体方案,化学药减少一半以上,虫口控制在不影响产量的水平。",
    ["蚜虫", "白粉虱", "番茄", "减药", "生物防治"],
    "agriculture",
    "BPC.01",
    {114: 1, 110: 1, 161: 0, 112: 0, 115: 0, 109: 0},
    budget=(100000, 300000),
    mode="service",
    indicators=[("化学农药使用次数减少", "≥ 50", "%")],
)

# [short][none] Apple snails eating rice seedlings: nothing listed targets molluscs; rice-pest biocontrol,
# pheromones and the pest-recognition app share 水稻/虫 only (0).
H(
    "ent-lvyuan-rice",
    "稻田里福寿螺越来越多,秧苗被咬断",
    "订单基地这两年福寿螺泛滥,刚插的秧被咬断一片一片要补苗。有没有不伤鱼、成本低的防治办法?",
    ["福寿螺", "水稻", "秧苗", "防治"],
    "agriculture",
    "BPC.01",
    {109: 0, 113: 0, 108: 0, 86: 0, 111: 0, 158: 0},
    budget=None,
    deadline=None,
    mode="service",
)

# [lay] Direct-seeded rice with patchy emergence and birds eating seed: pelleted slow-release seed coating (2).
H(
    "ent-lvyuan-rice",
    "直播稻出苗稀稀拉拉,种子还被麻雀啄",
    "为了省工,订单户这两年改成无人机撒播稻种,但是出苗率只有五六成,低洼的地方种子烂掉,田边的还被麻雀吃,"
    "只好补种,反而更费工。想找能提高出苗的办法,出苗率到 80% 以上,每亩多花的钱不超过 20 元。",
    ["直播稻", "出苗率", "无人机撒播", "鸟害", "烂种"],
    "agriculture",
    "SED.01",
    {158: 2, 96: 0, 92: 0, 97: 0, 133: 0},
    budget=(50000, 150000),
    mode="licence",
    indicators=[("出苗率", "≥ 80", "%"), ("每亩增加成本", "≤ 20", "元")],
)

# [none] Paddy drying capacity during rainy harvests: seed low-temperature drying is about seed vigour in small
# lots, heat-pump mushroom drying is a batch room; neither is a grain-drying capacity answer (0).
H(
    "ent-lvyuan-rice",
    "收割赶上连阴雨,稻谷堆着发热发芽,烘干机排不上队",
    "早稻收割时经常连着下雨,订单户的湿谷送到我们这里,6 台烘干塔 24 小时转也烘不过来,堆在晒场的湿谷两三天就发热、"
    "冒芽,收购价只能打折。想增加烘干能力或找更快的办法,日处理湿谷 300 吨,烘干成本每吨 100 元以内。",
    ["稻谷", "烘干", "连阴雨", "发芽", "粮食"],
    "agriculture",
    "SED.01",
    {96: 0, 176: 0, 97: 0, 159: 0},
    budget=(1000000, 3000000),
    mode="transfer",
    indicators=[("日处理湿谷", "≥ 300", "t"), ("烘干成本", "≤ 100", "元/t")],
)

# [short] Vague premium-rice wish: selenium-enriched rice (1) and a high-quality blast-resistant hybrid (1) are
# both ways to a price premium; neither is clearly what they mean.
H(
    "ent-lvyuan-rice",
    "大米想卖出差异化价格",
    "我们的订单大米在超市里和别人家的没区别,只能拼价格。想找点技术让大米有卖点、能贵一点卖。",
    ["大米", "溢价", "卖点"],
    "agriculture",
    "FOD.01",
    {133: 1, 90: 1, 127: 0, 164: 0, 118: 0},
    budget=None,
    deadline=None,
    mode=None,
)
