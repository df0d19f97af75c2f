"""Held-out needs: written as enterprises write them, judged against the dev split's 185 achievements.

Never tune the matcher on these. Each need carries its hand grades (achievement number → grade):
2 = directly solves it, 1 = partially / adaptable, 0 = judged not relevant (tempting distractors, listed on
purpose). build_heldout.py adds every other pool member (same top-level chain, shared keyword, lexical top 25)
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
# chip to shell, which the need says made a hot spot (1). The high-emissivity coating is for metal housings; a plastic
# shell already radiates about as well (0). A die-cast housing would work but the need rules out a new shell (0).
# Heating film, liquid cooling and RF parts share words only (0).
H(
    "ent-shuzhi",
    "车间里装的 5G 小盒子夏天烫得不敢摸,隔几天就自己重启",
    "我们给几家工厂装的 5G 工业 CPE(巴掌大小的塑料盒子)挂在车间柱子上,夏天车间 38 ℃ 左右,盒子表面摸上去烫手,"
    "里面芯片附近测过 95 ℃ 以上,三天两头自己重启,客户产线数据就断了。盒子太小装不了风扇,外壳模具刚开好不想换金属壳,"
    "也不想加厚。我们试过在芯片上贴一块硅胶垫顶到外壳,外壳正对芯片那一点更烫了,别的地方还是凉的,重启也没少多少。"
    "今年要给园区再装 600 台,客户合同里写了年故障率不超过 2%,现在这个样子肯定达不到。"
    "希望有办法把芯片的热在盒子里摊开散出去,芯片温度降 10 ℃ 以上,每台加的材料费 20 元以内,最好是贴上去就能用、产线不用改。",
    ["5G CPE", "发热", "重启", "外壳", "工业网关"],
    "electronics",
    "ICT.01.02",
    {144: 2, 21: 2, 22: 1, 23: 0, 45: 0, 28: 0, 40: 0, 82: 0, 83: 0, 156: 0, 169: 0},
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

# [cross] Foundry dust with bag filters that blind within a month: no dust-control system is listed, but the ePTFE
# membrane names 除尘滤袋覆膜 among its uses in its description, and membrane-laminated bags are the usual fix for
# blinding (1, FLU.02.02). VOC catalytic combustion, waste-sand reclamation and lost-foam control share words (0).
H(
    "ent-hengzhu",
    "铸造车间落砂打磨粉尘大,环保检查不过",
    "落砂和打磨工段粉尘很大,车间里看不清人,工人戴口罩也咳嗽,上个月环保检查颗粒物无组织排放超标被责令整改。"
    "现有布袋除尘器吸力不够,滤袋一个月就糊死。想找一套适合铸造车间的粉尘收集治理方案,车间粉尘浓度达标,维护量小。",
    ["铸造车间", "粉尘", "除尘", "环保整改", "职业健康"],
    "environment",
    "STL.02",
    {3: 1, 124: 0, 151: 0, 54: 0, 56: 0, 55: 0},
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
    "出不了耳,有的棚坏了两成。社员说是天热雨水多,也有人说是菌种不行。我们的袋子是统一在社里拌料、装袋,"
    "用土灶烧柴常压蒸一天一夜,木屑是附近几个锯板厂收来的杂木屑,有的堆了半年,有的刚锯下来就用。"
    "去年一个社员自己买了多菌灵往袋口喷,绿毛少了一些,但收购商说要查药残,不敢再用。"
    "我们想要一个不用化学农药的办法,把烂袋率压到 5% 以下,成本每袋不超过 5 分钱,社员自己能操作。"
    "如果问题出在蒸袋或者木屑上,改灶、改料也可以考虑,但一次投入不能超过 15 万元,县里有设施农业补贴可以申请一部分。",
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

# ------------------------------------------------------------------ tea, food and herbs
# [cross] Anthraquinone in export black tea comes largely from smoke of wood/coal dryers. Heat-pump drying was
# proven on shiitake (VEG.02), not tea, so it is adaptable (1). Tea-garden pest control cuts pesticide residues but
# anthraquinone is a processing contaminant (0); the tea-polyphenol extraction is another product (0).
H(
    "ent-gaoshan-tea",
    "出口德国的红茶查出蒽醌超标,两个柜被退回",
    "今年出口德国的两批红茶被检出蒽醌 0.03 mg/kg,超过欧盟 0.02 的限量,整柜退回,损失 80 多万元。"
    "我们的农药是按出口基地要求用的,检测机构说蒽醌不一定来自农药,可能跟加工有关。我们揉捻、发酵都在自己厂里,"
    "干燥还是烧柴和燃煤的老式烘干机。我们自己送了几个样:同一批鲜叶,在合作社用电炒锅做的小样没检出,"
    "厂里大生产的就超标;包装用的是牛皮纸袋加铝箔内袋,仓库旁边有锅炉房。欧盟客户说下一批再超标就取消明年的订单,"
    "这个客户占我们出口量的四成。想查清原因并改造工艺,每批茶蒽醌稳定低于 0.01 mg/kg,改造投入 100 万元以内,"
    "明年 4 月春茶开采前要改完。我们红茶一天最多加工鲜叶 8 吨,烘干分毛火和足火两道,现在毛火用的是燃煤热风炉,"
    "足火用柴火焙笼,老师傅说焙笼出来的香气好,不太愿意改;如果要改,希望香气和干度不受影响,烘干成本不要比现在高太多。",
    ["红茶", "出口欧盟", "蒽醌", "超标", "茶叶加工"],
    "agriculture",
    "FOD.01",
    {176: 1, 161: 0, 110: 0, 165: 0, 125: 0, 124: 0, 114: 0},
    budget=(300000, 1000000),
    mode="joint",
    indicators=[("蒽醌含量", "≤ 0.01", "mg/kg")],
)

# [lay] Summer/autumn leaves nobody wants: solvent-free co-extraction of tea polyphenols and theanine (2).
H(
    "ent-gaoshan-tea",
    "夏秋茶卖不上价,采了连工钱都不够",
    "我们 8600 亩茶园春茶做高山乌龙和红茶,卖得不错;夏秋两季的叶子苦涩味重,做成茶只能卖十几块一斤,连采摘工钱都不够,"
    "很多茶园干脆不采,叶子长老了还影响来年春茶。想找能把夏秋茶鲜叶变成高附加值原料的技术,最好不用有机溶剂,"
    "产品能卖给食品或保健品厂。",
    ["夏秋茶", "附加值", "茶园", "原料", "深加工"],
    "agriculture",
    "FOD.01.01",
    {165: 2, 142: 0, 128: 0, 132: 0, 134: 0, 161: 0},
    budget=(500000, 1500000),
    mode="licence",
    min_trl=6,
    indicators=[("夏秋茶原料增值", "≥ 3", "倍")],
)

# [en] IoT on mountain tea gardens without mobile signal: LoRa low-power network (2). The enterprise thinks "IoT"
# means 5G and files it under ICT.01.02. Landslide monitoring and greenhouse fertigation share sensors only (0).
H(
    "ent-gaoshan-tea",
    "山上茶园没手机信号,想装 IoT 传感器防霜冻",
    "茶园分散在海拔 800–1200 米的几个山头,很多地方手机都没信号。去年倒春寒一夜霜冻损失了 300 多亩春茶,"
    "等人上山发现已经晚了。想装一批 IoT 传感器,实时看土壤湿度和气温,低温时手机报警。电池要能用一年以上,"
    "每个点位成本几百块。",
    ["IoT", "茶园", "霜冻预警", "传感器", "无信号"],
    "agriculture",
    "ICT.01.02",
    {89: 2, 100: 0, 157: 0, 84: 0, 156: 0, 27: 0},
    budget=(100000, 300000),
    mode="transfer",
    min_trl=6,
    indicators=[("节点电池续航", "≥ 12", "个月"), ("单点成本", "≤ 500", "元")],
)

# [lay] Sauce sachets that swell in summer and taste different batch to batch: standardised recipe plus hot-fill
# pasteurisation (2).
H(
    "ent-weiyuan",
    "拌面酱料包夏天鼓袋,门店说每批味道还不一样",
    "我们给全国 1200 多家门店配送拌面酱料包,现在是中央厨房按老师傅经验熬制、常温灌装。去年夏天南方门店反映有的袋子鼓起来、"
    "打开有酸味,退货两万多包;门店也反映这批偏咸那批偏淡。希望常温保质期做到 6 个月以上,每批口味一致,最好不加防腐剂。",
    ["酱料包", "胀袋", "保质期", "口味一致", "门店"],
    "agriculture",
    "FOD.01",
    {164: 2, 130: 0, 180: 0, 134: 0},
    budget=(200000, 500000),
    mode="transfer",
    min_trl=6,
    indicators=[("常温保质期", "≥ 6", "个月"), ("胀袋退货率", "≤ 0.1", "%")],
)

# [lay] Hand-pounded filling lost when scaling up: vacuum low-temperature beating line (2).
H(
    "ent-weiyuan",
    "打馅的老师傅退休了,机器打出来的馅发柴不弹牙",
    "沙县扁肉的馅以前是老师傅用木槌手工捶打,打出来有弹性、咬着脆。现在订单大了改用绞肉机加搅拌机,馅发柴、没有弹性,"
    "老顾客说味道变了。夏天机器打久了肉馅发热,还担心细菌超标。想要能批量生产又接近手工口感的设备和工艺,每小时 500 公斤以上。",
    ["肉馅", "弹性", "口感", "批量生产", "中央厨房"],
    "manufacturing",
    "FOD.01",
    {180: 2, 130: 0, 164: 0, 74: 0},
    budget=(300000, 800000),
    mode="transfer",
    indicators=[("产量", "≥ 500", "kg/h"), ("肉馅温度", "≤ 10", "℃")],
)

# [none] Mechanical shelling and coring of fresh lotus seeds: nothing listed. Lotus-plumule extraction shares 莲子心
# (0); the robot-loading and battery-dismantling lines share automation words (0).
H(
    "ent-lianyuan",
    "鲜莲子剥壳去心全靠手工,采收季招不到人",
    "每年 7–9 月收鲜莲 3000 吨,剥壳、去膜、通心全靠附近村里的妇女手工,一个人一天剥不到 15 斤,这两年人越来越难招,"
    "工钱涨到一斤 4 元,还耽误鲜莲保鲜。想找能连续剥壳、去膜、通心的机器,破损率 5% 以下,一台顶 20 个人。",
    ["鲜莲子", "剥壳", "去心", "机械化", "用工"],
    "manufacturing",
    "FOD.01.01",
    {128: 0, 127: 0, 74: 0, 121: 0, 169: 0},
    budget=(300000, 1000000),
    mode="transfer",
    indicators=[("破损率", "≤ 5", "%"), ("替代人工", "≥ 20", "人")],
)

# Solvent-free extraction line for Dendrobium and Ganoderma: supercritical CO2 + membrane (2); Ganoderma spore
# oil extraction covers one of the two herbs (1). Fingerprint QC is about testing, not making extracts (0).
H(
    "ent-bencao",
    "铁皮石斛想做提取物,但车间不想用酒精",
    "饮片利润越来越薄,想把铁皮石斛、灵芝做成提取物卖给保健品厂。传统水提醇沉要用大量酒精,车间得按甲类防火改造,"
    "还要做溶剂残留检测,投入太大。希望有不用有机溶剂的提取分离工艺,多糖纯度 70% 以上,一条线能处理几种药材。",
    ["铁皮石斛", "提取物", "多糖", "不用酒精", "灵芝"],
    "biomedicine",
    "MED.02.01",
    {142: 2, 129: 1, 141: 0, 165: 0, 128: 0, 107: 0},
    budget=(1000000, 3000000),
    mode="transfer",
    min_trl=6,
    indicators=[("多糖纯度", "≥ 70", "%"), ("有机溶剂残留", "0", "")],
)

# [lay][cross] Rhizome rot of Polygonatum in forest plots, filed under TCM. Trichoderma root-rot agent proven on
# tomato/chilli is adaptable (1); the others share 菌/病 only (0).
H(
    "ent-bencao",
    "林下种的黄精到第三年就烂根,挖出来一半不能用",
    "我们在泰宁、建宁林下合作种植黄精 1500 亩,种到第三年,很多块茎发黑腐烂,地上倒苗,挖出来近一半不能用。"
    "农户用过多菌灵效果一般,而且饮片要查农残。希望有生物方法预防烂根,烂根率降到 10% 以下。",
    ["黄精", "烂根", "林下种植", "农残", "中药材"],
    "biomedicine",
    "MED.02.01",
    {112: 1, 111: 0, 106: 0, 178: 0, 141: 0, 126: 0, 118: 0},
    budget=(100000, 300000),
    mode="service",
    indicators=[("烂根率", "≤ 10", "%")],
)

# ------------------------------------------------------------------ medical devices
# Colloidal-gold strips to quantitative POCT with a small reader: QD microsphere and time-resolved fluorescence
# lateral flow both answer it (2). A CLIA analyser reagent is a different platform (0).
H(
    "ent-kangmai",
    "胶体金试纸只能看深浅,医院招标要定量数值",
    "我们现有的胶体金检测试剂(心梗、炎症几个项目)只能靠肉眼看色带深浅判断阴阳性,基层医院和胸痛中心招标越来越要求出定量数值。"
    "想升级产品线,配一台小读数仪,检测下限比现在低一个数量级,15 分钟内出数,单人份成本控制在 10 元以内。",
    ["胶体金", "定量", "读数仪", "基层医院", "试纸"],
    "biomedicine",
    "MED.01.02",
    {80: 2, 137: 2, 181: 0, 81: 0, 125: 0, 138: 0},
    budget=(500000, 1500000),
    mode="licence",
    min_trl=6,
    indicators=[("出结果时间", "≤ 15", "min"), ("单人份成本", "≤ 10", "元")],
)

# [cross] A home lumbar heat pad, filed under medical devices: the graphene far-infrared heating film names 护腰
# and 理疗垫 itself (2, GRA/energy). The pressure-sensor patch and dressings share "graphene/medical" only (0).
H(
    "ent-kangmai",
    "腰部热敷理疗垫升温慢、一块烫一块凉",
    "我们想做一款家用腰部热敷理疗垫,样品用电阻丝发热,用户反映要十来分钟才热,有的地方烫有的地方凉,丝还容易折断。"
    "希望换一种更薄更软、发热均匀的发热材料,3 分钟内到 45 ℃,表面温差不超过 3 ℃,能过医疗器械电气安全测试。",
    ["理疗垫", "热敷", "发热均匀", "家用", "腰痛"],
    "biomedicine",
    "MED.01",
    {28: 2, 26: 0, 18: 0, 143: 0, 167: 0},
    budget=(200000, 500000),
    mode="licence",
    min_trl=6,
    indicators=[("升温到 45 ℃ 时间", "≤ 3", "min"), ("表面温差", "≤ 3", "℃")],
)

# ------------------------------------------------------------------ fluorine, batteries and chemicals
# [none][en] PFAS-free water repellency: C6 chemistry and ePTFE are themselves PFAS, which is exactly what the
# customer bans, so every fluorine achievement that mentions 防水/C6/PFOA is a 0.
H(
    "ent-jinlun",
    "欧洲品牌要 PFAS-free 防水面料,C6 防水剂也不让用了",
    "我们七成面料出口欧洲,防水整理一直用氟系防水剂,前几年从 C8 换成了 C6。今年两个户外品牌通知 2027 年起全部改 PFAS-free,"
    "C6 也属于 PFAS,我们的 PTFE 覆膜面料也在客户淘汰清单里。要求面料不含任何全氟/多氟物质,水洗 20 次后泼水等级仍在 3 级以上,"
    "手感不能变硬。",
    ["PFAS-free", "防水整理", "泼水", "户外面料", "C6"],
    "materials",
    "FFC.02.01",
    {15: 0, 3: 0, 14: 0, 16: 0, 10: 0, 145: 0},
    budget=(300000, 1000000),
    mode="licence",
    indicators=[("水洗 20 次后泼水等级", "≥ 3", "级"), ("PFAS 含量", "不得检出", "")],
)

# [en] A PVDF resin maker moving downstream into membranes: TIPS hollow-fibre UF membrane and spinning line (2).
# Separator coating and binder grade are other PVDF downstreams the need does not ask for (0).
H(
    "ent-yongfu",
    "PVDF 粉料价格跌了一半,想自己往下游做膜",
    "这两年涂料级 PVDF 价格跌了一半,想往下游延伸做附加值高的产品。听说污水厂和工业回用水用的膜很多是 PVDF 做的,"
    "我们有原料优势。希望引进成熟的制膜技术和设备,膜丝要结实不容易断,能拿到市政污水项目。",
    ["PVDF", "下游延伸", "污水处理", "膜", "附加值"],
    "materials",
    "FLU.02.01",
    {2: 2, 171: 0, 1: 0, 145: 0, 116: 0, 162: 0, 14: 0},
    budget=(2000000, 6000000),
    mode="transfer",
    min_trl=6,
    indicators=[("膜丝断裂强力", "≥ 6", "N")],
)

# [en] LFP container with an 8 ℃ front-to-back spread under air cooling: liquid-cooling plate design (2); SOH
# estimation and active balancing mitigate the consequence (1). Long-cycle LFP powder (0).
H(
    "ent-minneng",
    "LFP 储能柜前后电芯温差 8 ℃,两年衰减超合同",
    "我们集成的 280 Ah LFP 储能柜用风冷,夏天满功率充放时柜子前后电芯温差能到 8 ℃,靠近出风口的几簇衰减明显快,"
    "两年容量只剩 88%,业主按合同要求赔偿。我们查了 BMS 数据,衰减快的电芯基本都在柜子后半截和上层,"
    "加大风机转速以后温差小了一点,但辅助用电涨了将近一倍,电站整体效率又达不到合同里 85% 的要求。"
    "明年有三个新项目共 200 MWh 要交付,想改设计,把电芯最大温差控制在 3 ℃ 以内,辅助用电不要增加太多,"
    "最好能和现有的 BMS、EMS 联动。",
    ["LFP", "储能柜", "温差", "风冷", "衰减"],
    "energy",
    "NEM.03.01",
    {40: 2, 39: 1, 30: 0, 170: 0, 22: 0, 183: 0, 44: 0},
    budget=(500000, 1500000),
    mode="joint",
    min_trl=6,
    indicators=[("电芯最大温差", "≤ 3", "℃"), ("辅助功耗增加", "≤ 10", "%")],
)

# [en][cross] Distillation purity swings with shift changes; PLC only, operators adjust by hand: data-driven APC for
# distillation (2, ICT.02.02), which the plant files under its own chain. The electronic-grade HF process is a
# different product goal (0).
H(
    "ent-qingying",
    "精制塔纯度一换班就波动,PLC 画面全靠老师傅手调",
    "我们无水氟化氢精制塔用 PLC 控制,但回流量、再沸器蒸汽都是操作工看着画面手动调。白班老师傅在还行,夜班一换人塔顶纯度就波动,"
    "每月有几批要回炉,蒸汽也浪费。想在不换 DCS 的前提下上一套自动优化控制,纯度波动减半,蒸汽单耗降 5% 以上。",
    ["PLC", "精制塔", "纯度波动", "蒸汽", "自动控制"],
    "manufacturing",
    "FLU.01.01",
    {88: 2, 6: 0, 66: 0, 56: 0, 17: 0, 172: 0},
    budget=(500000, 1200000),
    mode="service",
    min_trl=7,
    indicators=[("纯度标准差降低", "≥ 50", "%"), ("蒸汽单耗降低", "≥ 5", "%")],
)

# [short] "A new lithium salt from park HF": LiFSI, whose route fluorinates with anhydrous HF (2). An improved
# LiPF6 route is the salt they already make (0).
H(
    "ent-taiming",
    "想上新型锂盐项目,找成熟工艺包",
    "公司规划建设一条新型锂盐产线,原料用园区的无水氟化氢。请有成熟工艺的单位联系,可以技术转让或合作建线。",
    ["新型锂盐", "工艺包", "无水氟化氢"],
    "energy",
    "NEM.02.02",
    {37: 2, 36: 0, 38: 0, 182: 0, 7: 0},
    budget=None,
    deadline=None,
    mode="transfer",
)

# Cheaper route to 2,4,5-trifluorophenylacetic acid without the bromide/Grignard step (2). Commercially sensitive,
# so bureau-only.
H(
    "ent-kangfu",
    "给药厂供的三氟苯乙酸类中间体,客户要降价两成",
    "我们给一家仿制药企业供降糖药用的三氟苯乙酸类中间体,现在的路线起始原料是溴代物,还要经过格氏反应,原料贵,格氏工段还要严格防水防火。"
    "客户明年要降价 20%,不降就换供应商。想换一条更便宜、更安全的路线,纯度保持 99.5% 以上。",
    ["三氟苯乙酸", "降本", "格氏反应", "医药中间体"],
    "materials",
    "FFC.01.01",
    {168: 2, 11: 0, 13: 0, 12: 0},
    budget=(500000, 1500000),
    mode="transfer",
    min_trl=6,
    indicators=[("原料成本降低", "≥ 25", "%"), ("纯度", "≥ 99.5", "%")],
    visibility="bureau_only",
)

# [lay][cross] Agitator seals on glass-lined reactors leaking HF-bearing solvent monthly: carbon-fibre/polyphenyl
# ester filled PTFE seal material (2, FLU.02.02). Low-temperature FKM is for fuel systems (0).
H(
    "ent-kangfu",
    "反应釜搅拌轴一个月漏一次,介质里有氢氟酸",
    "氟化工段 12 台搪瓷反应釜,搅拌轴用机械密封,动静环处一个月左右就开始渗漏,介质是含氢氟酸的有机溶剂,温度 120 ℃、压力 0.6 MPa。"
    "每次换密封停釜一天,漏出来的还有安全隐患。想找更耐用的密封材料或密封件,寿命到半年以上。",
    ["反应釜", "轴封", "泄漏", "氢氟酸", "机械密封"],
    "manufacturing",
    "FFC.01.01",
    {4: 2, 5: 0, 10: 0, 3: 0, 11: 0},
    budget=(100000, 300000),
    mode="transfer",
    min_trl=7,
    indicators=[("密封寿命", "≥ 6", "个月")],
)

# [mixed] NCM pouch cells swelling in storage, plus short cycle life: fluorinated film-forming additives cut
# storage gassing by half and raise cycle retention (2); LiFSI raises high-temperature cycle life (1); PVDF
# separator coating reduces thickness growth, not gas (1). LFP powder, solid electrolytes (0).
H(
    "ent-yongli",
    "软包电池放两个月就鼓包,电动车用户投诉",
    "我们给电动两轮车配的三元软包电池,仓库放两三个月或者夏天在车里晒过以后,有一部分鼓起来,严重的把电池盒顶开了,"
    "今年售后换了 3000 多块。客户还嫌电池用一年半就没劲了。想从材料上解决鼓包,高温存放产气减半,循环寿命提高 20%。",
    ["软包电池", "鼓包", "电动两轮车", "售后", "寿命"],
    "energy",
    "NEM.01",
    {38: 2, 37: 1, 171: 1, 35: 0, 30: 0, 42: 0, 16: 0, 34: 0},
    budget=(300000, 800000),
    mode="joint",
    indicators=[("60 ℃ 存放产气降低", "≥ 50", "%"), ("循环寿命提升", "≥ 20", "%")],
)

# ------------------------------------------------------------------ machining and industrial internet
# [mixed][en][cross] AGVs on workshop Wi-Fi stall when the link drops; floor-code positioning drifts (a nice-to-have).
# The 5G RedCap gateway is written for mobile equipment where Wi-Fi is unreliable (2 for the main ask); a 5G private
# network is the heavier carrier-side part (1). Nothing addresses positioning.
H(
    "ent-jinggong",
    "车间 AGV 老是掉线趴窝,一天要人去推好几次",
    "去年上了 8 台 AGV 在加工车间和仓库之间送料,用的是车间 Wi-Fi,机床多、金属货架多,信号一差 AGV 就停在路上等人去复位,"
    "一天好几次,反而影响生产。另外地面二维码贴纸磨损后定位会偏。想改善 AGV 的无线通信,掉线停车一周不超过一次,"
    "定位偏差能一起解决更好。",
    ["AGV", "掉线", "Wi-Fi", "定位", "物流"],
    "manufacturing",
    "CNC.02",
    {156: 2, 84: 1, 74: 0, 71: 0, 89: 0, 157: 0},
    budget=(200000, 600000),
    mode="service",
    indicators=[("掉线停车次数", "≤ 1", "次/周")],
)

# [en] Electricity bill of a CNC shop: power metering with standby shut-off (2); the OEE platform shows
# running/idle states but saves no energy by itself (1).
H(
    "ent-jinggong",
    "CNC 车间一年电费 180 万,老板要降一成",
    "我们 38 台 CNC 加工中心加上空压机、冷却液系统,去年电费 180 多万。晚上和周末很多机床没干活但一直开着,冷却泵、排屑器也在转,"
    "谁也说不清哪台设备浪费多少。老板要求明年电费降 10%,还要能看到每台设备的用电和开机时间。",
    ["CNC", "电费", "节能", "待机", "用电监测"],
    "manufacturing",
    "CNC.02.02",
    {184: 2, 71: 1, 87: 0, 156: 0, 66: 0, 39: 0},
    budget=(100000, 300000),
    mode="transfer",
    indicators=[("车间电耗降低", "≥ 10", "%")],
)

# [none] Repairing imported motor spindles: no listed achievement repairs spindles or bearings. Five-axis error
# compensation, spindle thermal compensation and tool-wear monitoring share 主轴/五轴 only (0).
H(
    "ent-jinggong",
    "五轴机床电主轴坏了,返厂修要等三个月",
    "车间 6 台五轴加工中心是进口的,今年已经有两台电主轴轴承损坏,返厂维修报价 18 万元、周期三个月,机床只能停着。"
    "想找本地能修电主轴、做动平衡和更换轴承的技术团队,或者能国产替代的电主轴,修后精度恢复到出厂标准。",
    ["电主轴", "五轴", "维修", "轴承", "国产替代"],
    "manufacturing",
    "CNC.01.01",
    {65: 0, 66: 0, 72: 0, 154: 0, 67: 0, 68: 0},
    budget=(200000, 600000),
    mode="service",
    indicators=[("主轴径向跳动", "≤ 2", "μm")],
)

# [long][mixed] Paper travellers, Excel scheduling, audits demanding traceability, small budget: the light SaaS MES
# (2); machine-state data answers "what is each machine doing" (1 each for OEE networking and power-based state
# recognition).
H(
    "ent-jinggong",
    "客户审厂要求零件能追溯到机床和操作工,我们还在用纸质流转卡",
    "我们是一家 120 人的机加工厂,38 台加工中心,做汽车和医疗器械的精密零件。今年两家新客户来审厂,都要求每个零件能追溯到"
    "哪台机床、哪个班次、谁做的、用的哪批料和检验记录,我们现在还是纸质流转卡,出了问题翻半天找不到。计划员排产靠 Excel,"
    "插单以后谁也说不清哪台机床空着,车间主任每天早上要跑一圈问进度;在制品堆在过道里,交期经常延误。老板想做数字化,"
    "但之前问过大软件公司的 ERP 加 MES 方案,报价 200 多万、实施要一年,我们承受不了。希望找一套适合中小机加工厂的系统:"
    "扫码报工、工序流转、质量记录能追溯,能看到每台机床在干什么,两个月内上线,总投入 50 万元以内,车间工人培训一天就能用。"
    "补充几点情况:车间有 FANUC、三菱和两台国产系统的机床,年限从 3 年到 12 年不等;质检用的是三坐标和卡尺,"
    "检验记录现在写在纸上再由文员录 Excel;财务用的是用友,暂时不打算换,新系统最好能导出数据给财务;"
    "车间网络只有办公室有 Wi-Fi,机床旁边没有网口。我们更倾向按年付费的方式,不想一次买断后没人维护。",
    ["数字化", "追溯", "流转卡", "排产", "审厂"],
    "electronics",
    "ICT.02.02",
    {87: 2, 71: 1, 184: 1, 156: 0, 56: 0, 175: 0, 69: 0},
    budget=(200000, 500000),
    mode="transfer",
    min_trl=8,
    indicators=[("上线周期", "≤ 2", "个月"), ("总投入", "≤ 50", "万元")],
)

# [en][cross] Tool life when finishing hardened mould steel: AlTiSiN nanolayer coating is proven on Ti alloys and
# superalloys, and the same coating family is used on hardened steel, so adaptable (1, TUN). The H13 extrusion-die
# nitriding + PVD treatment is the tempting trap (it treats the die, not the cutter: 0).
H(
    "ent-jingmo",
    "CNC 精铣淬火模仁,一把刀走不完一个型腔",
    "我们用高速加工中心精铣 S136、H13 淬火模仁(HRC 48–52),现在用的国产涂层球头刀走一个型腔中途就要换刀,接刀的地方有痕,"
    "还得钳工抛光;进口刀能走完,但一支七八百元。想找寿命接近进口、价格一半的刀具或涂层,一把刀连续精铣 4 小时以上。",
    ["CNC", "淬火钢", "球头刀", "刀具寿命", "模具"],
    "manufacturing",
    "CNC.01.01",
    {60: 1, 46: 0, 61: 0, 72: 0, 152: 0, 58: 0, 62: 0, 73: 0},
    budget=(100000, 400000),
    mode="licence",
    indicators=[("连续精铣时间", "≥ 4", "h"), ("单支刀具价格", "≤ 400", "元")],
)

# [en] Old serial-port PLCs in three workshops, some on moving cranes, no new cabling: 5G RedCap gateway with
# Modbus conversion (2); a 5G private network is the carrier part (1). LoRa cannot meet 50 ms (0).
H(
    "ent-shuzhi",
    "造纸厂老设备只有串口 PLC,客户不让停产布线",
    "我们给一家造纸厂做数字化改造,车间里几十台设备是十几年前的,PLC 只有串口,分散在 3 个车间,有些装在移动的行车上。"
    "布网线要停产施工,客户不同意。想找一种无线接入方案,把这些 PLC 数据接上来,时延 50 ms 以内,每个点位硬件成本低于 2000 元。",
    ["PLC", "无线接入", "串口", "老设备", "数字化改造"],
    "electronics",
    "ICT.01.02",
    {156: 2, 84: 1, 71: 0, 89: 0, 87: 0},
    budget=(200000, 500000),
    mode="transfer",
    min_trl=6,
    indicators=[("时延", "≤ 50", "ms"), ("单点硬件成本", "≤ 2000", "元")],
)

# [cross] Machine vision, the right term, in mushroom grading: the metal-part defect and shaft-dimension vision
# systems are adaptable (1 each); the rice pest app is phone photos (0).
H(
    "ent-lvgu",
    "想用机器视觉给鲜香菇分级,现在靠几十个阿姨挑",
    "我们鲜香菇按菇盖大小、厚薄、开伞程度分 5 个等级,每天 20 多吨全靠人工挑,旺季要 40 个人,标准还不一致,"
    "超市客户经常投诉等级混。想上机器视觉自动分级线,分级准确率 95% 以上,每小时 2 吨。",
    ["机器视觉", "香菇", "分级", "自动化", "人工挑选"],
    "agriculture",
    "VEG.02",
    {69: 1, 70: 1, 86: 0, 153: 0, 166: 0, 176: 0},
    budget=(300000, 800000),
    mode="transfer",
    indicators=[("分级准确率", "≥ 95", "%"), ("处理量", "≥ 2", "t/h")],
)

# ------------------------------------------------------------------ environment and resources
# Hand dismantling of live battery packs, a burn injury, brine discharge: automated discharge and dismantling (2).
H(
    "ent-datian",
    "退役电池包靠人拆,上个月有工人被短路烧伤",
    "我们每年回收退役动力电池包 1500 多个,现在是工人用电动扳手拆螺栓、撬模组,电池包里残电高,上个月一名工人扳手搭到极柱"
    "短路被烧伤,安监部门约谈。放电用盐水泡,废水也难处理。希望把拆解这一段尽量自动化,人少接触带电部件,放电不用盐水。",
    ["电池包", "拆解", "安全", "放电", "自动化"],
    "environment",
    "ENV.02.01",
    {121: 2, 170: 0, 120: 0, 39: 0, 74: 0},
    budget=(1000000, 3000000),
    mode="transfer",
    min_trl=6,
    indicators=[("拆解人工减少", "≥ 50", "%")],
)

# Tailings from fluorite and lead-zinc mines with a nearly full pond: ceramsite from tailings (2); backfill mining
# uses tailings but belongs to the mine (1). Steel slag, fluorogypsum and CaF2 sludge are other wastes (0).
H(
    "ent-datian",
    "接收的尾砂越堆越多,尾矿库只够用两年",
    "我们为周边萤石矿和铅锌矿处置选矿尾砂,每年进来 20 多万吨,现在尾矿库库容只剩两年,环保不批扩容。想把尾砂做成能卖的建材产品,"
    "产品要过重金属浸出检测,每年消纳 10 万吨以上。",
    ["尾砂", "尾矿库", "建材", "消纳", "重金属浸出"],
    "environment",
    "ENV.02.02",
    {123: 2, 173: 1, 122: 0, 9: 0, 163: 0, 151: 0, 119: 0},
    budget=(1000000, 5000000),
    mode="licence",
    min_trl=6,
    indicators=[("年消纳量", "≥ 10", "万吨")],
)

# [cross-field] A water utility (urban) wants on-site lead/mercury tests: carbon-QD fluorescent probe kit (2).
# Remediation technologies share 重金属 only (0); the fluoride online analyser measures another ion (0).
H(
    "ent-taining-water",
    "水源上游有个废矿,化验重金属要送市里等三天",
    "我县二水厂的水源河上游有个关停多年的铅锌矿,下大雨后大家担心重金属冲进河里。现在水质化验要送市疾控,来回三天。"
    "想在水厂配一套能当场测铅、汞的设备,半小时出结果,操作简单,化验员培训一天就会用。",
    ["水源", "重金属", "铅", "汞", "化验"],
    "urban",
    "ENV.01.01",
    {125: 2, 118: 0, 119: 0, 185: 0, 172: 0, 162: 0},
    budget=(50000, 200000),
    mode="transfer",
    indicators=[("出结果时间", "≤ 30", "min"), ("铅检出限", "≤ 10", "μg/L")],
)

# [lay][cross] Bamboo sawdust and offcuts: bamboo-based hard carbon for sodium-ion batteries (2, NEM); the cadmium
# passivator is made from bamboo-sawdust biochar (its description says so) and is used in Youxi, an outlet for part
# of the waste (1, ENV.01.01). Grass substrate, spent-substrate fertiliser, graphite exfoliation share words (0).
H(
    "ent-youxi-bamboo",
    "竹屑竹粉堆成山,锅炉烧不完还怕着火",
    "我们每年加工 6 万吨毛竹,锯切、刨光、砂光产生的竹屑、竹粉、竹节头有 1 万多吨,锅炉只能烧掉三分之一,剩下的要花钱请人拉走,"
    "堆着还有火灾隐患。想找把竹加工废料变成高价值产品的技术,合作方式都可以谈,最好我们出料、对方出技术。",
    ["竹屑", "竹粉", "加工废料", "综合利用", "毛竹"],
    "environment",
    "ENV.02.02",
    {147: 2, 118: 1, 103: 0, 126: 0, 19: 0, 134: 0, 151: 0},
    budget=None,
    deadline="2027-12-31",
    mode="equity",
)

# [none] Deep removal of complexed nickel from electroplating wastewater: the zirconium resin removes fluoride, the
# electrocoagulation is validated for fluoride, the GLDA leachate loop is for soil (all 0), despite shared words.
H(
    "ent-qingyuan",
    "电镀园区污水站出水镍老是超标",
    "我们运营一个电镀园区污水站,出水总镍要求 0.1 mg/L 以下(特别排放限值),现在用化学沉淀加絮凝,镍经常在 0.3–0.5 之间,"
    "其中络合镍很难沉下来。想找深度除镍的工艺,吨水运行成本不超过 3 元,最好不增加污泥量。",
    ["电镀废水", "镍", "深度处理", "络合", "达标排放"],
    "environment",
    "ENV.01.02",
    {116: 0, 117: 0, 119: 0, 125: 0, 29: 0, 2: 0},
    budget=(300000, 1000000),
    mode="service",
    indicators=[("出水总镍", "≤ 0.1", "mg/L"), ("吨水运行成本", "≤ 3", "元")],
)

# Site-investigation reports too slow for land-sale deadlines: sampling-plan and risk-assessment software (2).
H(
    "ent-qingyuan",
    "污染地块调查报告写得太慢,赶不上土地出让",
    "我们做污染地块调查和修复,一个地块的初步调查从定点位到出报告要一个多月,技术人员天天加班画图、算风险,业主嫌慢,"
    "好几个项目因为报告出不来没赶上土地出让。想要工具提高效率,报告时间缩短一半,内容要符合生态环境部的技术导则,评审能过。",
    ["地块调查", "报告", "效率", "风险评估"],
    "environment",
    "ENV.01.01",
    {185: 2, 119: 0, 118: 0, 125: 0, 56: 0},
    budget=(50000, 200000),
    mode="transfer",
    indicators=[("报告编制时间缩短", "≥ 50", "%")],
)

# ------------------------------------------------------------------ seeds and coatings
# Germination fell from 88 % to 83 % between harvest and sale after hot drying: low-temperature staged drying and
# storage (2). Purity testing and traceability do not touch vigour (0).
H(
    "ent-fenghe",
    "去年的种子放到春天发芽率掉到 83%,被经销商索赔",
    "去年秋天收的制种,烘干时为了赶进度温度开得高,入库检测发芽率 88%,放到今年春天卖的时候只剩 83%,低于合同约定的 85%,"
    "经销商索赔 60 多万元。想改进收获后的干燥和仓储,让发芽率稳定在 90% 以上,常温仓库放一年也不掉太多。",
    ["发芽率", "索赔", "烘干", "仓储", "制种"],
    "agriculture",
    "SED.01.01",
    {96: 2, 95: 0, 175: 0, 92: 0, 176: 0, 158: 0},
    budget=(200000, 500000),
    mode="licence",
    min_trl=7,
    indicators=[("发芽率", "≥ 90", "%"), ("常温贮藏 12 个月活力下降", "≤ 10", "%")],
)

# [cross] A heavy-duty coatings maker asked for non-stick bakeware coatings: PTFE/PFA low-temperature sintering
# (2, FLU.02.02). The right term, filed under the maker's own chain (graphene anticorrosion).
H(
    "ent-hongxi",
    "烘焙模具客户要不粘涂层,400 度烧结把薄模具烤变形",
    "有烘焙设备厂找我们做面包模具和烤盘的不粘涂层。我们是做重防腐涂料的,试了几个配方:PTFE 涂层要 400 ℃ 左右烧结,"
    "薄铝模具烤完翘曲;低温固化的有机硅涂层不耐刮,用几个月就粘。希望有烧结温度低一些、耐磨、符合食品接触要求的不粘涂层技术。",
    ["不粘涂层", "烘焙模具", "烧结温度", "食品接触", "耐磨"],
    "materials",
    "GRA.02.02",
    {10: 2, 25: 0, 24: 0, 15: 0, 145: 0, 23: 0},
    budget=(200000, 600000),
    mode="licence",
    min_trl=6,
    indicators=[("烧结温度", "≤ 370", "℃"), ("耐磨次数", "≥ 30000", "次")],
)

# [mixed] Waterborne steel primer demanded by owners, but it will not dry in winter: the graphene waterborne epoxy
# primer meets the VOC half (1); nothing addresses curing at low temperature.
H(
    "ent-hongxi",
    "业主要求厂房钢结构刷水性漆,可冬天水性漆干不了",
    "钢结构厂房项目越来越多写明要水性环保底漆,我们的溶剂型环氧铁红卖不动了。自己试的水性底漆夏天还行,"
    "冬天工地 5 ℃ 左右两天都不干,耐盐雾也只有 500 小时。希望有一款低温也能施工的水性防腐底漆,VOC 100 g/L 以下,耐盐雾 1000 小时以上。",
    ["水性漆", "钢结构", "冬季施工", "干燥慢", "环保"],
    "materials",
    "GRA.02.02",
    {25: 1, 24: 0, 145: 0, 48: 0, 15: 0},
    budget=(200000, 500000),
    mode="licence",
    indicators=[("最低施工温度", "≤ 5", "℃"), ("VOC", "≤ 100", "g/L"), ("耐中性盐雾", "≥ 1000", "h")],
)

# ------------------------------------------------------------------ a few more in the buyer's words
# [lay] Battery trays that do not sit flat and leak after welding, described by assembly symptoms: friction-stir
# welding and laser-MIG hybrid welding both solve it (2). The SMC lid is another tray part (0).
H(
    "ent-hualv",
    "电池托盘装车时螺丝孔对不上,淋水测试还漏",
    "主机厂反映我们交的电池托盘放在平台上四个角翘,装车时螺栓孔对不上要撬;每批抽检淋水和气密测试总有几件漏。"
    "现在是 6 系型材拼起来后人工 MIG 焊,焊完再上校形机压,一件要多花 40 分钟。希望托盘焊完就平,气密一次合格率 98% 以上。",
    ["电池托盘", "变形", "漏水", "主机厂", "型材"],
    "manufacturing",
    "ALY.01.01",
    {44: 2, 149: 2, 183: 0, 43: 0, 46: 0},
    budget=(500000, 1500000),
    mode="licence",
    min_trl=7,
    indicators=[("整盘平面度", "≤ 2", "mm"), ("气密一次合格率", "≥ 98", "%")],
)

# [lay] Crusher hammers "worn bald" within a month: Nb/Ti-modified high-chromium iron hammers (2). Explosive
# pre-hardening targets exactly "too little impact to work-harden" but on liners and for +30–40 %, not 3× (1);
# bainitic liner steel is for mill liners (0); hardfacing plate is for chutes (0).
H(
    "ent-hengzhu",
    "破碎机锤头不到一个月就磨秃了,客户要换供应商",
    "我们给水泥厂供的破碎机锤头用高锰钢铸造,石灰石硬、块度小,锤头冲击不够硬化不起来,不到一个月就磨秃了,"
    "客户说别家的能用三个月。改用高铬铸铁又怕断锤。希望锤头寿命提高到原来的 3 倍,而且不能断。",
    ["锤头", "磨损快", "水泥厂", "断裂", "铸件"],
    "materials",
    "STL.01",
    {51: 2, 52: 1, 50: 0, 57: 0, 174: 0},
    budget=(200000, 600000),
    mode="licence",
    min_trl=7,
    indicators=[("锤头寿命", "≥ 3", "倍"), ("断锤率", "0", "")],
)

# [lay] Turning inserts that wear out fast on steel car parts: thick MT-CVD TiCN/α-Al2O3 coating (2); near-net
# pressing improves dimensional grade, not life (0); the AlTiSiN coating is for milling titanium (0).
H(
    "ent-ningwu",
    "我们的车刀片车钢件寿命只有进口的六成,汽配客户不续单",
    "一家汽车零部件客户用我们的车削刀片粗车、半精车 40Cr 和 42CrMo 轴类件,一个刃口只能车 180 件,进口刀片能车 300 件,"
    "客户算下来还是进口划算。我们的基体配方自认为没问题,想在涂层上找差距,每个刃口车削件数提高到 280 件以上。",
    ["车刀片", "刀片寿命", "汽配", "钢件车削", "进口替代"],
    "materials",
    "TUN.02",
    {61: 2, 60: 0, 152: 0, 58: 0, 72: 0},
    budget=(500000, 1500000),
    mode="licence",
    min_trl=6,
    indicators=[("单刃口车削件数", "≥ 280", "件")],
)

# [lay] A PTFE resin maker whose customers' seals creep and wear: carbon-fibre/polyphenyl-ester filled PTFE (2).
H(
    "ent-yongfu",
    "客户拿我们的 PTFE 料做密封圈,压久了变形、磨得也快",
    "几家泵阀和液压件厂用我们的悬浮 PTFE 树脂车削密封圈和活塞环,反馈压紧一段时间后密封圈慢慢变扁、漏液,"
    "运动部件上几个月就磨出沟。我们想推出一款改性料专门卖给密封件厂,耐磨和抗变形明显好于纯料,价格比进口改性料低 30%。",
    ["PTFE", "密封圈", "变形", "耐磨", "改性料"],
    "materials",
    "FLU.02.02",
    {4: 2, 10: 0, 3: 0, 5: 0, 139: 0},
    budget=(500000, 1500000),
    mode="licence",
    min_trl=6,
    indicators=[("磨损率相对纯 PTFE", "≤ 1/50", ""), ("压缩永久变形", "≤ 8", "%")],
)

# [en] More energy than LFP with LFP-like safety: LMFP cathode (2). Long-cycle LFP keeps the energy density (0);
# the CNT conductive paste helps rate, not energy (0).
H(
    "ent-liyuan",
    "储能客户要比 LFP 能量密度高一截、一样安全的正极",
    "几家电芯客户问我们有没有能量密度比 LFP 高 15% 以上、安全性和成本接近 LFP 的正极材料,说明年户储和两轮车要用。"
    "我们想利用现有磷酸铁锂的烧结线,开发电压平台更高的磷酸盐正极,循环 2000 次保持率 80% 以上。",
    ["LFP", "能量密度", "正极材料", "户储", "两轮车"],
    "energy",
    "NEM.01.01",
    {31: 2, 30: 0, 20: 0, 32: 0, 33: 0},
    budget=(1000000, 3000000),
    mode="joint",
    indicators=[("能量密度提升", "≥ 15", "%"), ("2000 次循环保持率", "≥ 80", "%")],
)

# [lay] Twelve hamlets' sewage, nobody to run equipment: integrated A/O plus constructed wetland, unattended (2).
H(
    "ent-qingyuan",
    "中标 12 个自然村污水治理,村里没人会管设备",
    "我们中标了建宁县 12 个自然村的生活污水治理,每个村 80–200 户,污水现在直接流进小溪。村里没有懂设备的人,"
    "电费也要村里出,复杂的设备坏了没人修。想要建好以后基本不用人管、电费低、出水能达标的处理方式,一个村投资 60 万元以内。",
    ["农村", "生活污水", "自然村", "运维", "达标"],
    "environment",
    "ENV.01.02",
    {162: 2, 2: 0, 116: 0, 117: 0, 126: 0},
    budget=(3000000, 7200000),
    mode="transfer",
    min_trl=8,
    indicators=[("吨水运行成本", "≤ 0.5", "元"), ("出水标准", "一级 B", "")],
)

# [none] Detecting falls of elderly people living alone: the pulse/respiration patch and the rehab exoskeleton are
# the tempting neighbours; neither detects a fall (0).
H(
    "ent-kangmai",
    "独居老人在家摔倒了没人知道,想做个报警的东西",
    "社区养老服务中心找我们做一款给独居老人用的产品:老人在家摔倒起不来,能自动通知家属和社区,不需要老人自己按按钮。"
    "老人不愿意戴复杂的东西,最好不用摄像头。误报一个月不超过一次。",
    ["独居老人", "摔倒", "报警", "居家养老"],
    "biomedicine",
    "MED.01",
    {26: 0, 167: 0, 136: 0, 85: 0},
    budget=(200000, 500000),
    mode="joint",
    indicators=[("摔倒识别率", "≥ 90", "%"), ("误报", "≤ 1", "次/月")],
)

# ------------------------------------------------------------------ traps: the obvious word match is the wrong answer
# [cross] Fire in a battery cabin: the solid-electrolyte membrane is a cell maker's remedy, AFFF foam is for
# hydrocarbon fires and not a lithium-battery agent, SOH estimation is not fault warning (0 each). Video AI
# smoke/fire recognition gives the early warning the integrator can fit (1, ICT.02.01).
H(
    "ent-minneng",
    "储能舱万一着火怎么办,业主要求早发现、早处置",
    "电网侧储能电站业主开会,要求我们在已建的 40 个电池舱里补强消防:现在只有舱内烟感和七氟丙烷,去年同行电站着火后复燃,"
    "七氟丙烷没压住。希望能更早发现冒烟起火的苗头并联动处置,改造不能换电池,每个舱改造费用 10 万元以内。",
    ["储能电站", "消防", "着火", "早期预警", "电池舱"],
    "energy",
    "NEM.03.01",
    {85: 1, 16: 0, 35: 0, 39: 0, 40: 0, 27: 0, 84: 0},
    budget=(1000000, 4000000),
    mode="service",
    indicators=[("预警提前时间", "≥ 5", "min")],
)

# Electrolyte in end-of-life packs: the dismantling line collects electrolyte vapour (1). LiPF6 synthesis and
# moisture analysers share LiPF6/电解液 only (0); lithium leaching treats the cathode powder (0).
H(
    "ent-datian",
    "拆电池时电解液味道大,六氟磷酸锂能不能回收",
    "我们拆解退役电池时,电芯里的电解液挥发,车间里一股刺鼻味,工人头疼,环评也提了意见。听说电解液里的六氟磷酸锂值钱,"
    "想把电解液收集起来,能回收的回收,不能回收的无害化处理,车间气味达标。",
    ["电解液", "六氟磷酸锂", "回收", "异味", "电池拆解"],
    "environment",
    "ENV.02.01",
    {121: 1, 36: 0, 182: 0, 120: 0, 124: 0, 37: 0},
    budget=(500000, 1500000),
    mode="joint",
    indicators=[("车间 VOCs 浓度", "达标", "")],
)

# A biopesticide maker wants a product against tea leafhoppers to manufacture: the Beauveria strain, solid-state
# fermentation and oil suspension (2). The tea-garden IPM package names the pest in its title but is a service,
# not a product the company can produce (0).
H(
    "ent-hekang",
    "想给茶农出一个防小绿虫的菌剂,补齐我们的产品线",
    "我们现在只有 Bt 和枯草芽孢杆菌两条发酵线,茶区经销商一直问有没有防茶园小绿虫(叶蝉)的生物农药。"
    "想引进一个能在我们厂里发酵生产的菌种和剂型,防效 70% 左右,货架期一年以上。",
    ["茶园", "小绿虫", "生物农药", "菌剂", "发酵生产"],
    "agriculture",
    "BPC.01.01",
    {110: 2, 161: 0, 108: 0, 111: 0, 114: 0, 106: 0},
    budget=(500000, 1500000),
    mode="licence",
    min_trl=6,
    indicators=[("防效", "≥ 70", "%"), ("货架期", "≥ 12", "个月")],
)

# Anodised, mirror-like housings where ordinary cameras see nothing: phase-measuring deflectometry (2). The
# multi-angle photometric-stereo system also claims reflective metal but states no depth limit, and the need says
# two such systems failed (1).
H(
    "ent-jinggong",
    "阳极氧化后的亮面铝壳,相机拍不出细划痕",
    "我们给一家音响品牌做阳极氧化亮面铝外壳,客户对细划痕和小凹坑零容忍。试过两家视觉检测设备,亮面一反光,"
    "相机要么一片白要么看不出 2 μm 以下的划痕,最后还是人眼在灯下转着看。希望有设备能在亮面上稳定检出细划痕,节拍 5 秒以内。",
    ["阳极氧化", "亮面", "划痕", "视觉检测", "外观"],
    "manufacturing",
    "CNC.02.01",
    {153: 2, 69: 1, 70: 0, 48: 0, 68: 0},
    budget=(500000, 1200000),
    mode="transfer",
    min_trl=6,
    indicators=[("划痕检出深度", "≤ 2", "μm"), ("节拍", "≤ 5", "s")],
)

# [none] Colour in dyeing wastewater: no listed technology decolourises dye effluent. The fluoride resin, the
# electrocoagulation and the UF membrane share 废水/膜 only (0).
H(
    "ent-jinlun",
    "染色废水颜色去不掉,园区污水厂不收",
    "我们染整车间每天排 1500 吨染色废水,生化处理后 COD 能达标,但颜色还是发红发紫,园区污水厂按色度超标拒收,每天罚款。"
    "想找稳定脱色的工艺,色度降到 50 倍以下,吨水成本 2 元以内。",
    ["染色废水", "脱色", "色度", "印染"],
    "environment",
    "ENV.01.02",
    {116: 0, 117: 0, 2: 0, 124: 0, 162: 0},
    budget=(500000, 1500000),
    mode="service",
    indicators=[("色度", "≤ 50", "倍"), ("吨水成本", "≤ 2", "元")],
)
