"""Builds marketplace/demo/listings.jsonl, the fallback demo content, from the hand-written parts below.

Run: ``python -m marketplace.demo.generate_listings > marketplace/demo/listings.jsonl``

Every institution, achievement and need is written by hand (title, what it does, one quantified
indicator against today's practice, TRL, IP, price); only the prose around them is assembled here,
so the listing reads like one written by a technology-transfer officer. The content is fictional
demo data for development: the organisations' names are those of the city's research platforms,
the patents and figures are invented.
"""

from __future__ import annotations

import json
import random
import sys

from accounts.validators import credit_code_check_character

# fmt: off
INSTITUTIONS = [
    # key, name, short name, type, region, description, contact
    ('cas-haixi', '中国科学院海西研究院三明中心', '海西研究院三明中心', 'cas_institute', '350404', '中国科学院与三明市共建的科技创新平台,聚焦氟新材料、新能源材料和绿色化工,拥有中试基地 8000 平方米。', '林工'),
    ('cas-fjirsm', '中国科学院福建物质结构研究所三明成果转化中心', '物构所三明中心', 'cas_institute', '350404', '依托物构所在光电功能晶体、量子点和无机功能材料领域的积累,面向三明产业开展成果转化和中试熟化。', '陈研究员'),
    ('graphene', '三明市石墨烯研究院', '石墨烯研究院', 'new_rd_institution', '350481', '市属新型研发机构,建有石墨烯粉体、CVD 薄膜两条中试线,服务永安石墨和石墨烯产业园企业。', '王博士'),
    ('fluoro', '三明氟化工产业技术研究院', '氟化工研究院', 'research_institute', '350423', '服务清流、明溪氟化工园区,研究方向为含氟聚合物、电子级含氟化学品和含氟精细化学品的清洁生产。', '黄高工'),
    ('newenergy', '三明市新能源材料研究院', '新能源材料研究院', 'new_rd_institution', '350404', '聚焦固态电解质、锂电正负极材料、氟化石墨和储能系统,建有百吨级正极材料中试线。', '刘博士'),
    ('agri', '三明市农业科学研究院', '市农科院', 'research_institute', '350404', '国家杂交水稻制种基地的技术依托单位,研究方向为水稻育种、食用菌、设施蔬菜和生物防治。', '张研究员'),
    ('smxy', '三明学院', '三明学院', 'university', '350404', '地方应用型本科高校,设有机电工程、资源与化工、信息工程等学院,与本地企业共建多个工程技术研究中心。', '科技处李老师'),
    ('fzu', '福州大学', '福州大学', 'university', '350100', '国家“双一流”建设高校,在化工、环境、材料、电气和医学工程方向与三明企业长期合作。', '技术转移中心郑老师'),
    ('fafu', '福建农林大学', '农林大学', 'university', '350100', '在食用菌、生物农药、作物育种和功能食品方向拥有多个国家级和省级平台。', '技术转移中心吴老师'),
    ('fjut', '福建理工大学', '福建理工大学', 'university', '350100', '工科特色高校,在数控装备、轻合金成形、精密铸造和工业软件方向与三明装备制造企业合作紧密。', '科技处周老师'),
]
# fmt: on

# inst, title, field, chain, trl, keywords, (indicator, value, unit, compared with), price (万元, None = 面议),
# transfer modes, IP type, how it works, what it is for
# fmt: off
ACHIEVEMENTS = [
    # 中国科学院海西研究院三明中心
    ('cas-haixi', '电池级聚偏氟乙烯(PVDF)粘结剂合成技术', 'materials', 'FLU.02.01', 7, 'PVDF、锂电粘结剂、悬浮聚合', ('金属离子总量', '≤5', 'ppm', '进口同类产品约 10 ppm'), 800, 'transfer licence', 'invention', '采用悬浮聚合结合超临界 CO₂ 洗涤工艺,分子量分布窄、凝胶少', '锂离子电池正极粘结剂与隔膜涂覆'),
    ('cas-haixi', '含氟电子特气三氟化氮低能耗合成工艺', 'materials', 'FLU.03.02', 6, '三氟化氮、电子特气、电解氟化', ('单位产品电耗', '9.8', 'kWh/kg', '现行工艺约 13.5 kWh/kg'), 1500, 'licence joint', 'invention', '改进熔盐电解槽结构与阳极材料,抑制副反应并延长电极寿命', '半导体和显示面板刻蚀、腔体清洗'),
    ('cas-haixi', '氟化石墨锂一次电池正极材料', 'energy', 'NEM.01.03', 6, '氟化石墨、锂氟化碳电池、正极材料', ('比容量', '865', 'mAh/g', '商用氟化石墨约 750 mAh/g'), 600, 'transfer licence equity', 'invention', '以石墨烯包覆的膨胀石墨为前驱体,低温梯度氟化控制氟碳比', '长寿命锂氟化碳一次电池、智能表计电源'),
    ('cas-haixi', '萤石伴生低品位氟资源综合利用技术', 'environment', 'FLU.01.01', 5, '萤石、低品位矿、浮选', ('氟化钙回收率', '92', '%', '传统浮选约 75%'), None, 'joint service', 'invention', '组合抑制剂与分段浮选流程,从低品位伴生矿中回收酸级萤石精粉', '萤石选矿企业尾矿再选与资源综合利用'),
    ('cas-haixi', '六氟磷酸锂连续化结晶制备技术', 'energy', 'NEM.02.02', 7, '六氟磷酸锂、电解质、连续结晶', ('产品纯度', '99.99', '%', '间歇工艺约 99.9%'), 2000, 'licence equity', 'invention', '在无水氟化氢体系中连续结晶,结晶粒度可控、游离酸低', '锂离子电池电解液锂盐'),
    ('cas-haixi', '含氟废水氟资源回收与零排放工艺', 'environment', 'ENV.01.02', 6, '含氟废水、氟化钙、零排放', ('出水氟离子浓度', '≤2', 'mg/L', '国家排放标准 10 mg/L'), 350, 'licence service', 'utility', '两级化学沉淀耦合膜浓缩,回收高纯氟化钙作为原料回用', '氟化工、光伏、半导体企业含氟废水处理'),
    ('cas-haixi', '聚四氟乙烯(PTFE)微粉辐照降解制备技术', 'materials', 'FLU.02.02', 8, 'PTFE 微粉、辐照、润滑添加剂', ('平均粒径 D50', '3.2', 'μm', '机械粉碎法约 8 μm'), 450, 'transfer licence', 'invention', '利用电子束辐照使 PTFE 边角料可控降解,再经气流粉碎得到超细微粉', '油墨、涂料和润滑脂添加剂,PTFE 边角料回收'),
    ('cas-haixi', '固态电池用氟化物包覆高镍正极材料', 'energy', 'NEM.02.01', 4, '高镍正极、氟化物包覆、固态电池', ('200 次循环容量保持率', '94', '%', '未包覆材料约 82%'), None, 'joint', 'invention', '原子层沉积氟化铝包覆,抑制正极与硫化物电解质的界面副反应', '全固态锂电池正极'),
    # 中国科学院福建物质结构研究所三明成果转化中心
    ('cas-fjirsm', '无镉磷化铟量子点合成技术', 'materials', 'QDT.01.01', 6, '量子点、磷化铟、无镉', ('荧光量子产率', '95', '%', '国内同类产品约 85%'), 1200, 'licence equity', 'invention', '采用锌前驱体辅助成核与多壳层包覆,发射峰半峰宽窄、稳定性好', '量子点电视背光、Micro-LED 色转换'),
    ('cas-fjirsm', '量子点光学扩散膜卷对卷涂布工艺', 'electronics', 'QDT.02.01', 7, '量子点膜、卷对卷、背光模组', ('色域(NTSC)', '118', '%', '普通 LED 背光约 72%'), 900, 'transfer licence', 'invention', '开发阻水阻氧复合涂层与卷对卷涂布工艺,量子点膜可在 85℃/85%RH 下稳定工作', '液晶电视与显示器背光模组'),
    ('cas-fjirsm', '5G 基站用低介电损耗微波介质陶瓷滤波器', 'electronics', 'ICT.01.01', 7, '微波介质陶瓷、滤波器、5G', ('品质因数 Q×f', '98000', 'GHz', '主流商用材料约 60000 GHz'), 1000, 'licence joint', 'invention', '通过离子取代调控晶格结构,兼顾介电常数、低损耗和温度稳定性', '5G 基站介质滤波器、介质谐振器'),
    ('cas-fjirsm', '大尺寸非线性光学晶体生长技术', 'electronics', 'ICT.01.01', 5, '非线性光学晶体、激光、晶体生长', ('晶体口径', '65', 'mm', '同类晶体常规约 30 mm'), None, 'joint service', 'secret', '顶部籽晶熔盐法生长,配合温场精确控制,晶体光学均匀性好', '紫外激光器、激光加工设备'),
    ('cas-fjirsm', '稀土掺杂长余辉发光材料', 'materials', 'QDT.01.01', 8, '长余辉、稀土发光、安全标识', ('余辉时间', '>20', 'h', '传统硫化锌材料约 2 h'), 180, 'transfer licence', 'invention', '固相法合成铝酸盐基体并共掺稀土离子,耐水性经表面包覆改善', '消防安全标识、夜光涂料'),
    ('cas-fjirsm', '工业视觉用红外上转换探测材料', 'electronics', 'CNC.02.01', 4, '上转换、红外探测、机器视觉', ('近红外响应波段', '900-1600', 'nm', '硅基探测器截止约 1100 nm'), None, 'joint', 'invention', '纳米颗粒上转换层与硅基图像传感器集成,实现低成本短波红外成像', '锂电极片、光伏硅片缺陷检测'),
    ('cas-fjirsm', '光催化降解 VOCs 复合涂层材料', 'environment', 'ENV.01.02', 5, '光催化、VOCs、涂层', ('甲苯降解率(4 h)', '91', '%', '普通二氧化钛涂层约 55%'), 260, 'licence', 'invention', '氮掺杂二氧化钛与氧化石墨烯复合,可见光下即可响应', '化工车间、喷涂车间废气治理'),
    # 三明市石墨烯研究院
    ('graphene', '高导热石墨烯散热膜', 'materials', 'GRA.02.01', 7, '石墨烯、导热膜、散热', ('面内导热系数', '1500', 'W/(m·K)', '人工石墨膜约 1000,铜箔约 400'), 1200, 'transfer licence', 'invention', '氧化石墨烯浆料涂布后经高温石墨化与压延,膜厚 20–100 μm 可调', '手机、平板、5G 基站和动力电池散热'),
    ('graphene', '石墨烯改性重防腐涂料', 'materials', 'GRA.02.02', 8, '石墨烯、防腐涂料、环氧富锌', ('耐中性盐雾时间', '3000', 'h', '传统环氧富锌涂料约 1000 h'), 300, 'transfer licence', 'invention', '以少层石墨烯替代部分锌粉,形成致密片层屏蔽结构,锌粉用量减少 60%', '桥梁钢结构、海上风电、化工储罐防腐'),
    ('graphene', '锂电池用石墨烯导电浆料', 'energy', 'GRA.02.03', 8, '石墨烯、导电剂、锂电池', ('正极导电剂添加量', '0.8', 'wt%', '炭黑导电剂约 2 wt%'), 500, 'transfer licence equity', 'invention', '石墨烯与碳纳米管复配并高剪切分散,浆料固含量高、沉降稳定', '磷酸铁锂和三元正极导电剂'),
    ('graphene', 'CVD 石墨烯薄膜连续制备与转移技术', 'materials', 'GRA.01.01', 5, 'CVD、石墨烯薄膜、卷对卷转移', ('方块电阻', '≤250', 'Ω/□', '国内同类薄膜约 400 Ω/□'), None, 'joint', 'invention', '常压 CVD 卷对卷生长,热释放胶带连续转移,破损率低于 2%', '柔性透明电极、传感器'),
    ('graphene', '物理剥离法高品质石墨烯粉体量产技术', 'materials', 'GRA.01.02', 7, '石墨烯粉体、物理剥离、永安石墨', ('平均层数', '≤5', '层', '氧化还原法粉体常为 10 层以上'), 800, 'transfer licence', 'invention', '以本地天然鳞片石墨为原料,流体剪切剥离,不用强酸强氧化剂', '导热、导电、防腐复合材料的原料'),
    ('graphene', '石墨烯柔性压力传感器', 'electronics', 'GRA.02.04', 5, '石墨烯、压力传感器、可穿戴', ('灵敏度', '12.5', 'kPa⁻¹', '商用压阻薄膜约 2 kPa⁻¹'), 150, 'licence joint', 'invention', '石墨烯微褶皱结构与弹性体复合,检测下限 1 Pa', '智能穿戴、医疗监护、机器人触觉'),
    ('graphene', '石墨烯远红外电热膜', 'urban', 'GRA.02.03', 8, '石墨烯、电热膜、采暖', ('电热辐射转换效率', '99.2', '%', '碳晶电热膜约 96%'), 200, 'transfer licence', 'utility', '石墨烯导电油墨丝网印刷于 PET 基材,表面温度均匀', '家庭地暖、理疗用品、农业大棚加温'),
    ('graphene', '石墨烯增强尼龙复合材料', 'materials', 'GRA.02.03', 6, '石墨烯、尼龙、增强', ('拉伸强度提升', '35', '%', '纯尼龙 6'), 260, 'licence', 'invention', '石墨烯原位插层聚合,添加量仅 0.5%', '汽车轻量化零部件、电动工具外壳'),
    ('graphene', '石墨烯海水淡化膜', 'environment', 'GRA.02.04', 3, '石墨烯、氧化石墨烯膜、海水淡化', ('NaCl 截留率', '99.3', '%', '商用反渗透膜约 99.5%,但通量低 40%'), None, 'joint', 'invention', '层间距经阳离子调控的氧化石墨烯层状膜,水通量高', '海水淡化、工业废水回用'),
    # 三明氟化工产业技术研究院
    ('fluoro', '电子级氢氟酸深度纯化技术', 'materials', 'FLU.03.01', 6, '电子级氢氟酸、精馏、半导体', ('单项金属杂质', '≤10', 'ppt', '达到 SEMI G5 等级,G4 等级为 ≤100 ppt'), 1500, 'licence joint', 'invention', '亚沸精馏与多级膜过滤结合,全流程 PFA 材质防止二次污染', '集成电路晶圆清洗和蚀刻'),
    ('fluoro', '高性能氟橡胶耐低温改性技术', 'materials', 'FLU.02.03', 6, '氟橡胶、耐低温、密封件', ('玻璃化转变温度', '-40', '℃', '普通 26 型氟橡胶约 -18℃'), 400, 'transfer licence', 'invention', '引入全氟甲基乙烯基醚共聚单体并优化硫化体系', '汽车燃油系统、航空密封件'),
    ('fluoro', '含氟医药中间体 2,4-二氟苯胺绿色合成工艺', 'biomedicine', 'FFC.01.01', 7, '二氟苯胺、医药中间体、连续流', ('收率', '92', '%', '传统间歇工艺约 78%'), 350, 'transfer', 'invention', '微通道连续流氟化与催化加氢,避免使用高危重氮化步骤', '抗菌药、抗肿瘤药中间体'),
    ('fluoro', '含氟农药中间体三氟甲基吡啶合成技术', 'agriculture', 'FFC.01.02', 7, '三氟甲基吡啶、农药中间体、气相氟化', ('选择性', '95', '%', '液相法约 85%'), 600, 'transfer licence', 'invention', '固定床气相氯氟交换,催化剂寿命超过 2000 小时', '氟啶胺、氟啶虫酰胺等农药原药'),
    ('fluoro', '短链环保型含氟表面活性剂', 'environment', 'FFC.02.01', 6, '含氟表面活性剂、短链、PFOA 替代', ('最低表面张力', '16.5', 'mN/m', 'PFOA 类约 15 mN/m,但受《斯德哥尔摩公约》限制'), 500, 'licence', 'invention', '以六氟环氧丙烷齐聚物为疏水链段,不含 PFOA/PFOS', '消防泡沫、含氟聚合物乳液聚合助剂'),
    ('fluoro', '无水氟化氢反应尾气中四氟化硅回收技术', 'environment', 'FLU.01.01', 8, '四氟化硅、尾气回收、氟硅酸', ('氟回收率', '98', '%', '水吸收法约 85%'), 280, 'transfer service', 'utility', '多级吸收与氟硅酸转化联产白炭黑', '氢氟酸生产企业尾气治理'),
    ('fluoro', 'PVDF 中空纤维膜制备技术', 'environment', 'FLU.02.01', 7, 'PVDF 膜、超滤、水处理', ('纯水通量', '1200', 'L/(m²·h·bar)', '同类商用膜约 600'), 450, 'transfer licence', 'invention', '热致相分离法成膜,膜丝断裂强力高', '市政污水、工业废水处理'),
    ('fluoro', '含氟电子化学品包装容器洁净处理工艺', 'manufacturing', 'FLU.03.01', 8, 'PFA 容器、洁净处理、电子化学品', ('容器析出金属杂质', '≤50', 'ppt', '常规清洗约 500 ppt'), 80, 'service', 'secret', '分级酸洗、超纯水漂洗与洁净烘干联动,配套在线检测', '电子级氢氟酸、硝酸等包装与周转'),
    # 三明市新能源材料研究院
    ('newenergy', '硫化物固态电解质低成本制备技术', 'energy', 'NEM.02.01', 5, '固态电解质、硫化物、固态电池', ('室温离子电导率', '8.2', 'mS/cm', '氧化物电解质约 0.5 mS/cm'), 1800, 'licence equity', 'invention', '液相法合成硫银锗矿型电解质,不用高能球磨,原料成本降低约 40%', '全固态锂电池'),
    ('newenergy', '高压实磷酸铁锂正极材料', 'energy', 'NEM.01.01', 8, '磷酸铁锂、高压实、动力电池', ('压实密度', '2.65', 'g/cm³', '行业主流约 2.45 g/cm³'), 900, 'transfer licence', 'invention', '双粒径级配与碳包覆优化,兼顾能量密度与倍率性能', '动力电池和储能电池正极'),
    ('newenergy', '硅碳负极材料预锂化技术', 'energy', 'NEM.01.02', 5, '硅碳负极、预锂化、首次效率', ('首次库伦效率', '91', '%', '未预锂化硅碳约 80%'), None, 'joint licence', 'invention', '化学预锂化结合表面钝化,解决硅基负极首效低问题', '高能量密度动力电池负极'),
    ('newenergy', '退役动力电池梯次利用储能系统', 'energy', 'NEM.03.01', 7, '梯次利用、储能、电池管理', ('系统循环寿命', '3000', '次', '未分选电池组约 1500 次'), 500, 'transfer service', 'software', '基于内阻和容量衰减曲线的快速分选,配套主动均衡电池管理系统', '工商业储能、通信基站备电'),
    ('newenergy', '废旧磷酸铁锂电池正极材料直接再生技术', 'environment', 'ENV.02.01', 6, '电池回收、直接再生、磷酸铁锂', ('再生材料放电比容量', '158', 'mAh/g', '新料约 160 mAh/g'), 700, 'licence joint', 'invention', '补锂固相修复,不经湿法浸出,能耗与废水大幅减少', '电池回收企业、正极材料企业'),
    ('newenergy', '质子交换膜燃料电池金属双极板涂层', 'energy', 'NEM.03.02', 5, '燃料电池、双极板、涂层', ('接触电阻', '≤5', 'mΩ·cm²', '美国能源部 2025 目标 10 mΩ·cm²'), None, 'joint', 'invention', '多层碳基复合涂层,耐蚀性与导电性兼顾', '氢燃料电池汽车电堆'),
    ('newenergy', '宽温域锂离子电池电解液', 'energy', 'NEM.02.02', 7, '电解液、低温、添加剂', ('-30℃ 放电容量保持率', '85', '%', '常规电解液约 60%'), 400, 'transfer licence', 'invention', '低粘度羧酸酯溶剂与含氟成膜添加剂复配', '北方地区储能和电动汽车电池'),
    ('newenergy', '钠离子电池硬碳负极材料', 'energy', 'NEM.01.02', 6, '钠离子电池、硬碳、生物质', ('可逆比容量', '330', 'mAh/g', '商用硬碳约 300 mAh/g'), 600, 'licence equity', 'invention', '以毛竹为前驱体,预氧化与高温碳化调控孔结构', '钠离子电池负极,利用本地竹资源'),
    # 三明市农业科学研究院
    ('agri', '杂交水稻新组合“明两优 1号”', 'agriculture', 'SED.01.01', 9, '杂交水稻、新品种、制种', ('平均亩产', '698', 'kg', '对照品种丰两优四号约 650 kg'), 200, 'transfer licence', 'plant_variety', '抗稻瘟病两系杂交组合,米质达部标二级', '闽西北及长江中下游稻区种植'),
    ('agri', '杂交水稻机械化制种技术规程', 'agriculture', 'SED.01.01', 8, '杂交水稻制种、机械化、父母本', ('制种亩产', '260', 'kg', '人工制种约 200 kg'), 50, 'service', 'secret', '父母本机插同步、无人机辅助授粉与割除父本集成', '建宁、泰宁、宁化等制种基地'),
    ('agri', '水稻分子标记辅助育种技术平台', 'agriculture', 'SED.01.02', 6, '分子育种、分子标记、抗病基因', ('育种周期', '4', '年', '常规育种约 8 年'), None, 'service joint', 'secret', '稻瘟病、白叶枯病抗性基因的高通量分子标记筛选', '水稻育种企业新品种选育'),
    ('agri', '竹荪工厂化栽培技术', 'agriculture', 'VEG.02.01', 7, '竹荪、工厂化、食用菌', ('生物学效率', '68', '%', '林下栽培约 35%'), 120, 'transfer service', 'invention', '以竹屑为主料的配方与温湿度分段控制,一年可栽培三茬', '食用菌企业、林下经济合作社'),
    ('agri', '灰树花高产菌株“明灰 2号”', 'agriculture', 'VEG.02.02', 8, '灰树花、菌种、食用菌', ('单包产量', '0.42', 'kg', '主栽菌株约 0.33 kg'), 80, 'licence', 'plant_variety', '系统选育获得的灰树花新菌株,出菇整齐、朵形好', '灰树花工厂化和设施栽培'),
    ('agri', '高山反季节蔬菜品种及配套栽培技术', 'agriculture', 'VEG.01.01', 8, '高山蔬菜、反季节、番茄', ('亩均产值', '2.1', '万元', '常规种植约 1.2 万元'), 30, 'service', 'none', '筛选耐热番茄、甜椒品种,配套避雨栽培与水肥一体化', '海拔 600 米以上山区蔬菜基地'),
    ('agri', '稻田害虫天敌赤眼蜂规模化繁育技术', 'agriculture', 'BPC.01.02', 8, '赤眼蜂、天敌昆虫、生物防治', ('每亩减少化学农药用量', '45', '%', '常规化学防治'), 60, 'transfer service', 'invention', '以米蛾卵为中间寄主的自动化繁育,放蜂器缓释', '水稻二化螟、稻纵卷叶螟绿色防控'),
    ('agri', '食用菌菌渣基质化利用技术', 'environment', 'ENV.02.02', 7, '菌渣、育苗基质、资源化', ('菌渣利用率', '90', '%', '多数菌渣直接丢弃或焚烧'), 40, 'transfer', 'invention', '菌渣堆制发酵后与草炭复配,作为蔬菜育苗基质', '食用菌产区废弃物资源化'),
    # 三明学院
    ('smxy', '竹木材料视觉分选系统', 'manufacturing', 'CNC.02.01', 7, '机器视觉、竹木加工、缺陷检测', ('缺陷识别准确率', '97.5', '%', '人工分选约 85%'), 90, 'transfer licence', 'software', '深度学习识别节疤、裂纹和色差,分选速度 2 米/秒', '竹木地板、竹集成材企业'),
    ('smxy', '林产化工松香深加工新工艺', 'materials', 'FFC.02.01', 7, '松香、歧化、林产化工', ('产品软化点提高', '12', '℃', '普通歧化松香'), 150, 'transfer', 'invention', '负载型催化剂歧化,减少贵金属用量', '胶粘剂、油墨、合成橡胶乳化剂'),
    ('smxy', '数控机床热误差实时补偿系统', 'manufacturing', 'CNC.01.02', 6, '数控机床、热误差、补偿', ('热变形误差降低', '70', '%', '未补偿机床'), 120, 'licence joint', 'software', '多点温度传感与神经网络建模,嵌入数控系统实时补偿', '中小型数控机床制造商'),
    ('smxy', '中药材黄精炮制与功能成分提取技术', 'biomedicine', 'FOD.01.01', 6, '黄精、炮制、多糖', ('多糖得率', '14.2', '%', '传统水提约 9%'), 100, 'transfer licence', 'invention', '九蒸九晒工艺的参数化与低温超声提取结合', '黄精保健食品、饮片企业'),
    ('smxy', '工业固废钢渣制备透水砖技术', 'environment', 'ENV.02.02', 7, '钢渣、透水砖、固废利用', ('钢渣掺量', '60', '%', '普通透水砖用天然骨料'), 60, 'transfer', 'utility', '钢渣陈化与级配优化,抗压强度达 Cc40', '海绵城市建设、钢铁企业固废消纳'),
    ('smxy', '5G 智慧工厂边缘计算网关', 'electronics', 'ICT.01.02', 6, '5G、边缘计算、工业网关', ('端到端时延', '<15', 'ms', '4G 工业网关约 60 ms'), 80, 'licence', 'software', '支持 Modbus、OPC UA 等协议转换与本地数据预处理', '离散制造车间设备联网'),
    ('smxy', '茶叶加工过程智能控制系统', 'agriculture', 'ICT.02.02', 7, '茶叶加工、智能控制、物联网', ('优质茶比例提高', '15', '%', '人工经验控制'), 50, 'transfer service', 'software', '在线水分检测联动杀青、揉捻和烘干工序参数', '茶叶加工企业'),
    # 福州大学
    ('fzu', '重金属污染农田土壤钝化修复技术', 'environment', 'ENV.01.01', 8, '土壤修复、重金属、钝化剂', ('稻米镉含量下降', '65', '%', '未修复农田'), 300, 'transfer licence service', 'invention', '改性生物炭与矿物复合钝化剂,降低土壤有效态镉', '矿区周边和工业园区周边农田修复'),
    ('fzu', '化工园区高盐废水分盐结晶技术', 'environment', 'ENV.01.02', 7, '高盐废水、分盐、零排放', ('氯化钠产品纯度', '98.5', '%', '混盐只能按危废处置'), 800, 'licence service', 'invention', '纳滤分盐与多效蒸发耦合,副产工业盐', '氟化工、精细化工园区废水零排放'),
    ('fzu', '钨渣中有价金属回收技术', 'environment', 'TUN.01.01', 6, '钨渣、有价金属、回收', ('钨回收率', '88', '%', '现有工艺约 60%'), 500, 'licence joint', 'invention', '碱压煮与选择性萃取,同步回收钨、钽、铌', '钨冶炼企业固废处理'),
    ('fzu', '便携式 X 射线数字成像设备', 'biomedicine', 'MED.01.01', 7, 'X 射线、数字成像、便携', ('整机重量', '8.5', 'kg', '同类移动式设备约 60 kg'), 1000, 'licence equity', 'invention', '钙钛矿闪烁体柔性探测器,剂量降低一半', '基层医院、急救和野外医疗'),
    ('fzu', '基于光纤的电网设备温度在线监测系统', 'electronics', 'ICT.01.02', 8, '光纤测温、电网、在线监测', ('测温精度', '±0.5', '℃', '无线测温约 ±2℃'), 200, 'transfer licence', 'invention', '荧光光纤测温,抗电磁干扰', '变电站开关柜、电缆接头'),
    ('fzu', '光伏组件回收玻璃与银的分离技术', 'environment', 'ENV.02.02', 5, '光伏回收、银回收、热解', ('银回收率', '95', '%', '物理破碎法约 60%'), None, 'joint', 'invention', '低温热解去除 EVA,湿法选择性浸出银', '光伏组件回收企业'),
    ('fzu', '化学发光体外诊断试剂(心肌标志物)', 'biomedicine', 'MED.01.02', 7, '体外诊断、化学发光、心肌标志物', ('检测时间', '15', 'min', '酶联免疫法约 2 h'), 1500, 'transfer licence equity', 'invention', '磁微粒化学发光平台,肌钙蛋白 I 检测下限 5 ng/L', '医院检验科、胸痛中心'),
    ('fzu', '城镇污水厂智能加药控制系统', 'urban', 'ICT.02.02', 8, '污水处理、智能加药、除磷', ('除磷药剂节省', '25', '%', '固定比例投加'), 100, 'transfer service', 'software', '进水水质前馈与出水总磷反馈结合的模型预测控制', '城镇污水处理厂'),
    # 福建农林大学
    ('fafu', '微生物农药枯草芽孢杆菌可湿性粉剂', 'agriculture', 'BPC.01.01', 8, '枯草芽孢杆菌、生物农药、稻瘟病', ('田间防效', '78', '%', '化学农药三环唑约 80%'), 300, 'transfer licence', 'invention', '高密度发酵与喷雾干燥,活菌数 ≥1000 亿/克', '水稻稻瘟病、蔬菜灰霉病防治'),
    ('fafu', '木霉菌生物有机肥', 'agriculture', 'BPC.01.01', 8, '木霉菌、生物有机肥、土传病害', ('枯萎病发病率下降', '60', '%', '常规有机肥'), 150, 'transfer licence', 'invention', '以食用菌菌渣为载体固体发酵木霉菌', '设施蔬菜、香蕉、草莓土传病害防控'),
    ('fafu', '香菇新品种“闽农香 3号”', 'agriculture', 'VEG.02.02', 8, '香菇、新品种、菌种', ('单棒产量', '1.1', 'kg', '主栽品种约 0.9 kg'), 60, 'licence', 'plant_variety', '耐高温、出菇期集中的香菇杂交品种', '香菇主产区代料栽培'),
    ('fafu', '功能性红曲发酵及降脂成分提取', 'biomedicine', 'FOD.01.01', 6, '红曲、莫纳可林 K、功能食品', ('莫纳可林 K 含量', '1.2', '%', '普通红曲约 0.4%'), 250, 'transfer licence', 'invention', '高产菌株固态发酵,不产桔霉素', '降脂功能食品、保健品原料'),
    ('fafu', '茶园害虫性信息素诱捕技术', 'agriculture', 'BPC.01.02', 7, '性信息素、茶小绿叶蝉、绿色防控', ('化学农药减量', '50', '%', '常规防治'), 40, 'transfer service', 'invention', '缓释型性诱芯与色板组合,持效期 60 天', '茶园、果园绿色防控'),
    ('fafu', '特医食品用中链甘油三酯制备技术', 'biomedicine', 'FOD.01.02', 5, '特医食品、中链甘油三酯、酶法', ('中链脂肪酸含量', '95', '%', '化学法产品约 85%'), None, 'joint', 'invention', '固定化脂肪酶定向酯交换,反应条件温和', '特殊医学用途配方食品'),
    ('fafu', '蔬菜穴盘育苗智能温室控制系统', 'agriculture', 'VEG.01.01', 7, '穴盘育苗、智能温室、物联网', ('壮苗率', '95', '%', '传统育苗约 80%'), 60, 'transfer service', 'software', '光温水肥一体化控制与苗情图像识别', '蔬菜集约化育苗中心'),
    # 福建理工大学
    ('fjut', '五轴联动数控机床 RTCP 精度检测与补偿', 'manufacturing', 'CNC.01.01', 7, '五轴机床、RTCP、精度补偿', ('RTCP 误差', '≤8', 'μm', '补偿前约 30 μm'), 180, 'licence service', 'software', '球杆仪快速检测与几何误差辨识,生成补偿表写入数控系统', '五轴加工中心制造和用户企业'),
    ('fjut', '高强 7 系铝合金型材在线淬火技术', 'materials', 'ALY.01.01', 7, '7 系铝合金、在线淬火、挤压', ('抗拉强度', '580', 'MPa', '离线淬火产品约 540 MPa'), 400, 'transfer licence', 'invention', '挤压出口分区水雾冷却,变形小、强度高', '轨道交通、新能源汽车结构件'),
    ('fjut', '镁合金薄壁件高真空压铸技术', 'materials', 'ALY.02.01', 6, '镁合金、高真空压铸、轻量化', ('铸件气孔率', '<1', '%', '普通压铸约 5%'), 350, 'licence joint', 'invention', '型腔真空度 50 mbar 以下,配合局部挤压', '汽车方向盘骨架、笔记本外壳'),
    ('fjut', '高强耐磨钢板控轧控冷工艺', 'manufacturing', 'STL.01.01', 8, '耐磨钢、控轧控冷、NM450', ('布氏硬度', '450', 'HBW', 'Q345 约 170 HBW'), 600, 'licence service', 'secret', '低合金成分设计与在线淬火,省去离线热处理', '工程机械、矿山机械耐磨件'),
    ('fjut', '消失模铸造数字化工艺设计软件', 'manufacturing', 'STL.02.01', 7, '消失模铸造、工艺仿真、铸造软件', ('铸件废品率', '3', '%', '经验设计约 8%'), 60, 'transfer licence', 'software', '充型凝固仿真与浇注系统自动优化', '铸造企业工艺设计'),
    ('fjut', '超细晶硬质合金刀具涂层技术', 'manufacturing', 'TUN.02.01', 6, '硬质合金、刀具涂层、AlTiN', ('刀具寿命提高', '80', '%', '未涂层刀具'), 300, 'licence', 'invention', '高功率脉冲磁控溅射 AlTiN/TiSiN 纳米多层涂层', '难加工材料切削刀具'),
    ('fjut', '超细碳化钨粉低温还原碳化技术', 'materials', 'TUN.01.01', 6, '碳化钨、超细粉、硬质合金', ('平均粒径', '0.2', 'μm', '常规碳化钨粉约 0.8 μm'), 500, 'transfer licence', 'invention', '紫钨原位还原与低温碳化一步完成', '超细晶硬质合金、PCB 微钻'),
    ('fjut', '工业互联网设备健康管理平台', 'electronics', 'CNC.02.02', 7, '工业互联网、预测性维护、设备健康', ('非计划停机减少', '40', '%', '定期维护'), 120, 'licence service', 'software', '振动与电流信号特征提取,设备剩余寿命预测', '流程工业和装备制造企业'),
    ('fjut', '不锈钢精炼 AOD 炉智能控制模型', 'manufacturing', 'STL.01.02', 6, '不锈钢、AOD、冶炼控制', ('氩气消耗降低', '12', '%', '人工经验操作'), 150, 'licence', 'software', '基于冶炼机理和数据的脱碳终点预报', '不锈钢冶炼企业'),
    # second pass: the institutions' further listings
    ('cas-haixi', '氟化工装置泄漏智能监测预警系统', 'environment', 'ICT.02.01', 6, '泄漏监测、图像识别、安全生产', ('泄漏识别响应时间', '<10', 's', '人工巡检约 2 h 一次'), 200, 'licence service', 'software', '红外气体成像与图像识别结合,定位泄漏点', '氟化工、石化企业安全生产'),
    ('graphene', '石墨烯改性沥青路面材料', 'transport', 'GRA.02.03', 6, '石墨烯、改性沥青、道路', ('车辙动稳定度提高', '45', '%', 'SBS 改性沥青'), 180, 'licence joint', 'invention', '石墨烯与 SBS 复合改性,提高高温稳定性和抗老化性', '高速公路和城市道路路面'),
    ('newenergy', '储能电站热失控早期预警系统', 'energy', 'NEM.03.01', 6, '储能安全、热失控、预警', ('预警提前时间', '>10', 'min', '温度报警约 1 min'), 260, 'licence service', 'software', '特征气体与内阻在线监测融合判断', '电化学储能电站'),
    ('fzu', '电动汽车车载充电机 SiC 功率模块', 'transport', 'NEM.03.01', 5, '碳化硅、车载充电机、电力电子', ('充电效率', '96.5', '%', '硅基方案约 94%'), None, 'joint', 'invention', '双向 CLLC 拓扑与 SiC 器件,功率密度 4 kW/L', '新能源汽车车载充电机'),
    ('agri', '稻鸭共作生态种养技术', 'agriculture', 'SED.01.01', 9, '稻鸭共作、生态种养、绿色稻米', ('稻谷每亩增收', '800', '元', '常规种植'), 20, 'service', 'none', '控制放鸭密度与时间,减少除草剂和杀虫剂', '生态稻米基地'),
    ('fafu', '蜂毒肽抗菌制剂', 'biomedicine', 'MED.02.01', 4, '蜂毒肽、抗菌、兽药替抗', ('耐药菌最低抑菌浓度', '4', 'μg/mL', '传统抗生素耐药株 >64 μg/mL'), None, 'joint', 'invention', '重组表达蜂毒肽类似物,降低溶血性', '养殖业抗生素替代'),
    ('smxy', '中药材三叶青组培快繁技术', 'agriculture', 'MED.02.01', 7, '三叶青、组培、中药材', ('移栽成活率', '92', '%', '扦插繁殖约 60%'), 30, 'transfer service', 'invention', '茎段诱导与生根培养基优化,周期缩短一半', '林下中药材种植'),
    ('fjut', '建筑垃圾再生骨料混凝土', 'urban', 'ENV.02.02', 8, '建筑垃圾、再生骨料、混凝土', ('再生骨料替代率', '50', '%', '天然骨料'), 100, 'transfer licence', 'invention', '骨料强化处理与配合比设计,强度等级达 C40', '市政道路、非承重结构'),
]
# fmt: on

# fmt: off
ENTERPRISES = [
    # key, name, short name, region, description
    ('ent-yongan-graphite', '永安市华晟石墨科技有限公司', '华晟石墨', '350481', '天然鳞片石墨深加工企业,年产球形石墨 2 万吨。'),
    ('ent-qingliu-fluoro', '清流县福氟新材料有限公司', '福氟新材', '350423', '以萤石为原料生产无水氟化氢和含氟聚合物。'),
    ('ent-mingxi-chem', '明溪县海峡氟化工有限公司', '海峡氟化工', '350421', '氟精细化学品和含氟医药中间体生产企业。'),
    ('ent-sanming-steel', '三明闽光特钢有限公司', '闽光特钢', '350404', '特钢冶炼和轧制企业,主要产品为耐磨钢和不锈钢。'),
    ('ent-sanyuan-battery', '三明元能锂电科技有限公司', '元能锂电', '350404', '磷酸铁锂正极材料和储能电池生产企业。'),
    ('ent-shaxian-food', '沙县小吃食品工业有限公司', '沙县食品', '350405', '沙县小吃标准化食材和速冻食品生产企业。'),
    ('ent-jianning-seed', '建宁县闽禾种业有限公司', '闽禾种业', '350430', '杂交水稻制种企业,制种面积 3 万亩。'),
    ('ent-youxi-fungi', '尤溪县金菇农业发展有限公司', '金菇农业', '350426', '香菇、灰树花工厂化生产企业。'),
    ('ent-datian-casting', '大田县鑫达精密铸造有限公司', '鑫达铸造', '350425', '消失模铸造和熔模铸造企业,产品为工程机械铸件。'),
    ('ent-sanming-cnc', '三明金鹰数控机床有限公司', '金鹰数控', '350404', '中小型数控机床和加工中心制造企业。'),
    ('ent-ninghua-tungsten', '宁化县行洛坑钨业有限公司', '行洛坑钨业', '350424', '钨矿采选和仲钨酸铵冶炼企业。'),
    ('ent-taining-tea', '泰宁县丹霞茶业有限公司', '丹霞茶业', '350429', '绿茶、红茶种植加工企业,茶园 5000 亩。'),
    ('ent-sanming-water', '三明市城投水务有限公司', '城投水务', '350404', '城市供水和污水处理企业。'),
    ('ent-yongan-alloy', '永安市恒通铝业有限公司', '恒通铝业', '350481', '工业铝型材挤压企业。'),
    ('ent-jiangle-bamboo', '将乐县竹海木业有限公司', '竹海木业', '350428', '竹集成材、竹地板生产企业。'),
    ('ent-sanming-medical', '三明康瑞医疗器械有限公司', '康瑞医疗', '350404', '医用影像和检验设备代理与生产企业。'),
    ('ent-mingxi-qd', '明溪光谷显示科技有限公司', '光谷显示', '350421', '液晶显示模组和背光源生产企业。'),
    ('ent-sanming-env', '三明绿源环境科技有限公司', '绿源环境', '350404', '工业固废处置和土壤修复服务企业。'),
    ('ent-shaxian-5g', '三明智联通信技术有限公司', '智联通信', '350405', '5G 行业应用与工业互联网集成商。'),
    ('ent-qingliu-pharma', '清流县康宁药业有限公司', '康宁药业', '350423', '原料药和医药中间体生产企业。'),
    ('ent-sanming-storage', '三明储能科技发展有限公司', '三明储能', '350404', '工商业储能电站投资与运维企业。'),
]
# fmt: on

# enterprise, title, field, chain, problem, (indicator, target, unit), budget (万元), deadline, mode, min TRL, keywords
# fmt: off
NEEDS = [
    ('ent-yongan-graphite', '天然鳞片石墨制备高导热膜工艺', 'materials', 'GRA.02.01', '现有球形石墨尾料附加值低,希望利用鳞片石墨或其剥离产物制备导热膜,替代外购人工石墨膜。', ('面内导热系数', '≥1200', 'W/(m·K)'), 300, '2027-06-30', 'licence', 6, '导热膜、鳞片石墨'),
    ('ent-yongan-graphite', '石墨提纯含氟废酸替代工艺', 'environment', 'ENV.01.02', '石墨化学提纯使用氢氟酸,废酸处理成本高,需要低氟或无氟提纯工艺,或废酸中氟的回收方案。', ('石墨纯度', '≥99.95', '%'), 500, '2027-03-31', 'joint', 5, '石墨提纯、废酸、氟回收'),
    ('ent-qingliu-fluoro', '电池级 PVDF 树脂国产化', 'materials', 'FLU.02.01', '公司现有 PVDF 为涂料级,需开发锂电粘结剂级产品,金属离子和凝胶含量需达到下游电池企业要求。', ('金属离子总量', '≤10', 'ppm'), 800, '2027-12-31', 'licence', 6, 'PVDF、锂电粘结剂'),
    ('ent-qingliu-fluoro', '无水氟化氢装置副产氟硅酸高值化利用', 'environment', 'FLU.01.01', '每年副产氟硅酸约 2 万吨,目前低价外售,希望转化为氟化盐或白炭黑等高值产品。', ('氟回收率', '≥95', '%'), 400, '2027-06-30', 'transfer', 6, '氟硅酸、副产品、白炭黑'),
    ('ent-mingxi-chem', '含氟医药中间体连续流工艺改造', 'biomedicine', 'FFC.01.01', '现有重氮化-氟化间歇工艺存在安全风险,需改为连续流工艺,降低在线持液量。', ('收率', '≥88', '%'), 600, '2027-09-30', 'joint', 5, '连续流、重氮化、安全'),
    ('ent-mingxi-chem', 'PFOA 替代型含氟表面活性剂', 'environment', 'FFC.02.01', '出口客户要求不含 PFOA/PFOS,需要性能接近的短链或聚醚类含氟表面活性剂。', ('表面张力', '≤18', 'mN/m'), 300, '2027-03-31', 'licence', 6, '含氟表面活性剂、PFOA 替代'),
    ('ent-sanming-steel', '耐磨钢板在线淬火板形控制', 'manufacturing', 'STL.01.01', 'NM450 钢板在线淬火后板形不平度超标,需要冷却和矫直工艺优化方案。', ('不平度', '≤4', 'mm/m'), 500, '2027-06-30', 'service', 7, '耐磨钢、板形、在线淬火'),
    ('ent-sanming-steel', '钢渣高附加值利用', 'environment', 'ENV.02.02', '年产钢渣 30 万吨,堆存占地,需要规模化消纳且产品有市场的利用途径。', ('钢渣年消纳量', '≥10', '万吨'), 1000, '2027-12-31', 'joint', 6, '钢渣、固废利用、建材'),
    ('ent-sanyuan-battery', '磷酸铁锂压实密度提升', 'energy', 'NEM.01.01', '现有磷酸铁锂压实密度 2.45 g/cm³,客户要求提升到 2.6 以上且倍率性能不下降。', ('压实密度', '≥2.6', 'g/cm³'), 800, '2027-06-30', 'licence', 6, '磷酸铁锂、压实密度'),
    ('ent-sanyuan-battery', '退役电池正极材料回收再利用', 'environment', 'ENV.02.01', '公司回收的退役磷酸铁锂电池逐年增加,需要低能耗、少废水的正极材料再生工艺。', ('再生材料比容量', '≥155', 'mAh/g'), 600, '2027-12-31', 'joint', 5, '电池回收、正极再生'),
    ('ent-shaxian-food', '沙县小吃速冻扁肉口感保持技术', 'urban', 'FOD.01.01', '速冻扁肉复热后皮发硬、馅料出水,需要配方或工艺改进,货架期 12 个月。', ('复热后感官评分', '≥85', '分'), 150, '2027-03-31', 'service', 5, '速冻食品、品质保持'),
    ('ent-jianning-seed', '杂交水稻制种机械化授粉', 'agriculture', 'SED.01.01', '人工赶粉成本高、劳动力短缺,需要无人机或机械辅助授粉方案,提高制种产量。', ('制种亩产', '≥250', 'kg'), 200, '2027-05-31', 'service', 6, '制种、授粉、无人机'),
    ('ent-jianning-seed', '抗稻瘟病杂交水稻新组合', 'agriculture', 'SED.01.02', '现有主推组合稻瘟病抗性下降,需要抗性强、米质优的新组合或亲本。', ('稻瘟病抗性等级', '≤3', '级'), 300, '2028-06-30', 'transfer', 7, '稻瘟病、抗病育种'),
    ('ent-youxi-fungi', '灰树花工厂化高产菌株', 'agriculture', 'VEG.02.02', '现有菌株产量不稳定、畸形菇多,需要适合工厂化的高产稳产菌株。', ('单包产量', '≥0.4', 'kg'), 80, '2027-03-31', 'licence', 7, '灰树花、菌种'),
    ('ent-youxi-fungi', '食用菌菌渣资源化', 'environment', 'ENV.02.02', '年产菌渣 1.5 万吨,需要就地资源化利用途径,如有机肥、育苗基质或生物质燃料。', ('菌渣利用率', '≥85', '%'), 100, '2027-06-30', 'transfer', 6, '菌渣、资源化'),
    ('ent-datian-casting', '消失模铸件气孔缺陷控制', 'manufacturing', 'STL.02.01', '工程机械铸件气孔和夹渣废品率约 9%,需要工艺仿真与优化服务。', ('铸件废品率', '≤4', '%'), 120, '2027-03-31', 'service', 7, '消失模、气孔、铸造仿真'),
    ('ent-sanming-cnc', '数控机床热变形补偿', 'manufacturing', 'CNC.01.02', '立式加工中心连续加工 4 小时后 Z 向漂移约 25 μm,需要热误差补偿方案。', ('Z 向热漂移', '≤8', 'μm'), 150, '2027-06-30', 'licence', 6, '热误差、补偿、加工中心'),
    ('ent-sanming-cnc', '五轴机床精度快速检测', 'manufacturing', 'CNC.01.01', '新开发五轴机床出厂检测耗时长,需要快速检测和补偿工具。', ('单台检测时间', '≤2', 'h'), 100, '2027-09-30', 'service', 6, '五轴、精度检测'),
    ('ent-ninghua-tungsten', '钨冶炼渣有价金属回收', 'environment', 'TUN.01.01', '钨冶炼渣属于危险废物,处置费用高,需要回收钨及伴生金属并实现减量。', ('钨回收率', '≥80', '%'), 700, '2027-12-31', 'joint', 5, '钨渣、危废、回收'),
    ('ent-taining-tea', '茶叶加工数字化控制', 'agriculture', 'ICT.02.02', '茶叶品质依赖老师傅经验,需要关键工序参数在线监测和自动控制。', ('优质茶比例提高', '≥10', '%'), 60, '2027-04-30', 'transfer', 6, '茶叶加工、数字化'),
    ('ent-taining-tea', '茶园病虫害绿色防控', 'agriculture', 'BPC.01.02', '出口欧盟茶叶农残要求严格,需要减少化学农药的绿色防控技术。', ('化学农药减量', '≥40', '%'), 50, '2027-03-31', 'service', 7, '茶园、绿色防控、农残'),
    ('ent-sanming-water', '污水厂除磷药剂精准投加', 'urban', 'ICT.02.02', '除磷药剂按经验固定投加,成本高且出水总磷波动,需要智能加药系统。', ('药剂节省', '≥20', '%'), 120, '2027-06-30', 'transfer', 7, '污水处理、除磷、智能加药'),
    ('ent-yongan-alloy', '7 系铝合金型材强度提升', 'materials', 'ALY.01.01', '轨道交通客户要求型材抗拉强度 ≥560 MPa,现有工艺离线淬火变形大。', ('抗拉强度', '≥560', 'MPa'), 400, '2027-09-30', 'licence', 6, '7 系铝合金、在线淬火'),
    ('ent-jiangle-bamboo', '竹材表面缺陷自动分选', 'manufacturing', 'CNC.02.01', '竹片分选全靠人工,效率低且标准不一,需要机器视觉分选设备。', ('识别准确率', '≥95', '%'), 100, '2027-03-31', 'transfer', 6, '机器视觉、竹材分选'),
    ('ent-sanming-medical', '基层医院便携式影像设备', 'biomedicine', 'MED.01.01', '计划生产面向乡镇卫生院的便携式 X 射线设备,寻求核心探测器技术合作。', ('整机重量', '≤15', 'kg'), 1000, '2027-12-31', 'equity', 6, 'X 射线、便携、基层医疗'),
    ('ent-mingxi-qd', '量子点背光膜国产替代', 'electronics', 'QDT.02.01', '量子点膜依赖进口,需要国产量子点膜或无镉量子点材料,通过高温高湿可靠性测试。', ('色域(NTSC)', '≥110', '%'), 900, '2027-06-30', 'licence', 6, '量子点膜、背光、无镉'),
    ('ent-sanming-env', '矿区农田镉污染修复', 'environment', 'ENV.01.01', '承接的矿区周边农田修复项目需要低成本钝化修复技术,稻米镉达标。', ('稻米镉含量', '≤0.2', 'mg/kg'), 300, '2027-05-31', 'service', 7, '镉污染、土壤修复'),
    ('ent-shaxian-5g', '5G 工业网关国产化', 'electronics', 'ICT.01.02', '为本地制造企业提供设备联网服务,需要支持多协议、低时延的 5G 边缘网关。', ('端到端时延', '≤20', 'ms'), 150, '2027-03-31', 'licence', 6, '5G、边缘计算、网关'),
    ('ent-qingliu-pharma', '三氟甲基吡啶类中间体合成', 'biomedicine', 'FFC.01.02', '计划扩产含氟农药中间体,需要选择性高、三废少的气相氟化工艺。', ('选择性', '≥92', '%'), 600, '2027-09-30', 'transfer', 7, '三氟甲基吡啶、气相氟化'),
    ('ent-sanming-storage', '储能电站热失控预警', 'energy', 'NEM.03.01', '储能电站安全要求提高,需要比温度报警更早的热失控预警技术。', ('预警提前时间', '≥5', 'min'), 250, '2027-06-30', 'service', 6, '储能安全、热失控、预警'),
    ('ent-sanming-storage', '低温环境储能电池性能提升', 'energy', 'NEM.02.02', '北方项目冬季 -20℃ 以下可用容量不足 60%,需要电解液或热管理改进方案。', ('-20℃ 容量保持率', '≥80', '%'), 300, '2027-10-31', 'licence', 6, '低温电解液、储能'),
]
# fmt: on


def credit_code(serial: int) -> str:
    first17 = f"91350400MA{serial:07d}"
    return first17 + credit_code_check_character(first17)


def institution_records(rng: random.Random) -> list[dict]:
    records = []
    for key, name, short, kind, region, description, contact in INSTITUTIONS:
        records.append(
            {
                "kind": "institution",
                "external_id": f"inst-{key}",
                "name": name,
                "short_name": short,
                "type": kind,
                "region": region,
                "description": description,
                "contact_name": contact,
                "contact_phone": f"0598-{rng.randint(7000000, 8999999)}",
            }
        )
    return records


def enterprise_records(rng: random.Random) -> list[dict]:
    return [
        {
            "kind": "enterprise",
            "external_id": key,
            "name": name,
            "short_name": short,
            "type": "enterprise",
            "region": region,
            "credit_code": credit_code(1000 + position),
            "description": description,
            "contact_phone": f"0598-{rng.randint(5000000, 6999999)}",
        }
        for position, (key, name, short, region, description) in enumerate(ENTERPRISES)
    ]


MODE_NAMES = {"transfer": "转让", "licence": "许可", "equity": "作价入股", "joint": "合作开发", "service": "技术服务"}
IP_STATUS = {"invention": "granted", "utility": "granted", "software": "granted", "plant_variety": "granted"}


def achievement_records(rng: random.Random) -> list[dict]:
    names = {key: name for key, name, *_ in INSTITUTIONS}
    contacts = {key: contact for key, *_rest, contact in INSTITUTIONS}
    records = []
    for number, spec in enumerate(ACHIEVEMENTS, start=1):
        inst, title, field, chain, trl, keywords, indicator, price, modes, ip_type, how, use = spec
        name, value, unit, compared = indicator
        modes = modes.split()
        spaced_unit = unit if unit in ("%", "℃") else f" {unit}"
        summary = f"{how}。{name} {value}{spaced_unit}({compared})。可用于{use}。"
        description = "\n\n".join(
            [
                f"技术原理:{how}。",
                f"技术指标:{name}达到 {value}{spaced_unit},对比{compared}。",
                f"应用领域:{use}。目前技术就绪度为 TRL {trl}。",
                "合作方式:" + "、".join(MODE_NAMES[m] for m in modes) + ";可提供技术培训和工艺包。",
            ]
        )
        record = {
            "kind": "achievement",
            "external_id": f"demo-ach-{number:03d}",
            "title": title,
            "summary": summary,
            "description": description,
            "keywords": keywords.split("、"),
            "technical_field": field,
            "industry_chain": chain,
            "trl": trl,
            "ip_type": ip_type,
            "transfer_modes": modes,
            "price_cny": price * 10000 if price else None,
            "pricing": "asking" if price else "negotiable",
            "institution": names[inst],
            "indicators": [{"name": name, "value": value, "unit": unit, "compared_with": compared}],
            "contact_name": contacts[inst],
            "contact_phone": f"0598-{rng.randint(7000000, 8999999)}",
            "valid_until": f"{2027 + number % 3}-12-31",
        }
        if ip_type in IP_STATUS:
            year = rng.randint(2018, 2024)
            prefix = {"invention": "1", "utility": "2", "software": "", "plant_variety": ""}[ip_type]
            if ip_type == "software":
                ip_number = f"{year}SR{rng.randint(100000, 999999)}"
            elif ip_type == "plant_variety":
                ip_number = f"CNA{year}{rng.randint(1000, 9999)}.{rng.randint(1, 9)}"
            else:
                ip_number = f"ZL{year}{prefix}{rng.randint(1000000, 9999999)}.{rng.randint(0, 9)}"
            record["ip_records"] = [
                {
                    "type": ip_type,
                    "number": ip_number,
                    "status": "pending" if trl <= 4 else "granted",
                    "holder": names[inst],
                    "granted_on": f"{year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                }
            ]
        if inst.startswith("cas-") and price and number % 4 == 0:
            # State institutes price by negotiated agreement with a 15-day public notice.
            record["pricing"] = "negotiated_notice"
            record["public_notice_start"] = "2026-11-20"
        records.append(record)
    return records


def need_records() -> list[dict]:
    names = {key: name for key, name, *_ in ENTERPRISES}
    regions = {key: region for key, _n, _s, region, _d in ENTERPRISES}
    records = []
    for number, spec in enumerate(NEEDS, start=1):
        enterprise, title, field, chain, problem, indicator, budget, deadline, mode, min_trl, keywords = spec
        name, target, unit = indicator
        records.append(
            {
                "kind": "need",
                "external_id": f"demo-need-{number:03d}",
                "title": title,
                "description": f"{problem}目标:{name}{target}{unit}。",
                "technical_field": field,
                "industry_chain": chain,
                "budget_min_cny": budget * 10000 // 4,
                "budget_max_cny": budget * 10000,
                "enterprise": names[enterprise],
                "keywords": keywords.split("、"),
                "deadline": deadline,
                "region": regions[enterprise],
                "cooperation_mode": mode,
                "min_trl": min_trl,
                "visibility": "bureau_only" if number % 11 == 0 else "public",
                "indicators": [{"name": name, "target": target, "unit": unit}],
            }
        )
    return records


def main() -> None:
    rng = random.Random(20261129)  # noqa: S311 - fixed seed so the file is the same every time; not for secrets
    records = institution_records(rng) + enterprise_records(rng) + achievement_records(rng) + need_records()
    for record in records:
        sys.stdout.write(json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
