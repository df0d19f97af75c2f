"""The taxonomies' initial content, loaded by migration ``0002_load_initial_terms``.

Bureau staff edit the terms afterwards in the admin; codes are stable because imports, the API
and the search index refer to them.
"""

TECHNICAL_FIELDS = [
    ("electronics", "电子信息", "Electronic information"),
    ("aerospace", "航空航天", "Aerospace"),
    ("manufacturing", "先进制造", "Advanced manufacturing"),
    ("biomedicine", "生物、医药和医疗器械", "Biology, medicine and medical devices"),
    ("materials", "新材料及其应用", "New materials and their applications"),
    ("energy", "新能源与高效节能", "New energy and energy efficiency"),
    ("environment", "环境保护与资源综合利用", "Environmental protection and resource recycling"),
    ("nuclear", "核应用", "Nuclear applications"),
    ("agriculture", "农业", "Agriculture"),
    ("transport", "现代交通", "Modern transport"),
    ("urban", "城市建设与社会发展", "Urban construction and social development"),
]

IP_TYPES = [
    ("invention", "发明专利", "Invention patent"),
    ("utility", "实用新型专利", "Utility model patent"),
    ("design", "外观设计专利", "Design patent"),
    ("software", "计算机软件著作权", "Software copyright"),
    ("ic_layout", "集成电路布图设计", "IC layout design"),
    ("plant_variety", "植物新品种权", "Plant variety right"),
    ("secret", "技术秘密", "Technical secret"),
    ("none", "无", "None"),
]

TRANSFER_MODES = [
    ("transfer", "转让", "Assignment"),
    ("licence", "许可", "Licence"),
    ("equity", "作价入股", "Equity investment"),
    ("joint", "合作开发", "Joint development"),
    ("service", "技术服务", "Technical service"),
]

READINESS_LEVELS = [
    (1, "基本原理", "发现并报告了基本原理,形成科学研究结论。", "Basic principles observed"),
    (2, "技术概念", "提出了技术概念和应用设想,完成可行性分析。", "Technology concept formulated"),
    (3, "原理验证", "关键功能和特性通过实验室分析或实验得到验证。", "Proof of concept"),
    (4, "实验室验证", "关键部件或样品在实验室环境中完成功能验证。", "Validated in the laboratory"),
    (5, "相关环境验证", "原理样机或样品在相关(模拟)环境中完成验证。", "Validated in a relevant environment"),
    (6, "中试验证", "系统或工程样机在相关环境中完成演示,具备中试条件或已完成中试。", "Pilot demonstrated"),
    (7, "实际环境示范", "系统样机在实际使用环境中完成示范运行。", "Prototype demonstrated in operation"),
    (8, "定型与小批量", "实际系统完成定型和测试,具备小批量生产能力。", "System complete and qualified"),
    (9, "规模化应用", "技术已在实际应用中稳定运行,实现规模化生产或推广。", "Proven in operation at scale"),
]

# Industry-chain map of the city: chain → segment → technology. Codes are hierarchical prefixes.
INDUSTRY_CHAINS = [
    (
        "FLU",
        "氟新材料",
        "Fluorine new materials",
        [
            (
                "01",
                "氟化工基础原料",
                "Basic fluorochemicals",
                [("01", "无水氟化氢与萤石综合利用", "Anhydrous HF and fluorite")],
            ),
            (
                "02",
                "含氟聚合物",
                "Fluoropolymers",
                [
                    ("01", "聚偏氟乙烯(PVDF)", "PVDF"),
                    ("02", "聚四氟乙烯(PTFE)", "PTFE"),
                    ("03", "氟橡胶", "Fluoroelastomers"),
                ],
            ),
            (
                "03",
                "电子级含氟化学品",
                "Electronic-grade fluorochemicals",
                [
                    ("01", "电子级氢氟酸", "Electronic-grade HF"),
                    ("02", "含氟电子特气", "Fluorinated electronic gases"),
                ],
            ),
        ],
    ),
    (
        "FFC",
        "氟精细化工",
        "Fine fluorochemicals",
        [
            (
                "01",
                "含氟医药农药中间体",
                "Fluorinated pharma and agro intermediates",
                [
                    ("01", "含氟医药中间体", "Pharmaceutical intermediates"),
                    ("02", "含氟农药中间体", "Agrochemical intermediates"),
                ],
            ),
            (
                "02",
                "含氟表面活性剂与功能助剂",
                "Fluorosurfactants and additives",
                [("01", "环保型含氟表面活性剂", "Green fluorosurfactants")],
            ),
        ],
    ),
    (
        "GRA",
        "石墨烯",
        "Graphene",
        [
            (
                "01",
                "石墨烯制备",
                "Graphene production",
                [
                    ("01", "化学气相沉积(CVD)薄膜", "CVD films"),
                    ("02", "石墨烯粉体与浆料", "Graphene powders and pastes"),
                ],
            ),
            (
                "02",
                "石墨烯应用",
                "Graphene applications",
                [
                    ("01", "导热散热材料", "Thermal management"),
                    ("02", "防腐涂料", "Anti-corrosion coatings"),
                    ("03", "导电添加剂", "Conductive additives"),
                    ("04", "石墨烯传感器", "Graphene sensors"),
                ],
            ),
        ],
    ),
    (
        "NEM",
        "新能源材料",
        "New-energy materials",
        [
            (
                "01",
                "锂电池正负极材料",
                "Battery electrode materials",
                [
                    ("01", "磷酸铁锂正极(LiFePO4)", "LiFePO4 cathodes"),
                    ("02", "硅碳负极", "Silicon-carbon anodes"),
                    ("03", "氟化石墨", "Fluorinated graphite"),
                ],
            ),
            (
                "02",
                "固态电池",
                "Solid-state batteries",
                [
                    ("01", "固态电解质", "Solid electrolytes"),
                    ("02", "电解液与锂盐(LiPF6)", "Electrolytes and lithium salts"),
                ],
            ),
            (
                "03",
                "储能与氢能",
                "Energy storage and hydrogen",
                [("01", "储能系统集成", "Storage systems"), ("02", "氢能与燃料电池", "Hydrogen and fuel cells")],
            ),
        ],
    ),
    (
        "ALY",
        "轻合金",
        "Light alloys",
        [
            ("01", "铝合金", "Aluminium alloys", [("01", "高强铝合金型材", "High-strength profiles")]),
            ("02", "镁合金", "Magnesium alloys", [("01", "镁合金压铸", "Magnesium die casting")]),
        ],
    ),
    (
        "STL",
        "特钢铸造",
        "Special steel and casting",
        [
            (
                "01",
                "特种钢材",
                "Special steels",
                [("01", "高强耐磨钢", "Wear-resistant steel"), ("02", "不锈钢精炼", "Stainless refining")],
            ),
            ("02", "精密铸造", "Precision casting", [("01", "消失模与熔模铸造", "Lost-foam and investment casting")]),
        ],
    ),
    (
        "TUN",
        "钨产业",
        "Tungsten",
        [
            (
                "01",
                "钨冶炼与粉末",
                "Tungsten smelting and powders",
                [("01", "超细钨粉与碳化钨", "Ultrafine W and WC powders")],
            ),
            ("02", "硬质合金与刀具", "Cemented carbides and tools", [("01", "硬质合金刀具涂层", "Tool coatings")]),
        ],
    ),
    (
        "CNC",
        "超精密数控加工",
        "Ultra-precision CNC machining",
        [
            (
                "01",
                "数控机床",
                "CNC machine tools",
                [("01", "五轴联动加工", "Five-axis machining"), ("02", "数控系统与伺服", "CNC controls and servo")],
            ),
            (
                "02",
                "智能制造",
                "Smart manufacturing",
                [("01", "机器视觉检测", "Machine-vision inspection"), ("02", "工业互联网", "Industrial internet")],
            ),
        ],
    ),
    (
        "QDT",
        "量子点",
        "Quantum dots",
        [
            ("01", "量子点材料", "Quantum-dot materials", [("01", "无镉量子点", "Cadmium-free QDs")]),
            ("02", "量子点显示与照明", "QD displays and lighting", [("01", "量子点光学膜", "QD optical films")]),
        ],
    ),
    (
        "ICT",
        "5G与电子信息",
        "5G and electronics",
        [
            (
                "01",
                "5G通信",
                "5G communications",
                [("01", "5G基站射频器件", "5G RF components"), ("02", "5G行业应用", "5G industry applications")],
            ),
            (
                "02",
                "人工智能与软件",
                "AI and software",
                [("01", "图像识别", "Image recognition"), ("02", "工业软件", "Industrial software")],
            ),
        ],
    ),
    (
        "SED",
        "种业",
        "Seed industry",
        [
            (
                "01",
                "水稻制种",
                "Rice seed breeding",
                [("01", "杂交水稻新品种", "Hybrid rice varieties"), ("02", "分子育种", "Molecular breeding")],
            ),
        ],
    ),
    (
        "VEG",
        "蔬菜与食用菌",
        "Vegetables and edible fungi",
        [
            ("01", "设施蔬菜", "Protected vegetables", [("01", "蔬菜新品种", "Vegetable varieties")]),
            (
                "02",
                "食用菌",
                "Edible fungi",
                [("01", "食用菌工厂化栽培", "Factory cultivation"), ("02", "菌种选育", "Strain breeding")],
            ),
        ],
    ),
    (
        "BPC",
        "生物防治",
        "Biological pest control",
        [
            (
                "01",
                "生物农药",
                "Biopesticides",
                [("01", "微生物农药", "Microbial pesticides"), ("02", "天敌昆虫", "Natural enemies")],
            ),
        ],
    ),
    (
        "ENV",
        "环境修复与资源循环",
        "Environmental remediation and recycling",
        [
            (
                "01",
                "土壤与水体修复",
                "Soil and water remediation",
                [
                    ("01", "重金属污染土壤修复", "Heavy-metal soil remediation"),
                    ("02", "工业废水处理", "Industrial wastewater"),
                ],
            ),
            (
                "02",
                "资源循环利用",
                "Resource recycling",
                [("01", "废旧锂电池回收", "Battery recycling"), ("02", "工业固废综合利用", "Industrial solid waste")],
            ),
        ],
    ),
    (
        "FOD",
        "营养与健康食品",
        "Nutrition and health food",
        [
            (
                "01",
                "功能食品",
                "Functional food",
                [
                    ("01", "功能性成分提取", "Bioactive extraction"),
                    ("02", "特医食品", "Foods for special medical purposes"),
                ],
            ),
        ],
    ),
    (
        "MED",
        "医学工程",
        "Medical engineering",
        [
            (
                "01",
                "医疗器械",
                "Medical devices",
                [("01", "医用影像设备", "Medical imaging"), ("02", "体外诊断", "In-vitro diagnostics")],
            ),
            ("02", "生物医药", "Biopharma", [("01", "中药现代化", "Modern TCM")]),
        ],
    ),
]

# GB/T 2260: every province-level division, and the home province's cities and the home city's counties.
PROVINCES = [
    ("110000", "北京市"),
    ("120000", "天津市"),
    ("130000", "河北省"),
    ("140000", "山西省"),
    ("150000", "内蒙古自治区"),
    ("210000", "辽宁省"),
    ("220000", "吉林省"),
    ("230000", "黑龙江省"),
    ("310000", "上海市"),
    ("320000", "江苏省"),
    ("330000", "浙江省"),
    ("340000", "安徽省"),
    ("350000", "福建省"),
    ("360000", "江西省"),
    ("370000", "山东省"),
    ("410000", "河南省"),
    ("420000", "湖北省"),
    ("430000", "湖南省"),
    ("440000", "广东省"),
    ("450000", "广西壮族自治区"),
    ("460000", "海南省"),
    ("500000", "重庆市"),
    ("510000", "四川省"),
    ("520000", "贵州省"),
    ("530000", "云南省"),
    ("540000", "西藏自治区"),
    ("610000", "陕西省"),
    ("620000", "甘肃省"),
    ("630000", "青海省"),
    ("640000", "宁夏回族自治区"),
    ("650000", "新疆维吾尔自治区"),
    ("710000", "台湾省"),
    ("810000", "香港特别行政区"),
    ("820000", "澳门特别行政区"),
]
CITIES = [
    ("350100", "福州市"),
    ("350200", "厦门市"),
    ("350300", "莆田市"),
    ("350400", "三明市"),
    ("350500", "泉州市"),
    ("350600", "漳州市"),
    ("350700", "南平市"),
    ("350800", "龙岩市"),
    ("350900", "宁德市"),
    ("110100", "北京市市辖区"),
    ("310100", "上海市市辖区"),
    ("320100", "南京市"),
    ("330100", "杭州市"),
    ("440300", "深圳市"),
    ("440100", "广州市"),
    ("430100", "长沙市"),
    ("360700", "赣州市"),
]
COUNTIES = [
    ("350404", "三元区"),
    ("350405", "沙县区"),
    ("350421", "明溪县"),
    ("350423", "清流县"),
    ("350424", "宁化县"),
    ("350425", "大田县"),
    ("350426", "尤溪县"),
    ("350428", "将乐县"),
    ("350429", "泰宁县"),
    ("350430", "建宁县"),
    ("350481", "永安市"),
]

# Entity-type codes (性质) of the registration form. 400 (individuals) is marked "verify" in the rules.
ENTITY_TYPES = [
    ("010", "机关法人", None),
    ("011", "国家机关", "010"),
    ("012", "省级机关", "010"),
    ("013", "市级机关", "010"),
    ("014", "县级机关", "010"),
    ("020", "事业法人", None),
    ("021", "科研机构", "020"),
    ("022", "高等院校", "020"),
    ("023", "医疗卫生", "020"),
    ("024", "其他事业单位", "020"),
    ("030", "社团法人", None),
    ("100", "内资企业", None),
    ("110", "国有企业", "100"),
    ("120", "集体企业", "100"),
    ("130", "股份合作企业", "100"),
    ("140", "联营企业", "100"),
    ("150", "有限责任公司", "100"),
    ("160", "股份有限公司", "100"),
    ("170", "私营企业", "100"),
    ("180", "其他内资企业", "100"),
    ("200", "港澳台商投资企业", None),
    ("210", "合资经营企业(港澳台资)", "200"),
    ("220", "合作经营企业(港澳台资)", "200"),
    ("230", "港澳台商独资企业", "200"),
    ("240", "港澳台商投资股份有限公司", "200"),
    ("300", "外商投资企业", None),
    ("310", "中外合资经营企业", "300"),
    ("320", "中外合作经营企业", "300"),
    ("330", "外资企业", "300"),
    ("340", "外商投资股份有限公司", "300"),
    ("400", "自然人", None),
]

# English names of the entity types, by code (added after the Chinese table was first loaded; see the
# migration 0006_entity_type_english_names, which fills them in).
ENTITY_TYPE_NAMES_EN = {
    "010": "Government body",
    "011": "State organ",
    "012": "Provincial organ",
    "013": "Municipal organ",
    "014": "County organ",
    "020": "Public institution",
    "021": "Research institute",
    "022": "University",
    "023": "Health care",
    "024": "Other public institution",
    "030": "Social organisation",
    "100": "Domestic enterprise",
    "110": "State-owned enterprise",
    "120": "Collective enterprise",
    "130": "Joint-stock cooperative",
    "140": "Associated enterprise",
    "150": "Limited liability company",
    "160": "Company limited by shares",
    "170": "Private enterprise",
    "180": "Other domestic enterprise",
    "200": "Hong Kong, Macao or Taiwan-invested enterprise",
    "210": "Equity joint venture (HK/Macao/Taiwan)",
    "220": "Contractual joint venture (HK/Macao/Taiwan)",
    "230": "Wholly HK/Macao/Taiwan-owned enterprise",
    "240": "HK/Macao/Taiwan-invested company limited by shares",
    "300": "Foreign-invested enterprise",
    "310": "Sino-foreign equity joint venture",
    "320": "Sino-foreign contractual joint venture",
    "330": "Wholly foreign-owned enterprise",
    "340": "Foreign-invested company limited by shares",
    "400": "Natural person",
}


def load_entity_type_names_en(apps) -> int:
    """Set the English name of every entity type that has none (an editor's own English is kept)."""
    entity = apps.get_model("taxonomy", "EntityType")
    updated = 0
    for code, name_en in ENTITY_TYPE_NAMES_EN.items():
        updated += entity.objects.filter(code=code, name_en="").update(name_en=name_en)
    return updated


def load_all(apps) -> None:
    """Create or update every term; safe to run again (codes are the keys)."""
    for model_name, rows in (
        ("TechnicalField", TECHNICAL_FIELDS),
        ("IPType", IP_TYPES),
        ("TransferMode", TRANSFER_MODES),
    ):
        model = apps.get_model("taxonomy", model_name)
        for order, (code, name, name_en) in enumerate(rows):
            model.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "sort_order": order})

    readiness = apps.get_model("taxonomy", "ReadinessLevel")
    for level, name, description, name_en in READINESS_LEVELS:
        readiness.objects.update_or_create(
            level=level, defaults={"name": name, "description": description, "name_en": name_en}
        )

    node = apps.get_model("taxonomy", "IndustryChainNode")
    for c_order, (chain_code, chain_name, chain_en, segments) in enumerate(INDUSTRY_CHAINS):
        chain, _ = node.objects.update_or_create(
            code=chain_code, defaults={"name": chain_name, "name_en": chain_en, "level": 1, "sort_order": c_order}
        )
        for s_order, (seg_suffix, seg_name, seg_en, techs) in enumerate(segments):
            segment, _ = node.objects.update_or_create(
                code=f"{chain_code}.{seg_suffix}",
                defaults={"name": seg_name, "name_en": seg_en, "level": 2, "parent": chain, "sort_order": s_order},
            )
            for t_order, (tech_suffix, tech_name, tech_en) in enumerate(techs):
                node.objects.update_or_create(
                    code=f"{segment.code}.{tech_suffix}",
                    defaults={
                        "name": tech_name,
                        "name_en": tech_en,
                        "level": 3,
                        "parent": segment,
                        "sort_order": t_order,
                    },
                )

    region = apps.get_model("taxonomy", "Region")
    provinces = {}
    for code, name in PROVINCES:
        provinces[code], _ = region.objects.update_or_create(code=code, defaults={"name": name, "level": 1})
    cities = {}
    for code, name in CITIES:
        cities[code], _ = region.objects.update_or_create(
            code=code, defaults={"name": name, "level": 2, "parent": provinces[code[:2] + "0000"]}
        )
    for code, name in COUNTIES:
        region.objects.update_or_create(
            code=code, defaults={"name": name, "level": 3, "parent": cities[code[:4] + "00"]}
        )

    entity = apps.get_model("taxonomy", "EntityType")
    for code, name, parent_code in ENTITY_TYPES:
        parent = entity.objects.get(code=parent_code) if parent_code else None
        entity.objects.update_or_create(code=code, defaults={"name": name, "parent": parent})
