#!/usr/bin/env python3
"""Sixth template set: wrap short customer needs in customer-feedback furniture
from telecom, marketplace, travel, insurance, healthcare, gaming, education,
utilities, public-sector, logistics and smart-home feedback pipelines.

Usage: python3 scripts/sixth-ticket-templates.py IN.jsonl OUT.jsonl --seed S

Every input line is a JSON object with at least "text" (the need) and
"label".  The output line is the same object (all keys kept) whose "text" is
the need embedded VERBATIM, exactly once, in a randomly chosen artefact: help
desk notifications and exports (Freshdesk, Kustomer, Gorgias, Zendesk side
conversations, Salesforce case mail, Intercom JSON/YAML), team chat (Teams,
Google Chat, Discord), public reviews and posts (Reddit, Google, G2,
Capterra, BBB), survey tools (Typeform, SurveyMonkey, Qualtrics, Pendo,
Hotjar), call-recording snippets (Gong, Chorus), issue trackers (Linear,
GitHub, Azure DevOps), IVR / SMS / WhatsApp / Messenger logs, CSV / TSV / XML
exports, list digests, machine-translated notes, OCR'd letters, PDF form
extracts; and in Chinese 企业微信 / 钉钉 / 飞书, 小红书 / 微博 / 知乎 / 贴吧 /
B站 / 抖音 / TapTap, 12315 / 12345, 智齿 / 七鱼 / Udesk / 环信, 千牛 / 京东 /
拼多多 IM, 运营商 / 银行 records, 转办单, 会议纪要, 周报, 回访, forms, faxes.

Chinese templates are used when the text contains any CJK character, English
ones otherwise.  Deterministic for a given seed: a single random.Random(seed)
drawn in line order (re-draws, when a rendering would not contain the need
exactly once or would reach 3000 characters, come from the same generator).
About 10% of outputs use CRLF line endings or are flattened to one line.
Counts per template are printed to stderr.  Standard library only.
"""

import argparse
import json
import random
import re
import sys
from collections import Counter
from datetime import datetime, timedelta

MAX_CHARS = 3000

CJK_RE = re.compile(
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


def has_cjk(text):
    return CJK_RE.search(text) is not None


def count_occurrences(hay, needle):
    """Occurrences of needle in hay, overlapping ones included."""
    n, i = 0, hay.find(needle)
    while i != -1:
        n += 1
        i = hay.find(needle, i + 1)
    return n


# ===========================================================================
# English pools
# ===========================================================================

# Given / family names grouped by culture so most people get a plausible
# combination; a minority are mixed on purpose (married names, diaspora).
EN_CULTURES = {
    "anglo": (
        "Brooke Trevor Courtney Dustin Kayla Garrett Megan Colby Whitney Brent "
        "Shelby Travis Lindsey Wyatt Heather Clint",
        "Holloway Pritchard Whitaker Dawson Sutton Crawford Barlow Kendrick "
        "Lockhart Mercer Ashford Radcliffe Tillman Yardley Granger Pickering",
        "en"),
    "hispanic": (
        "Alejandro Ximena Joaquín Valentina Rodrigo Camila Esteban Paloma "
        "Fernando Guadalupe Ignacio Renata Emilio Marisol Santiago Inés",
        "Castañeda Villanueva Ochoa Quintero Salazar Zamora Barrientos "
        "Echeverría Montoya Ibarra Cervantes Fuentes Arellano Navarro Paredes Cordero",
        "es"),
    "southasian": (
        "Aditya Kavya Rohan Sneha Vikram Meera Siddharth Divya Karthik Lakshmi "
        "Nikhil Pooja Harpreet Sanjay Anjali Faisal",
        "Iyer Reddy Banerjee Chatterjee Deshpande Malhotra Nair Kulkarni Gill "
        "Srinivasan Bhattacharya Menon Joshi Kapoor Sandhu Choudhury",
        "en"),
    "eastasian": (
        "Haruto Sakura Minjun Seoyeon Jiho Takeshi Ayumi Hyunwoo Xiaoling Shota "
        "Ren Hana Daisuke Eunji Kaito Mingyu",
        "Nakamura Watanabe Yamamoto Choi Jung Kang Yoon Lim Tan Ong Huang "
        "Kobayashi Matsuda Cho Fujita Seo",
        "en"),
    "westafrican": (
        "Chinedu Adaeze Kofi Abena Oluwaseun Ngozi Emeka Yaa Tunde Funmilayo "
        "Kojo Efua Babajide Zainab Ifeoma Kwabena",
        "Adebayo Okonkwo Asante Boateng Nwosu Eze Owusu Adeleke Obi Danjuma "
        "Amoah Ogunleye Appiah Balogun Nnamdi Ofori",
        "en"),
    "arabic": (
        "Youssef Mariam Khalid Noor Hassan Rania Karim Salma Bilal Yara Tarek "
        "Huda Samir Dina Ziad Lina",
        "Al-Farsi Mansour Khoury Saleh Aziz Darwish Habib Suleiman Ghanem "
        "El-Amin Qureshi Barakat Hamdan Sabbagh Haddadin Nassar",
        "ar"),
    "slavic": (
        "Katarzyna Pavel Milena Bogdan Oksana Radek Zuzana Stanislav Irina "
        "Mirek Jelena Andrei Petra Dragan Wojciech Lenka",
        "Wiśniewski Dvořák Kovalenko Horváth Popović Nowicki Sokolov "
        "Marinescu Jovanović Zając Lewandowska Svoboda Petrenko Kozlov Baran Vesely",
        "pl"),
    "germanic": (
        "Sven Astrid Mikkel Sigrid Henrik Linnea Jens Greta Bastian Femke "
        "Matthias Annelies Joost Liesel Torben Maren",
        "Lindgren Berg Nyström Halvorsen Eriksen Vogel Hartmann Brandt van Dijk "
        "Bakker Visser Koch Sørensen Engström Kessler Wolff",
        "de"),
    "romance": (
        "Étienne Margaux Baptiste Élodie Lorenzo Chiara Matteo Francesca Théo "
        "Anaïs Alessandro Giorgia Rémi Ottavia Clémence Vittorio",
        "Lefèvre Moreau Girard Fontaine Rousseau Bertrand Ricci Esposito Romano "
        "Colombo Marchetti Ferraro Galli Mercier Lambert Conti",
        "fr"),
    "celtic": (
        "Aoife Ciarán Saoirse Declan Eilidh Fergus Mairead Cormac Rhiannon "
        "Gethin Orla Lachlan Catriona Padraig Niall Bronagh",
        "MacLeod Fitzgerald Gallacher Kearney Lynch McGrath Docherty Llewellyn "
        "Pryce Gwynn Sheridan Mulligan Kavanagh Buchanan Cassidy Duffy",
        "en"),
    "seasian": (
        "Lourdes Rommel Jasmin Arnel Minh Anh Siti Farid Putri Dewi Rizal "
        "Maricel Quang Thao Bayu Rosalind",
        "dela Cruz Santos Bautista Villareal Tran Pham Le Hoang Wijaya Santoso "
        "Halim Rahmat Pangilinan Mendoza Vu Aquino",
        "id"),
    "turkpersian": (
        "Emre Elif Murat Zeynep Cem Ayşe Darius Shirin Kaveh Parisa Serkan "
        "Deniz Reza Leyla Babak Nilufar",
        "Yılmaz Demir Kaya Şahin Öztürk Aydın Tehrani Karimi Hosseini Rostami "
        "Çelik Arslan Farahani Esfahani Doğan Moradi",
        "tr"),
    "levantgreek": (
        "Avi Tamar Eitan Noa Yael Dimitris Eleni Nikos Katerina Yannis Ariel "
        "Shira Ilan Chaya Stavros Despina",
        "Levi Cohen Friedman Rosenberg Katz Papadopoulos Georgiou Konstantinou "
        "Alexiou Mizrahi Ben-David Goldberg Adler Pappas Vlachos Stein",
        "en"),
}


def _split_names(s):
    # multi-word family names ("van Dijk", "dela Cruz") are kept together
    out, buf = [], []
    for tok in s.split():
        if tok in ("van", "dela", "de", "Ben") and not tok.endswith("-"):
            buf.append(tok)
            continue
        buf.append(tok)
        out.append(" ".join(buf))
        buf = []
    return out


EN_NAMES = {k: (_split_names(g), _split_names(f), lang)
            for k, (g, f, lang) in EN_CULTURES.items()}
EN_ALL_GIVEN = sorted({n for g, _, _ in EN_NAMES.values() for n in g})
EN_ALL_FAMILY = sorted({n for _, f, _ in EN_NAMES.values() for n in f})

EN_COS = {
    "telecom": ["Brightwave Mobile", "Tallgrass Telecom", "Corvid Broadband", "Halyard Wireless",
                "Signalpeak Communications", "Lanternfish Networks", "Ferrule Fibre", "Quayside Mobile"],
    "marketplace": ["Bazaarly", "Crateful", "Marketloom", "Stallwise", "Parcelport Market",
                    "Thimble & Crate", "Gleanery", "Oddments Market"],
    "travel": ["Cirrus Atlantic Airways", "Skylark Regional Air", "Voyagera Travel", "Saltwind Cruises",
               "Jetwise Holidays", "Northbound Rail", "Gullwing Air", "Solano Air"],
    "insurance": ["Hearthguard Insurance", "Clearpath Assurance", "Beaconfield Insurance Group",
                  "Sable & Pike Underwriters", "Bulwark Mutual", "Lodestar Life & Casualty"],
    "health": ["Sunmesa Medical Group", "Cottonwood Health Partners", "Larchmont Family Clinics",
               "MediNorth Patient Services", "Pinegrove Hospital", "Verity Dental Network"],
    "gaming": ["Pixelforge Studios", "Nightjar Interactive", "Emberfall Online", "Tiltshift Games",
               "Moonmoth Games", "Wyrmcraft Entertainment"],
    "education": ["Learnwell Academy", "Quillfield University", "Coursely", "Chalkline Tutors",
                  "Abacus Online School", "Lyceum Online"],
    "utilities": ["Fernvale Power & Light", "Blue Basin Water", "Prairie Gas Co.", "Sunspoke Energy",
                  "Marlow Valley Water"],
    "government": ["City of Ashbury", "Kenmore County", "Harlow Borough Council",
                   "State Office of Motor Services", "Westmere Township"],
    "logistics": ["Quickstride Couriers", "Longhaul Freightways", "Parcelwise", "Cargoloop",
                  "Ravenport Shipping", "Drover Express"],
    "smarthome": ["Hearthvoice", "Nestling Home", "Chimehaus", "Lumo Living"],
}
EN_GAMES = ["Skyreach Tactics", "Harbor of Stars", "Ironveil Legends", "Puddle Jumpers",
            "Crown & Cinder", "Dustline Racing", "Mossbound"]
EN_CLIENTS = [
    "Marrowfield Dental", "Pemberton Joinery", "Otterburn Hotels", "Kilnworth Ceramics",
    "Brackenridge Legal", "Saffronhill Catering", "Tessellate Architects", "Wrenfield Schools Trust",
    "Hawksmoor Bikes", "Glasshouse Florists", "Ostrander Freight Brokers", "Quarrytown Veterinary",
    "Bluebell Nurseries", "Norcastle Plumbing", "Tamarind Restaurants", "Haverly Property Group",
    "Ridgeway Auto Parts", "Cindervale Brewing", "Starboard Marine Supply", "Umber & Ash Interiors",
    "Palisade Security", "Wildmoor Outdoor", "Kingsbridge Pharmacy", "Moraine Analytics",
    "Pennyroyal Bakery", "Slate & Sparrow Studio", "Driftline Surf Co.", "Lakemont Orthodontics",
    "Coppergate Accountants", "Fairhaven Care Homes", "Blackwater Rowing Club", "Tidemark Property",
]
EN_PLACES = [  # city, region, postcode, country, phone-country
    ("Tulsa", "OK", "74103", "USA", "us"), ("Spokane", "WA", "99201", "USA", "us"),
    ("Dayton", "OH", "45402", "USA", "us"), ("Savannah", "GA", "31401", "USA", "us"),
    ("Albuquerque", "NM", "87102", "USA", "us"), ("Madison", "WI", "53703", "USA", "us"),
    ("Boise", "ID", "83702", "USA", "us"), ("Richmond", "VA", "23219", "USA", "us"),
    ("Halifax", "NS", "B3J 1S9", "Canada", "ca"), ("Winnipeg", "MB", "R3C 0V8", "Canada", "ca"),
    ("Wolverhampton", "", "WV1 3DA", "UK", "uk"), ("Stockport", "", "SK1 1EB", "UK", "uk"),
    ("Truro", "", "TR1 2HH", "UK", "uk"), ("Galway", "", "H91 E2K8", "Ireland", "ie"),
    ("Geelong", "VIC", "3220", "Australia", "au"), ("Townsville", "QLD", "4810", "Australia", "au"),
    ("Hamilton", "", "3204", "New Zealand", "nz"), ("Pune", "MH", "411001", "India", "in"),
    ("Durban", "KZN", "4001", "South Africa", "za"), ("Singapore", "", "238877", "Singapore", "sg"),
]
EN_STREETS = ["Larkin Street", "Old Mill Road", "Juniper Way", "Carver Avenue", "Foundry Lane",
              "Holbrook Drive", "Quarry Road", "Ashgrove Terrace", "Linden Boulevard",
              "Tannery Row", "Victoria Parade", "Orchard Close", "Hatherley Road", "Wharf Street",
              "Sandpiper Court", "Beacon Hill Road", "Cromwell Crescent", "Pelham Street"]
EN_CUST_TITLES = ["Accounts Payable Clerk", "Practice Administrator", "Fleet Coordinator",
                  "Head of Guest Experience", "Operations Lead", "Bursar", "Clinic Manager",
                  "Store Operations Manager", "Logistics Planner", "Procurement Officer",
                  "IT Support Technician", "Finance Business Partner", "Facilities Lead",
                  "Travel Coordinator", "General Manager", "Owner / Operator", "Registrar",
                  "Safety & Compliance Manager", "Office Administrator", "Director, Shared Services",
                  "Payroll Administrator", "Head Chef & Co-owner"]
EN_AGENT_ROLES = ["Customer Care Specialist", "Member Services Representative", "Guest Relations Agent",
                  "Claims Adjuster", "Player Support Specialist", "Patient Account Representative",
                  "Escalations Coordinator", "Customer Relations Officer", "Tier 2 Support Engineer",
                  "Community Manager", "Resident Services Clerk", "Learner Success Advisor",
                  "CX Operations Analyst", "Trust & Safety Agent", "Senior Care Associate",
                  "Customer Success Manager", "Partner Manager", "Support Team Lead"]
EN_INDUSTRIES = ["Hospitality", "Construction", "Veterinary", "Higher Education", "Retail",
                 "Legal Services", "Logistics and Supply Chain", "Health, Wellness and Fitness",
                 "Food & Beverages", "Non-Profit Organization Management", "Architecture & Planning",
                 "Real Estate", "Automotive", "Marketing and Advertising"]
EN_MAILHOSTS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "aol.com",
                "proton.me", "fastmail.com", "comcast.net", "btinternet.com", "bigpond.com",
                "rediffmail.com", "mail.com", "gmx.net", "hey.com"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_TZ = ["+0000", "-0500", "-0400", "-0700", "-0800", "+0100", "+0530", "+1000", "+0200", "-0600"]
EN_TZ_ABBR = ["EST", "EDT", "CST", "PST", "PDT", "MST", "GMT", "BST", "AEST", "IST", "UTC"]

# Non-need context a customer sometimes adds (about 15% of items).
EN_CONTEXT = [
    "We've been customers for {n} years.", "Long-time customer here.",
    "I'm typing this on my phone, sorry for any typos.", "This is my second time writing in.",
    "I'm on the family plan.", "My partner usually deals with this stuff.",
    "I work nights so email is easiest.", "Not sure this is the right inbox.",
    "I'm travelling at the moment.", "I mostly use the app.", "I'm writing on behalf of my dad.",
    "We're a small team of {n}.", "First time contacting you.", "I'm based in {city}.",
    "Hope you're all well.", "I did look through the FAQ first.",
    "Our office manager is off this week so I'm covering.", "Been with you since {year}.",
]
EN_REPLY_OPENERS = ["Thanks for reaching out, {first}.", "Hi {first}, thanks for your patience.",
                    "Sorry for the hassle, {first}.", "Thanks {first}!", "Hi {first}! Appreciate you letting us know.",
                    "Thank you for contacting us.", "Hey {first}, got it.", "Thanks for flagging, {first}.",
                    "Understood.", "Hi {first}, I'm sorry about this.", "Hello {first},"]
EN_REPLY_BODIES = [
    "I've passed this to the right team and someone will follow up within 2 business days.",
    "Could you confirm the email address on your account so I can take a look?",
    "I'm looking into this now and will update you shortly.",
    "I've added a note to your account and escalated to our specialist team.",
    "I'll check with the team and get back to you today.",
    "We've logged this under your reference and will be in touch.",
    "Give me a few minutes to pull up your details.",
    "Can you send a screenshot if you have one? It helps us a lot.",
    "I've opened a case for this and you'll receive an email confirmation shortly.",
    "I've forwarded your message to a supervisor.",
    "Could you DM us the email address linked to your account?",
    "Let me find out and come back to you.",
]


# ===========================================================================
# Chinese pools
# ===========================================================================

ZH_SURNAMES_RAW = (
    "王wang 李li 张zhang 刘liu 陈chen 杨yang 赵zhao 黄huang 周zhou 吴wu 徐xu 孙sun "
    "胡hu 朱zhu 高gao 林lin 何he 郭guo 马ma 罗luo 梁liang 宋song 郑zheng 谢xie "
    "韩han 唐tang 冯feng 于yu 董dong 萧xiao 程cheng 曹cao 袁yuan 邓deng 许xu 傅fu "
    "沈shen 曾zeng 彭peng 吕lv 苏su 卢lu 蒋jiang 蔡cai 贾jia 丁ding 魏wei 薛xue "
    "叶ye 阎yan 余yu 潘pan 杜du 戴dai 夏xia 钟zhong 汪wang 田tian 任ren 姜jiang "
    "范fan 方fang 石shi 姚yao 谭tan 廖liao 邹zou 熊xiong 金jin 陆lu 郝hao 孔kong "
    "白bai 崔cui 康kang 毛mao 邱qiu 秦qin 江jiang 史shi 顾gu 侯hou 邵shao 孟meng "
    "龙long 万wan 段duan 雷lei 钱qian 汤tang 尹yin 黎li 易yi 常chang 武wu 乔qiao "
    "贺he 赖lai 龚gong 柏bai 祁qi 上官shangguan 司徒situ 诸葛zhuge")
ZH_GIVEN_RAW = (
    "晓峰xf 雅琴yq 文涛wt 佩玲pl 振邦zb 丽萍lp 海波hb 秋菊qj 志明zm 玉梅ym 建军jj 淑芬sf "
    "永刚yg 桂芳gf 宏伟hw 美玲ml 国强gq 素珍sz 德华dh 凤英fy 昕怡xy 梓睿zr 奕辰yc 语桐yt "
    "皓轩hx 若汐rx 铭泽mz 芷若zr 瑾瑜jy 锦程jc 清扬qy 安琪aq 逸飞yf 思彤st 承志cz 欣然xr "
    "弘毅hy 卓然zr 沛然pr 雨泽yz 晴川qc 子衿zj 嘉禾jh 颂恩se 知远zy 向阳xy 紫涵zh 云舒ys "
    "景行jx 乐瑶ly 梓航zh 翊辰yc 宁远ny 宸熙cx 思齐sq 文静wj 海鹰hy 亚楠yn 晓丽xl 晓光xg "
    "红霞hx 秀芝xz 金凤jf 建平jp 志勇zy 卫东wd 爱华ah 跃进yj 学军xj 小兵xb 小燕xy 晓雯xw "
    "晓婷xt 丹丹dd 莉莉ll 佳佳jj 楠楠nn 欢h 蓓b 岚l 璐l 珊s 瑶y 婧j 茵y 萌m 彤t 茜q "
    "琦q 鑫x 昊宇hy 浩宇hy 明杰mj 俊豪jh 文轩wx 晨阳cy 睿r 哲z 淼m 森s 航h 旭x 帆f "
    "峰f 毅y 骏j 晗h 柯k 臻z 冉r 朗l 之恒zh 念慈nc 慕白mb 予安ya 书亦sy 星辰xc 北辰bc "
    "南乔nq 牧之mz 锦书js 望舒ws 长安ca 清欢qh 以沫ym 初夏cx 听雨ty 承泽cz 景澄jc 梓萌zm "
    "钰涵yh 思源sy 天翔tx 振东zd 国梁gl 永健yj 光明gm 春燕cy 秋云qy 冬梅dm 夏青xq 雪莲xl "
    "丽君lj 婉婷wt 晓慧xh 美琪mq 家乐jl 子明zm 伟杰wj 浩文hw 嘉俊jj 俊熙jx 梓晴zq 诗琪sq "
    "雅雯yw 少华sh 德胜ds 桂香gx 凤霞fx 建新jx 汉文hw 泽楷zk 宇彤yt 安然ar 沐辰mc 一凡yf")


def _zh_pairs(raw):
    out = []
    for tok in raw.split():
        m = re.match(r"^([^a-z]+)([a-z]+)$", tok)
        out.append((m.group(1), m.group(2)))
    return out


ZH_SURNAMES = _zh_pairs(ZH_SURNAMES_RAW)
ZH_GIVEN = _zh_pairs(ZH_GIVEN_RAW)

ZH_COS = {  # sector -> [(name, short name, domain)]
    "telecom": [("云岭通信", "云岭通信", "yunlingtel.cn"), ("天启宽带", "天启宽带", "tianqibb.com"),
                ("蓝海移动", "蓝海移动", "lanhaimobile.cn"), ("星网融合通信有限公司", "星网通信", "xingwang-tel.com")],
    "shop": [("栖木家居旗舰店", "栖木家居", "qimu-home.com"), ("橙光数码官方旗舰店", "橙光数码", "chengguang3c.com"),
             ("北岸户外专营店", "北岸户外", "beian-outdoor.cn"), ("青柚智能家居店", "青柚智能", "qingyou-smart.com"),
             ("拾贝母婴旗舰店", "拾贝母婴", "shibei-baby.cn")],
    "smart": [("听澜智能科技有限公司", "听澜智能", "tinglan-ai.com"), ("悦声科技", "悦声科技", "yuesheng-tech.com"),
              ("小栗助手", "小栗助手", "xiaoli-ai.cn"), ("声谷智家", "声谷智家", "shenggu-home.com")],
    "travel": [("云途旅行", "云途旅行", "yuntu-trip.com"), ("翔鹭航空", "翔鹭航空", "xianglu-air.com"),
               ("青鸾航空", "青鸾航空", "qingluan-air.cn"), ("途驿网", "途驿网", "tuyi.com.cn")],
    "insurance": [("安衡财产保险股份有限公司", "安衡财险", "anheng-ins.com"), ("康宁人寿保险有限公司", "康宁人寿", "kangning-life.cn"),
                  ("鼎信保险经纪有限公司", "鼎信保险", "dingxin-ib.com")],
    "health": [("和康互联网医院", "和康医院", "hekang-hos.cn"), ("博济健康", "博济健康", "boji-health.com"),
               ("致远口腔连锁", "致远口腔", "zhiyuan-dental.cn")],
    "gaming": [("逐光游戏", "逐光游戏", "zhuguang-game.com"), ("墨羽网络", "墨羽网络", "moyu-net.cn"),
               ("青鸟互娱", "青鸟互娱", "qingniao-ent.com")],
    "education": [("启航学堂", "启航学堂", "qihang-edu.cn"), ("知行课堂", "知行课堂", "zhixingketang.com"),
                  ("青苗网校", "青苗网校", "qingmiao-school.cn"), ("慧学云课堂", "慧学云课堂", "huixue-cloud.com")],
    "utilities": [("清源水务集团", "清源水务", "qingyuan-water.cn"), ("华燃燃气", "华燃燃气", "huaran-gas.com"),
                  ("锦江供电服务中心", "锦江供电", "jinjiang-power.cn")],
    "logistics": [("迅驰快运", "迅驰快运", "xunchi-express.com"), ("邦达物流", "邦达物流", "bangda-log.cn"),
                  ("鸿雁速递", "鸿雁速递", "hongyan-exp.com"), ("顺途快递", "顺途快递", "shuntu-kd.cn")],
}
ZH_GAMES = ["山河旧梦", "星港纪元", "萌宠小镇", "剑起云深", "幻域迷城", "极速飞轮"]
ZH_CLIENTS = [
    "杭州栖霞餐饮管理有限公司", "苏州禾木设计工作室", "成都蓉锦物业服务有限公司", "武汉江城连锁药房",
    "厦门海沧国际货代有限公司", "青岛鲁信汽配有限公司", "南昌赣江文化传媒有限公司", "长沙麓山教育科技有限公司",
    "合肥庐州酒店管理有限公司", "昆明滇池旅行社", "佛山顺意陶瓷有限公司", "济南泉城律师事务所",
    "宁波镇海化工贸易有限公司", "贵阳黔南大数据服务有限公司", "石家庄燕赵医疗器械有限公司",
    "温州瓯江鞋业有限公司", "兰州金城牛肉面连锁", "大连星海口腔诊所",
]
ZH_PLACES = [  # province, city, districts
    ("浙江省", "杭州市", ["西湖区", "拱墅区", "滨江区", "余杭区"]), ("四川省", "成都市", ["锦江区", "武侯区", "高新区", "双流区"]),
    ("湖北省", "武汉市", ["江汉区", "洪山区", "武昌区"]), ("江苏省", "苏州市", ["姑苏区", "工业园区", "吴中区"]),
    ("广东省", "佛山市", ["禅城区", "南海区", "顺德区"]), ("广东省", "东莞市", ["南城街道", "松山湖", "长安镇"]),
    ("山东省", "济南市", ["历下区", "市中区", "槐荫区"]), ("河南省", "洛阳市", ["涧西区", "老城区", "洛龙区"]),
    ("福建省", "泉州市", ["丰泽区", "鲤城区", "晋江市"]), ("湖南省", "长沙市", ["岳麓区", "天心区", "开福区"]),
    ("陕西省", "西安市", ["雁塔区", "碑林区", "未央区"]), ("江西省", "南昌市", ["东湖区", "红谷滩区", "青山湖区"]),
    ("安徽省", "合肥市", ["蜀山区", "包河区", "庐阳区"]), ("云南省", "昆明市", ["五华区", "盘龙区", "官渡区"]),
    ("辽宁省", "沈阳市", ["和平区", "沈河区", "浑南区"]), ("黑龙江省", "哈尔滨市", ["南岗区", "道里区", "香坊区"]),
    ("北京市", "北京市", ["朝阳区", "海淀区", "丰台区"]), ("上海市", "上海市", ["浦东新区", "徐汇区", "闵行区"]),
    ("重庆市", "重庆市", ["渝中区", "江北区", "沙坪坝区"]), ("广西壮族自治区", "南宁市", ["青秀区", "西乡塘区"]),
    ("贵州省", "贵阳市", ["观山湖区", "南明区"]), ("甘肃省", "兰州市", ["城关区", "七里河区"]),
]
ZH_ROADS = ["学院路", "青年大街", "解放西路", "金融街", "长江路", "文化东路", "建设北路", "滨河大道",
            "望江路", "光华大道", "人民南路", "新华街", "工业大道", "春风路", "科技二路", "幸福里"]
ZH_ROLES = ["客服专员", "售后主管", "二线支持工程师", "质检专员", "客户成功经理", "区域经理", "班主任",
            "理赔专员", "查勘员", "护士", "运营专员", "社区运营", "产品经理", "热线坐席", "值班长", "网格员",
            "大客户经理", "服务督导"]
ZH_DEPTS = ["客户服务中心", "售后服务部", "客户体验部", "产品部", "技术支持部", "运营中心", "质量管理部",
            "市场部", "财务部", "用户运营组", "渠道管理部", "综合办公室", "数字化部", "品牌公关部"]
ZH_MAILHOSTS = ["qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "aliyun.com", "139.com", "yeah.net"]
ZH_NICK_A = ["半夏", "一只", "南风", "柠檬", "晚睡", "热爱生活的", "路过的", "不吃香菜的", "今天也要", "温柔",
             "小镇", "奔跑的", "想去海边的", "认真"]
ZH_NICK_B = ["小蜗牛", "不知火", "喵喵酱", "快乐水", "云朵", "打工仔", "大橘", "鱼丸", "阿珍", "小番茄",
             "老父亲", "宝妈", "学生党", "夜猫子"]
ZH_WEEK = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
ZH_NUMS = ["一", "两", "三", "四", "五", "六", "七", "八"]

ZH_CONTEXT = [
    "我们用了{cn}年了。", "我是老用户了。", "手机打字，见谅。", "之前也反馈过一次。", "我一般晚上才有空。",
    "我是帮我妈问的。", "我现在在外地出差。", "我是你们的会员。", "不知道在这里问对不对。",
    "家里人都在用你们的产品。", "第一次联系你们。", "我在{city}。", "麻烦了。", "辛苦了。",
    "我们公司有{n}个人在用。", "朋友推荐我来问的。",
]
ZH_REPLIES = [
    "您好，已收到您的反馈，我们会尽快核实处理。", "亲，这边已经帮您登记了，请耐心等待哦～",
    "感谢您的反馈，麻烦提供一下注册手机号，方便我们查询。", "您好，非常抱歉给您带来不便，已为您升级处理。",
    "收到，这边帮您转给专员跟进，24小时内会有人联系您。", "您好，请问您方便留一下订单号吗？",
    "好的{name}，我这边先记录下来，稍后给您回电。", "亲亲，已经反馈给相关同事了，有结果第一时间通知您～",
    "您好，您的问题我们已经记录，工单号已短信发送至您的手机。", "感谢支持！您反馈的情况我们已同步给技术同事。",
]


# ===========================================================================
# Random helpers bound to one Random
# ===========================================================================

class EnPerson:
    def __init__(self, first, last, lang):
        self.first, self.last, self.lang = first, last, lang
        self.full = f"{first} {last}"
        self.initial = f"{first} {last[0]}."

    def local(self, style):
        a = _ascii(self.first).lower()
        b = _ascii(self.last).lower().replace(" ", "").replace("-", "")
        return [f"{a}.{b}", f"{a[0]}{b}", f"{a}{b[0]}", f"{a}_{b}", f"{b}.{a[0]}", a][style]


class ZhPerson:
    def __init__(self, sur, given):
        self.sur, self.sur_py = sur
        self.given, self.given_py = given
        self.full = self.sur + self.given
        self.masked = self.sur + "*" * len(self.given) if len(self.given) < 2 else self.sur + "*" + self.given[-1]


_ASCII_MAP = str.maketrans("áàâäãåçéèêëíìîïñóòôöõøúùûüýÿčďěňřšťžłśźżćńăşşğıİŞÇÖÜÉÈÁ",
                           "aaaaaaceeeeiiiinoooooouuuuyycdenrstzlszzcnassgiiSCOUEEA")


def _ascii(s):
    return s.translate(_ASCII_MAP).replace("ø", "o").replace("ß", "ss").replace("'", "")


def _slug(s):
    return re.sub(r"[^a-z0-9]", "", _ascii(s).lower().replace("&", "and"))


class G:
    """All randomness goes through self.r (one random.Random)."""

    def __init__(self, r):
        self.r = r

    # basic -----------------------------------------------------------------
    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p):
        return self.r.random() < p

    def opt(self, p, s):
        return s if self.r.random() < p else None

    def ri(self, a, b):
        return self.r.randint(a, b)

    def digits(self, n):
        return str(self.r.randint(1, 9)) + "".join(str(self.r.randint(0, 9)) for _ in range(n - 1))

    def alnum(self, n, alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789"):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def hexs(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def uuid(self):
        return f"{self.hexs(8)}-{self.hexs(4)}-4{self.hexs(3)}-{self.pick('89ab')}{self.hexs(3)}-{self.hexs(12)}"

    def sample(self, seq, k):
        return self.r.sample(list(seq), k)

    def money(self, lo=5, hi=900):
        return f"{self.r.uniform(lo, hi):,.2f}"

    # time ------------------------------------------------------------------
    def t(self):
        base = datetime(2021, 1, 1)
        return base + timedelta(seconds=self.r.randint(0, 4 * 365 * 86400 + 180 * 86400))

    def after(self, t, lo_min=1, hi_min=30):
        return t + timedelta(seconds=self.r.randint(lo_min * 60, hi_min * 60))

    def ts(self, t=None, style=None):
        t = t or self.t()
        if style is None:
            style = self.ri(0, 13)
        h12 = t.hour % 12 or 12
        ap = "AM" if t.hour < 12 else "PM"
        mon, day = EN_MONTHS[t.month - 1], EN_DAYS[t.weekday()]
        if style == 0:
            return t.strftime("%Y-%m-%d %H:%M:%S")
        if style == 1:
            return f"{day[:3]}, {t.day} {mon[:3]} {t.year} {t:%H:%M:%S} {self.pick(EN_TZ)}"
        if style == 2:
            return f"{t.month:02d}/{t.day:02d}/{t.year} {h12}:{t.minute:02d} {ap}"
        if style == 3:
            return f"{t.day:02d}/{t.month:02d}/{t.year} {t:%H:%M}"
        if style == 4:
            return f"{mon} {t.day}, {t.year} at {h12}:{t.minute:02d} {ap}"
        if style == 5:
            return t.strftime("%Y-%m-%dT%H:%M:%SZ")
        if style == 6:
            return f"{t.day} {mon[:3]} {t.year}, {t:%H:%M}"
        if style == 7:
            return f"{day}, {mon} {t.day}, {t.year} {h12}:{t.minute:02d}:{t.second:02d} {ap} {self.pick(EN_TZ_ABBR)}"
        if style == 8:
            return f"{t.day:02d}.{t.month:02d}.{t.year} {t:%H:%M}"
        if style == 9:
            return f"{mon[:3]} {t.day} {h12}:{t.minute:02d}{ap.lower()}"
        if style == 10:
            return f"{t:%Y-%m-%dT%H:%M:%S}.{self.ri(0, 999):03d}{self.pick(['+05:30', '-04:00', '+01:00', '+10:00', 'Z'])}"
        if style == 11:
            return f"{day[:3]} {mon[:3]} {t.day:2d} {t:%H:%M:%S} {t.year}"
        if style == 12:
            return f"{t.day} {mon} {t.year} {t:%H:%M}"
        return f"{t.year}/{t.month}/{t.day} {h12}:{t.minute:02d}{ap.lower()}"

    def date(self, t=None, style=None):
        t = t or self.t()
        if style is None:
            style = self.ri(0, 5)
        mon = EN_MONTHS[t.month - 1]
        return [f"{t:%Y-%m-%d}", f"{t.month}/{t.day}/{t.year}", f"{t.day:02d}/{t.month:02d}/{t.year}",
                f"{mon} {t.day}, {t.year}", f"{t.day} {mon[:3]} {t.year}",
                f"{t.day}{_ordinal(t.day)} {mon} {t.year}"][style]

    def clock(self, t, style=0):
        h12 = t.hour % 12 or 12
        return [f"{t:%H:%M}", f"{h12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}",
                f"{t:%H:%M:%S}", f"{h12}:{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"][style]

    def ago(self):
        return self.pick([f"{self.ri(2, 59)} min ago", f"{self.ri(1, 23)}h ago", f"{self.ri(2, 6)} days ago",
                          "yesterday", "a week ago", f"{self.ri(2, 11)} months ago", "just now"])

    def epoch(self, t):
        return int((t - datetime(1970, 1, 1)).total_seconds())

    def zts(self, t=None, style=None):
        t = t or self.t()
        if style is None:
            style = self.ri(0, 10)
        h12 = t.hour % 12 or 12
        ampm = "上午" if t.hour < 12 else "下午"
        if style == 0:
            return t.strftime("%Y-%m-%d %H:%M:%S")
        if style == 1:
            return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"
        if style == 2:
            return t.strftime("%Y/%m/%d %H:%M")
        if style == 3:
            return t.strftime("%m-%d %H:%M")
        if style == 4:
            return f"{t.year}.{t.month}.{t.day} {t:%H:%M}"
        if style == 5:
            return f"{t.year}年{t.month:02d}月{t.day:02d}日 {ampm}{h12}:{t.minute:02d}"
        if style == 6:
            return f"{t.month}月{t.day}日 {t:%H:%M}"
        if style == 7:
            return t.strftime("%Y-%m-%dT%H:%M:%S+08:00")
        if style == 8:
            return t.strftime("%Y%m%d%H%M%S")
        if style == 9:
            return f"{self.pick(['昨天', '今天', '前天'])} {t:%H:%M}"
        return f"{t.year}年{t.month}月{t.day}日（{ZH_WEEK[t.weekday()]}）{t:%H:%M}"

    def zdate(self, t=None, style=None):
        t = t or self.t()
        if style is None:
            style = self.ri(0, 3)
        return [f"{t:%Y-%m-%d}", f"{t.year}年{t.month}月{t.day}日", f"{t:%Y/%m/%d}", f"{t.year}.{t.month}.{t.day}"][style]

    # people ----------------------------------------------------------------
    def person(self, culture=None):
        culture = culture or self.pick(list(EN_NAMES))
        givens, fams, lang = EN_NAMES[culture]
        first = self.pick(givens)
        last = self.pick(fams) if self.chance(0.85) else self.pick(EN_ALL_FAMILY)
        p = EnPerson(first, last, lang)
        p.work_style, p.home_style = self.ri(0, 4), self.ri(0, 5)
        p.home_tail = self.pick(["", "", str(self.ri(1, 99)), str(self.ri(1960, 2004))])
        p.home_host = self.pick(EN_MAILHOSTS)
        return p

    def zperson(self):
        p = ZhPerson(self.pick(ZH_SURNAMES), self.pick(ZH_GIVEN))
        p.work_addr = f"{p.sur_py}{p.given_py}" if self.chance(0.6) else f"{p.sur_py}.{p.given_py}{self.ri(1, 9)}"
        if self.chance(0.4):
            p.home_addr = f"{self.digits(self.ri(6, 10))}@qq.com"
        else:
            p.home_addr = f"{p.sur_py}{p.given_py}{self.ri(80, 2005) if self.chance(0.5) else ''}@{self.pick(ZH_MAILHOSTS)}"
        return p

    def email(self, p, domain=None):
        """Stable per person: the address style is fixed when the person is drawn."""
        if domain:
            return f"{p.local(p.work_style)}@{domain}"
        return f"{p.local(p.home_style)}{p.home_tail}@{p.home_host}"

    def zemail(self, p, domain=None):
        """Stable per person, like email()."""
        return f"{p.work_addr}@{domain}" if domain else p.home_addr

    def handle(self, p=None):
        p = p or self.person()
        a = _ascii(p.first).lower()
        return self.pick([f"{a}{self.ri(1, 999)}", f"{a}_{_slug(p.last)[:4]}", f"the{a}",
                          f"{a}.{self.pick(['tries', 'writes', 'plays', 'codes', 'bakes', 'runs'])}",
                          f"{self.pick(['quiet', 'lucky', 'rusty', 'salty', 'sleepy', 'mighty'])}{a}{self.ri(1, 99)}",
                          f"{_slug(p.last)}{self.ri(10, 99)}"])

    def znick(self):
        return self.pick(ZH_NICK_A) + self.pick(ZH_NICK_B) + self.pick(["", "", str(self.ri(1, 999)), "_"])

    def phone(self, cc=None):
        cc = cc or self.pick(["us", "us", "uk", "ca", "au", "ie", "in", "nz", "sg", "za"])
        d = self.digits
        if cc in ("us", "ca"):
            area = self.pick(["918", "509", "937", "912", "505", "608", "208", "804", "902", "204", "312", "415"])
            return self.pick([f"({area}) 555-0{self.ri(100, 199)}", f"+1 {area}-555-0{self.ri(100, 199)}",
                              f"{area}.555.0{self.ri(100, 199)}"])
        if cc == "uk":
            return self.pick([f"+44 7700 900{self.ri(0, 999):03d}", f"07700 900{self.ri(0, 999):03d}",
                              f"0161 496 0{self.ri(0, 999):03d}"])
        if cc == "au":
            return self.pick([f"+61 491 570 {self.ri(100, 999)}", f"(03) 5550 {self.ri(1000, 9999)}"])
        if cc == "ie":
            return f"+353 8{self.ri(3, 9)} {d(3)} {d(4)}"
        if cc == "in":
            return f"+91 9{d(4)} {d(5)}"
        if cc == "nz":
            return f"+64 21 {d(3)} {d(4)}"
        if cc == "sg":
            return f"+65 9{d(3)} {d(4)}"
        return f"+27 82 {d(3)} {d(4)}"

    def zmobile(self, masked=None):
        pre = self.pick(["138", "139", "135", "186", "177", "150", "158", "133", "189", "199", "166", "187"])
        if masked is None:
            masked = self.chance(0.6)
        return f"{pre}****{self.ri(0, 9999):04d}" if masked else f"{pre}{self.ri(0, 99999999):08d}"

    def zlandline(self):
        return f"0{self.pick(['571', '28', '27', '512', '757', '769', '531', '379', '595', '731', '29', '791', '551'])}-{self.digits(8)}"

    def address(self, place=None):
        city, region, pc, country, _ = place or self.pick(EN_PLACES)
        num = self.ri(2, 4999)
        street = self.pick(EN_STREETS)
        unit = self.pick(["", "", "", f"Apt {self.ri(1, 40)}", f"Unit {self.ri(1, 12)}", f"Suite {self.ri(100, 900)}"])
        line1 = f"{num} {street}" + (f", {unit}" if unit else "")
        line2 = f"{city}{', ' + region if region else ''} {pc}"
        return line1, line2, country

    def zaddress(self, short=False):
        prov, city, dists = self.pick(ZH_PLACES)
        base = f"{city}{self.pick(dists)}{self.pick(ZH_ROADS)}{self.ri(1, 999)}号"
        if short:
            return base
        tail = self.pick(["", f"{self.ri(1, 30)}栋{self.ri(1, 3)}单元{self.ri(101, 2804)}室",
                          f"{self.pick(['锦绣', '阳光', '翠苑', '华府', '御景', '金桂'])}{self.pick(['花园', '小区', '家园', '公寓'])}{self.ri(1, 20)}幢{self.ri(101, 1902)}",
                          f"{self.pick(['创新', '新世纪', '万达', '中心'])}大厦{self.ri(3, 28)}楼"])
        return (prov if prov != city else "") + base + tail

    def zhon(self, p):
        return p.sur + self.pick(["先生", "女士", "女士", "先生", "老师", "总", "经理"])

    # companies ----------------------------------------------------------------
    def co(self, sector=None):
        sector = sector or self.pick(list(EN_COS))
        name = self.pick(EN_COS[sector])
        dom = _slug(re.sub(r"^(City of|State Office of) ", "", name))
        tld = self.pick(["com", "com", "com", "co", "io", "net"]) if sector != "government" else self.pick(["gov", "gov.uk", "org"])
        return name, f"{dom}.{tld}", sector

    def zco(self, sector=None):
        sector = sector or self.pick(list(ZH_COS))
        name, short, dom = self.pick(ZH_COS[sector])
        return name, short, dom, sector

    # the customer's words ----------------------------------------------------------
    def voice(self, need, p_extra=0.15):
        """The need, sometimes with one extra non-need sentence around it."""
        if not self.chance(p_extra):
            return need
        ctx = self.pick(EN_CONTEXT).format(n=self.ri(2, 12), city=self.pick(EN_PLACES)[0],
                                           year=self.ri(2009, 2021))
        sep = "" if need.endswith((".", "?", "!")) else self.pick([".", ".", ",", " -"])
        return f"{need}{sep} {ctx}" if self.chance(0.6) else f"{ctx} {need}"

    def zvoice(self, need, p_extra=0.15):
        if not self.chance(p_extra):
            return need
        ctx = self.pick(ZH_CONTEXT).format(cn=self.pick(ZH_NUMS), n=self.ri(3, 80),
                                           city=self.pick(ZH_PLACES)[1].rstrip("市"))
        if self.chance(0.6):
            sep = "" if need.endswith(("。", "？", "！", "?", "!", "～", "，")) else self.pick(["，", "。", " ", "，"])
            return f"{need}{sep}{ctx}"
        return f"{ctx}{need}"

    def reply(self, first=""):
        op = self.pick(EN_REPLY_OPENERS)
        if not first:
            op = self.pick(["Thank you for contacting us.", "Understood.", "Thanks for getting in touch.", "Hello,"])
        return op.format(first=first) + " " + self.reply_body()

    def reply_body(self):
        return self.pick(EN_REPLY_BODIES)

    def zreply(self, name=""):
        return self.pick(ZH_REPLIES).format(name=name or "亲")


def _ordinal(n):
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def L(*parts):
    """Join non-None parts (lists are flattened) with newlines; squeeze blank runs."""
    out = []
    for p in parts:
        if p is None:
            continue
        if isinstance(p, (list, tuple)):
            out.extend(x for x in p if x is not None)
        else:
            out.append(p)
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def stars(n, total=5):
    return "★" * n + "☆" * (total - n)


def csv_field(s, force=False):
    if '"' in s:
        return None
    return f'"{s}"' if force or "," in s or "\n" in s else s


def ocr_noise(g, s, rate=0.04):
    """Scanner noise for furniture text only (never applied to the need)."""
    subs = {"l": "1", "O": "0", "o": "0", "e": "c", "m": "rn", "I": "l", "S": "5", "B": "8", "i": "í"}
    out = []
    for ch in s:
        if ch in subs and g.r.random() < rate:
            out.append(subs[ch])
        else:
            out.append(ch)
    return "".join(out)


# ===========================================================================
# English furniture helpers
# ===========================================================================

EN_SUBJECTS = ["Question", "Quick question", "Help please", "Account query", "Following up",
               "Need some help", "(no subject)", "Query about my account", "Contact form submission",
               "Hello", "urgent!!", "Enquiry", "Message from the app", "hi", "Support request",
               "Can someone help", "Re: your recent email", "A question for your team", "Request for assistance"]
EN_GREETS = ["Hi,", "Hello,", "Hi there,", "Good morning,", "Good afternoon,", "Hey team,", "Dear Customer Care,",
             "To whom it may concern,", "Hiya,", "Hello support team,", "Dear Sir/Madam,", "Hi {agent},",
             "Hello {agent},", "Morning {agent},", ""]
EN_OPENERS = ["{first} from {org} here.", "Hope you're well.", "I hope this is the right address.",
              "Sorry to bother you again.", "Quick one from me.", "I'm reaching out on behalf of {org}.",
              "Thanks for your help last time.", "It's {first} again ({ref})."]
EN_CLOSERS = ["Thanks in advance.", "Appreciate any help.", "Look forward to hearing from you.",
              "Let me know if you need anything else from me.", "Cheers for your help.",
              "Please get back to me when you can.", "Thank you for your time."]
EN_SIGNOFFS = ["Cheers,", "Many thanks,", "Regards,", "Appreciate it,", "Thank you in advance,",
               "Talk soon,", "Warmly,", "Sincerely,", "Rgds,", "Best wishes,", "Thanks again,", "—", "Ta,",
               "With thanks,", "Yours sincerely,"]
EN_MOBILE = ["Sent from my iPhone", "Sent from Outlook for Android", "Sent from Yahoo Mail for iPhone",
             "Get Outlook for iOS", "Sent from my Galaxy", "Sent from Proton Mail mobile",
             "Sent via the Samsung Galaxy S23, an AT&T 5G smartphone", "Typed with thumbs, please excuse brevity"]
EN_DISCLAIMERS = [
    "The information in this e-mail is intended solely for the addressee. If you have received it by mistake, "
    "please tell the sender and delete it; any copying or onward distribution is not permitted.",
    "{org} is registered in England and Wales (company no. {n}). Registered office: {addr}. "
    "Calls may be monitored for training purposes.",
    "CAUTION: This email originated from outside of the organization. Do not click links or open attachments "
    "unless you recognize the sender and know the content is safe.",
    "Please consider the environment before printing this email.",
    "This message and any attachment are confidential and may be legally privileged. {org} accepts no "
    "liability for viruses transmitted by this email.",
    "Our office hours are Mon-Fri 8:30-17:00. Messages received outside these hours will be answered the next working day.",
    "NOTICE: {org} will never ask you to change bank details by email. If in doubt, call us on a number you trust.",
]
EN_COMPANY_FOOTERS = [
    "You are receiving this message because you contacted {org}. Manage preferences: https://{dom}/preferences "
    "| Unsubscribe: https://{dom}/u/{tok}",
    "{org} · {addr} · This mailbox is monitored Mon–Fri. Please keep the reference in the subject line when replying.",
    "Privacy notice: https://{dom}/privacy · {org} will never ask for your password by email.",
]


def en_sig(g, p, org=None, dom=None, title=None, style=None):
    org = org or g.pick(EN_CLIENTS)
    dom = dom or _slug(org) + g.pick([".com", ".co.uk", ".com.au", ".ca", ".ie", ".net"])
    title = title or g.pick(EN_CUST_TITLES)
    place = g.pick(EN_PLACES)
    a1, a2, country = g.address(place)
    style = g.ri(0, 5) if style is None else style
    ph = g.phone(place[4])
    if style == 0:
        return L(p.full, title, org, f"T: {ph}", g.opt(0.5, f"M: {g.phone(place[4])}"), f"E: {g.email(p, dom)}")
    if style == 1:
        return L(f"{p.full} | {title} | {org}", f"{a1}, {a2}, {country}", f"{ph} | www.{dom}")
    if style == 2:
        return L(f"-- ", f"{p.first} {p.last[0]}.", g.opt(0.5, title))
    if style == 3:
        return L(p.full, g.opt(0.6, f"({g.pick(['she/her', 'he/him', 'they/them'])})"), f"{title}, {org}",
                 a1, a2, g.opt(0.5, country), f"Direct: {ph}")
    if style == 4:
        return L(p.first)
    return L(f"{p.full.upper()}", f"{title.upper()}", org, f"o. {ph}  |  w. {dom}",
             g.opt(0.4, f"Book time with me: https://calendly.com/{p.local(0)}"))


def en_disclaimer(g, org, dom=None):
    dom = dom or _slug(org) + ".com"
    a1, a2, _ = g.address()
    return g.pick(EN_DISCLAIMERS).format(org=org, n=g.digits(8), addr=f"{a1}, {a2}", dom=dom, tok=g.alnum(10, "abcdefghjkmnpqrstuvwxyz23456789"))


def en_company_footer(g, org, dom):
    a1, a2, _ = g.address()
    return g.pick(EN_COMPANY_FOOTERS).format(org=org, dom=dom, addr=f"{a1}, {a2}",
                                             tok=g.alnum(10, "abcdefghjkmnpqrstuvwxyz23456789"))


def en_greet(g, agent=None):
    s = g.pick(EN_GREETS)
    if "{agent}" in s:
        s = s.format(agent=agent or g.person().first)
    return s


def en_body(g, need, p, org, agent_first=None, ref=""):
    v = g.voice(need)
    opener = None
    if g.chance(0.3):
        opener = g.pick(EN_OPENERS).format(first=p.first, org=org, ref=ref or f"case {g.digits(6)}")
    return L(en_greet(g, agent_first) or None, "", opener, v, "", g.opt(0.4, g.pick(EN_CLOSERS)))


def en_mailhdr(g, frm, to, subj, t=None, cc=None, style=None):
    t = t or g.t()
    style = g.ri(0, 2) if style is None else style
    if style == 0:
        return L(f"From: {frm}", f"Sent: {g.ts(t, 7)}", f"To: {to}", f"Cc: {cc}" if cc else None, f"Subject: {subj}")
    if style == 1:
        return L(f"From: {frm}", f"Date: {g.ts(t, 1)}", f"To: {to}", f"Cc: {cc}" if cc else None, f"Subject: {subj}")
    return L(f"Subject: {subj}", f"From: {frm}", f"To: {to}", f"Cc: {cc}" if cc else None, f"Date: {g.ts(t, g.pick([4, 6, 12]))}")


def ref_for(g, sector):
    """A sector-appropriate (label, value) reference."""
    d = g.digits
    if sector == "telecom":
        return g.pick([("Account number", f"{d(4)} {d(4)} {d(2)}"), ("Service ID", f"FTTP{d(8)}"), ("Mobile no.", g.phone())])
    if sector == "marketplace":
        return g.pick([("Order", f"#{g.alnum(2)}-{d(8)}"), ("Order no.", f"{d(3)}-{d(7)}-{d(7)}")])
    if sector == "travel":
        return g.pick([("Booking ref", g.alnum(6)), ("PNR", g.alnum(6)), ("Reservation", f"{g.alnum(3)}{d(7)}")])
    if sector == "insurance":
        return g.pick([("Policy", f"{g.pick(['HO', 'AU', 'RN', 'TR', 'PL'])}-{d(4)}-{d(4)}"), ("Claim", f"CLM{d(9)}")])
    if sector == "health":
        return g.pick([("MRN", f"{d(8)}"), ("Guarantor acct", f"G{d(7)}"), ("Visit", f"V{d(9)}")])
    if sector == "gaming":
        return g.pick([("Player ID", f"{d(10)}"), ("Account", f"{g.alnum(4)}-{g.alnum(4)}")])
    if sector == "education":
        return g.pick([("Student ID", f"S{d(7)}"), ("Enrollment", f"ENR-{d(6)}")])
    if sector == "utilities":
        return g.pick([("Account no.", f"{d(3)}-{d(6)}-{d(3)}"), ("Premise ID", f"{d(9)}")])
    if sector == "government":
        return g.pick([("Request", f"SR{d(9)}"), ("Case", f"{g.ri(2021, 2025)}-{d(6)}"), ("Permit", f"BP-{d(6)}")])
    if sector == "logistics":
        return g.pick([("Tracking", f"1Z{g.alnum(6)}{d(10)}"), ("Waybill", f"{d(12)}"), ("Consignment", f"CN{d(9)}GB")])
    return g.pick([("Device serial", f"{g.alnum(4)}-{g.alnum(4)}-{g.alnum(4)}"), ("Account", f"{d(9)}")])


# ===========================================================================
# English templates
# ===========================================================================

def en_freshdesk_notify(g, need):
    org, dom, sector = g.co()
    sub = _slug(org)[:14]
    tid = g.ri(1200, 398000)
    cust, agent = g.person(), g.person()
    need_subj = g.chance(0.25)
    subj = need if need_subj else g.pick(EN_SUBJECTS)
    t = g.t()
    rl, rv = ref_for(g, sector)
    if need_subj:
        desc = g.pick(["(no description)", "See subject", "Sent from my iPhone", f"[Attachment: IMG_{g.ri(1000, 9999)}.jpg]",
                       f"{rl}: {rv}", "as above\n" + cust.first])
    else:
        desc = L(en_body(g, need, cust, g.pick(EN_CLIENTS), agent.first, rv), "", g.pick(EN_SIGNOFFS), cust.first,
                 g.opt(0.3, g.pick(EN_MOBILE)))
    return L(
        f"Subject: [#{tid}] {subj}",
        f"From: {org} Support <support@{sub}.freshdesk.com>",
        f"To: {agent.full} <{g.email(agent, dom)}>",
        f"Date: {g.ts(t, 1)}", "",
        f"Hi {agent.first},", "",
        g.pick([f"A new ticket has been assigned to you.", f"Ticket #{tid} has been assigned to the group {g.pick(['Tier 1', 'Escalations', 'Billing & Accounts', 'Overflow', 'Weekend cover'])}.",
                f"{cust.full} has raised a new ticket."]), "",
        f"Ticket ID: #{tid}",
        f"Requester: {cust.full} ({g.email(cust)})",
        f"Source: {g.pick(['Email', 'Portal', 'Phone', 'Chat', 'Feedback Widget', 'Outbound Email', 'Mobihelp'])}",
        f"Priority: {g.pick(['Low', 'Medium', 'Medium', 'High', 'Urgent'])}",
        f"Status: {g.pick(['Open', 'Open', 'Pending', 'Waiting on Customer'])}",
        g.opt(0.6, f"Type: {g.pick(['Question', 'Incident', 'Problem', '--', 'Request'])}"),
        g.opt(0.5, f"{rl}: {rv}"),
        g.opt(0.4, f"First response due: {g.ts(g.after(t, 60, 1440), 2)}"), "",
        "Description:", desc, "",
        f"View ticket: https://{sub}.freshdesk.com/a/tickets/{tid}",
        g.opt(0.5, "You are receiving this because you are an agent on this helpdesk. Notification preferences can be changed under Admin > Email Notifications."),
    )


def en_kustomer(g, need):
    org, dom, sector = g.co(g.pick(["marketplace", "marketplace", "travel", "telecom", "smarthome", "logistics"]))
    cust, agent = g.person(), g.person()
    t0 = g.t()
    t1 = g.after(t0, 600, 9000)
    t2 = g.after(t1, 30, 3000)
    t3 = g.after(t2, 1, 120)
    ch = g.pick(["Email", "SMS", "Chat", "Instagram DM", "Facebook", "Voice (transcribed)"])
    ev = g.pick([f"Order #{g.digits(5)} placed — ${g.money(12, 640)} (Shopify)",
                 f"Subscription renewed — {g.pick(['Monthly', 'Annual', 'Plus'])} plan",
                 f"Shipment {g.alnum(2)}{g.digits(9)}US — {g.pick(['In transit', 'Delivered', 'Label created'])}",
                 f"Satisfaction survey sent (CSAT) — no response"])
    return L(
        f"KUSTOMER · Conversation export · {org}",
        f"Customer: {cust.full}    Email: {g.email(cust)}    Phone: {g.phone()}",
        f"Lifetime value: ${g.money(20, 6000)} · Orders: {g.ri(1, 40)} · Customer since {g.date(t0 - timedelta(days=g.ri(30, 2500)), 3)}",
        f"Sentiment: {g.pick(['Negative', 'Neutral', 'Mixed', 'Positive'])} · Channel: {ch} · Queue: {g.pick(['General', 'VIP', 'Returns & Orders', 'Spanish', 'After hours'])}",
        f"Assigned: {agent.full}", "",
        "Timeline",
        f"{g.ts(t0, 0)}  {ev}",
        f"{g.ts(t1, 0)}  {ch} message from {cust.first}:",
        "    " + g.voice(need),
        g.opt(0.6, f"{g.ts(t2, 0)}  Note by {agent.first}: {g.pick(['checked OMS, nothing flagged on our side', 'linked to previous convo', 'customer verified via SMS code', 'tagged for weekly VoC review', 'waiting on warehouse reply'])}"),
        g.opt(0.5, f"{g.ts(t3, 0)}  Reply by {agent.first}: {g.reply(cust.first)}"),
        f"{g.ts(g.after(t3, 1, 60), 0)}  Status changed: {g.pick(['open → snoozed', 'open → done', 'waiting → open', 'open → waiting', 'new → open'])}",
    )


def en_gorgias(g, need):
    org, dom, _ = g.co(g.pick(["marketplace", "smarthome"]))
    cust, agent = g.person(), g.person()
    t = g.t()
    place = g.pick(EN_PLACES)
    v = g.voice(need)
    return L(
        f"Gorgias — Ticket #{g.digits(8)} — {org}",
        f"Channel: {g.pick(['email', 'contact form', 'Facebook Messenger', 'Instagram comment', 'chat', 'SMS'])}   Status: {g.pick(['open', 'closed', 'open'])}",
        f"Customer: {cust.full} <{g.email(cust)}>",
        f"Tags: {', '.join(g.sample(['vip', 'repeat-buyer', 'auto-close', 'urgent', 'needs-review', 'sentiment-negative', 'intl'], g.ri(1, 3)))}",
        "",
        "── Shopify ──",
        f"Order #{_slug(org)[:3].upper()}{g.digits(5)} · {g.pick(['Paid', 'Partially refunded', 'Pending'])} · {g.pick(['Fulfilled', 'Unfulfilled', 'Partially fulfilled'])}",
        f"Total ${g.money(9, 480)} · {g.ri(1, 6)} item(s) · Placed {g.date(t - timedelta(days=g.ri(1, 40)), 4)}",
        f"Ship to: {place[0]}{', ' + place[1] if place[1] else ''}, {place[3]}",
        "─────────────", "",
        f"{cust.first} {cust.last[0]}. · {g.ts(t, 9)}",
        v if g.chance(0.7) else L(en_greet(g) or None, v, "", g.pick(EN_SIGNOFFS), cust.first),
        "",
        g.opt(0.65, L(f"{agent.first} ({g.pick(['via macro “Acknowledge + ask for details”', 'via macro “Thanks for reaching out”', 'manual reply', 'via macro “Handoff to Tier 2”'])}) · {g.ts(g.after(t, 5, 400), 9)}",
                      f"Hi {cust.first}, {g.reply_body()}", f"{org} Customer Care")),
    )


def en_zendesk_side(g, need):
    org, dom, sector = g.co()
    agent, partner = g.person(), g.person()
    pdom = _slug(g.pick(EN_CLIENTS + ["Vendorline Ops", "Fulfilment Partners", "Payhaven"])) + ".com"
    tid = g.digits(6)
    t = g.t()
    rl, rv = ref_for(g, sector)
    target = g.pick([f"{partner.full} <{g.email(partner, pdom)}>", f"Slack #{g.pick(['billing-ops', 'tier2-escalations', 'warehouse-help', 'product-support'])}",
                     f"Microsoft Teams: {g.pick(['Finance Ops', 'Network NOC', 'Claims Desk', 'Platform On-call'])}"])
    reply = None
    if g.chance(0.5):
        reply = L("", f"── {partner.first} replied · {g.ts(g.after(t, 10, 900), 9)} ──",
                  g.pick(["On it, will report back by EOD.", "Can you send me the full account ID? Can't find it from that.",
                          "Checked — nothing odd on our end. Leave it with me.", "Thanks, this is a known one, adding to our list."]))
    return L(
        f"Side conversation · Ticket #{tid} · {org}",
        f"From: {agent.full} <{_slug(org)[:12]}@{_slug(org)[:12]}.zendesk.com>",
        f"To: {target}",
        f"Subject: {g.pick(['Need a hand', 'Quick check please', 'Customer question', 'Can you look at this?'])} (#{tid})", "",
        f"Hey {partner.first},", "",
        g.pick(["Customer wrote in with the below, can you take a look on your side?",
                "Looping you in on this one, see the customer's message:",
                f"Got this from {g.pick(['a', 'one of our'])} {g.pick(['customer', 'member', 'subscriber'])} this morning, not sure it's ours to answer:",
                "Forwarding the customer's words as-is:"]), "",
        "> " + g.voice(need), "",
        f"{rl}: {rv}",
        g.opt(0.5, g.pick(["I already checked the admin panel, didn't see anything unusual.", "No previous tickets from them.",
                           "They've contacted us twice this week.", f"Customer is in {g.pick(EN_PLACES)[0]}, timezone might matter."])), "",
        g.pick(["Thanks!", "Cheers", "Ta", "Thank you 🙏"]), agent.first,
        reply,
    )


def en_sf_case(g, need):
    org, dom, sector = g.co()
    cust, agent = g.person(), g.person()
    case = f"{g.ri(100, 9999):08d}"
    thread = f"ref:_00D{g.alnum(5, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}._500{g.alnum(6, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}:ref"
    subj = g.pick(EN_SUBJECTS)
    t0 = g.t()
    t1 = g.after(t0, 20, 2000)
    dear = g.pick([f"Dear {g.pick(['Mr', 'Ms', 'Mx', 'Dr'])} {cust.last},", f"Hi {cust.first},", f"Hello {cust.first},"])
    return L(
        f"Subject: RE: Case {case}: {subj} [ {thread} ]",
        f"From: {org} Customer Care <care@{dom}>",
        f"To: {g.email(cust)}",
        f"Date: {g.ts(t1, 1)}", "",
        dear, "",
        g.reply(cust.first), "",
        g.pick(["Kind regards,", "Best regards,", "Warm regards,"]),
        agent.full, f"{g.pick(EN_AGENT_ROLES)}, {org}", f"Case Number: {case}", "",
        "--------------- Original Message ---------------",
        f"From: {cust.full} [{g.email(cust)}]",
        f"Sent: {g.ts(t0, 2)}",
        f"To: care@{dom}",
        f"Subject: {subj}", "",
        g.voice(need), "",
        g.pick(EN_SIGNOFFS), cust.first,
        g.opt(0.3, g.pick(EN_MOBILE)), "",
        thread,
        g.opt(0.4, "\n" + en_company_footer(g, org, dom)),
    )


def en_teams(g, need):
    poster, other, third = g.person(), g.person(), g.person()
    org, dom, sector = g.co()
    client = g.pick(EN_CLIENTS)
    t = g.t()
    t1 = g.after(t, 1, 20)
    t2 = g.after(t1, 1, 15)
    dept = g.pick(["Customer Care", "Sales", "Account Management", "Field Ops", "Partner Success", "Retail Stores"])
    intro = g.pick([f"Just had this from a customer at {client}:", f"FYI from a customer in {g.pick(EN_PLACES)[0]} —",
                    "Customer on the phone right now asking:", f"{client} account, their admin says:",
                    "Anyone know how to answer this one? Customer said:"])
    v = g.voice(need)
    body = f"{intro} \"{v}\"" if g.chance(0.5) else L(intro, v)
    return L(
        g.pick(["Yesterday", "Today", g.date(t, 3), EN_DAYS[t.weekday()]]),
        f"[{g.clock(t, 1)}] {poster.last}, {poster.first} ({dept})",
        body,
        g.opt(0.5, g.pick(["who owns this now?", "is there a macro for this?", "not sure who to route to", "any ideas?"])),
        g.opt(0.5, f"    👍 {g.ri(1, 5)}   {g.pick(['😮', '👀', '❤️'])} {g.ri(1, 3)}"),
        f"[{g.clock(t1, 1)}] {other.full}",
        g.pick([f"@{poster.first} send me the account ID and I'll check.", f"That's one for {third.first} in {g.pick(['billing ops', 'the network team', 'claims', 'the platform team'])}, adding them",
                f"{poster.first} can you raise a case and paste the number here?", f"Seen this twice this week. @{third.full} fyi"]),
        g.opt(0.7, L(f"[{g.clock(t2, 1)}] {poster.last}, {poster.first} ({dept})",
                     g.pick([f"thanks {other.first}!", "will do", "👍", f"cheers {other.first}, raised it"]))),
    )


def en_google_chat(g, need):
    org, dom, sector = g.co()
    a, b = g.person(), g.person()
    t = g.t()
    space = g.pick(["CX – Escalations (EMEA)", "Support Leads", "Frontline ↔ Product", "Stores & Care", "Night Shift", "Claims Triage"])
    plan = g.pick(["Basic", "Plus", "Premium", "Business", "Family", "Pay-as-you-go"])
    return L(
        f"Google Chat · Space: {space}",
        f"Thread started by {a.full} • {g.ts(t, 9)}", "",
        f"{a.full}, {g.clock(t, 1)}",
        f"@{b.first} customer on the line, {plan} plan, says: {g.voice(need)}",
        g.opt(0.4, f"ref {ref_for(g, sector)[1]}"), "",
        f"{b.full}, {g.clock(g.after(t, 1, 25), 1)}",
        g.pick(["let me check and come back to you", f"@{a.first} tell them we'll email within 24h", "transferring to you now, one sec",
                "is this the same as the one from this morning?", "log it in the tracker pls 🙏"]),
        g.opt(0.5, L("", f"{a.full}, {g.clock(g.after(t, 26, 60), 1)}",
                     g.pick(["ok cool, will tell them", "👍", "thanks!", "done"]))),
    )


def en_discord(g, need):
    game = g.pick(EN_GAMES)
    user = g.person()
    h = g.handle(user)
    mod = g.handle()
    t = g.t()
    fmt = g.pick([0, 1])

    def stamp(x):
        return f"{x.month}/{x.day}/{x.year} {g.clock(x, 1)}" if fmt == 0 else f"{x.day:02d}-{EN_MONTHS[x.month - 1][:3]}-{x.year % 100:02d} {x.hour % 12 or 12:02d}:{x.minute:02d} {'AM' if x.hour < 12 else 'PM'}"
    t1 = g.after(t, 2, 60)
    t2 = g.after(t1, 1, 20)
    n = 2
    parts = [
        "=" * 62, f"Guild: {game} Official", f"Channel: {g.pick(['Support', 'Help', 'Community'])} / {g.pick(['player-help', 'support', 'bug-reports', 'general-help', 'account-help'])}",
        g.opt(0.4, f"Topic: {g.pick(['Read #faq first! Never share your password.', 'Mods will never DM you first.', 'English only please'])}"),
        "=" * 62, "",
        f"[{stamp(t)}] {h}", g.voice(need), "",
        f"[{stamp(t1)}] {mod}{g.pick([' (Community Team)', ' [MOD]', ''])}",
        g.pick([f"hey @{h}, please open a ticket at https://support.{_slug(game)}.com with your player ID so the team can check",
                f"@{h} DM'd you 👍", f"@{h} can you post your platform + region?", f"@{h} the support team will pick this up, check #announcements too"]),
    ]
    if g.chance(0.6):
        n += 1
        parts += ["", f"[{stamp(t2)}] {h}", g.pick(["ok thx", "🙏", "done", "ty!", "ok will do"])]
    parts += ["", "=" * 62, f"Exported {n} message(s)", "=" * 62]
    return L(parts)


def en_reddit(g, need):
    org, dom, sector = g.co()
    sub = _slug(org.replace("City of ", ""))[:18]
    op = g.person()
    hop = g.handle(op)
    title_need = g.chance(0.35)
    title = need if title_need else g.pick(["Anyone else?", "Quick question", "Customer service won't get back to me",
                                            "Help??", f"Question about {org}", "Is this normal?", "Looking for advice", "PSA / question"])
    body = g.pick(["Title says it all.", "Any help appreciated.", "Thanks in advance!", "", "Edit: formatting"]) if title_need else g.voice(need)
    rep = g.person()
    return L(
        f"r/{sub}",
        f"Posted by u/{hop} • {g.ago()}" + g.pick(["", "", " • edited"]),
        g.opt(0.5, f"[{g.pick(['Question', 'Support', 'Discussion', 'Help'])}]"),
        title, "",
        body or None, "",
        f"⬆ {g.ri(1, 480)}   💬 {g.ri(1, 60)} comments   Share   Save",
        "Sort by: best", "",
        g.opt(0.6, L(f"u/{_slug(org)[:12]}_{g.pick(['Support', 'Care', 'Help'])} · {g.pick(['Official', 'Verified'])} · {g.ago()}",
                     f"Hi u/{hop}, {g.reply_body()} ^{rep.first}", "")),
        f"u/{g.handle()} · {g.ago()}",
        g.pick(["Following", "+1 following this", "Bump", "Call them, the chat is useless tbh", "Did you ever get an answer?", "Same boat lol"]),
    )


def en_google_review(g, need):
    org, dom, sector = g.co()
    place = g.pick(EN_PLACES)
    rv = g.person()
    st = g.ri(1, 4)
    t = g.t()
    return L(
        f"{org} — {place[0]}{' ' + g.pick(['Store', 'Office', 'Service Centre', 'Location']) if g.chance(0.5) else ''}",
        f"{g.pick(['Google reviews', 'Reviews'])} · {g.ri(40, 2300)} reviews", "",
        f"{rv.full if g.chance(0.6) else rv.first + ' ' + rv.last[0] + '.'}",
        g.pick([f"Local Guide · {g.ri(5, 200)} reviews · {g.ri(0, 400)} photos", f"{g.ri(1, 9)} reviews", ""]) or None,
        f"{stars(st)}  {g.ago()}" + g.pick(["", "  NEW"]),
        g.voice(need),
        g.opt(0.3, f"Visited in {EN_MONTHS[t.month - 1]}"),
        f"👍 {g.pick(['Like', 'Helpful'])} {g.ri(0, 30)}", "",
        g.opt(0.6, L(f"Response from the owner  {g.ago()}",
                     f"Hi {rv.first}, thanks for the review. {g.reply_body()} You can also reach us at help@{dom} or {g.phone(place[4])}.")),
    )


def en_g2(g, need):
    org, dom, sector = g.co(g.pick(["telecom", "logistics", "insurance", "education", "marketplace", "travel"]))
    prod = org + " " + g.pick(["Business", "for Teams", "Partner Portal", "Pro", "Enterprise", "Connect"])
    rv = g.person()
    st = g.ri(2, 4)
    return L(
        f"G2 · Review of {prod}",
        f"\"{g.pick(['Solid product, support could be better', 'Does the job', 'Mixed feelings', 'Good value, some rough edges', 'Great when it works'])}\"",
        f"{stars(st)} {st}.0/5",
        f"Validated Reviewer · Verified Current User · Review source: {g.pick(['Organic', 'G2 invite', 'Seller invite'])}",
        f"{rv.first} {rv.last[0]}. | {g.pick(EN_CUST_TITLES)} | {g.pick(EN_INDUSTRIES)} | {g.pick(['Small-Business (50 or fewer emp.)', 'Mid-Market (51-1000 emp.)', 'Enterprise (> 1000 emp.)'])}",
        f"Reviewed {g.date(style=3)}", "",
        f"What do you like best about {prod}?",
        g.pick(["Onboarding was quick and the dashboard is clean.", "Price is fair and the mobile app is decent.",
                "Our account manager is responsive.", "It integrates with the tools we already use."]), "",
        f"What do you dislike about {prod}?",
        g.voice(need), "",
        f"What problems is {prod} solving and how is that benefiting you?",
        g.pick(["Saves our front desk a few hours a week.", "One place for the whole team instead of spreadsheets.",
                "Fewer calls, faster turnaround for our customers."]),
        g.opt(0.4, "\nRecommendations to others considering the product: Do a trial first."),
    )


def en_capterra(g, need):
    org, dom, sector = g.co(g.pick(["telecom", "logistics", "education", "insurance", "health", "marketplace"]))
    prod = org + g.pick(["", " Portal", " Cloud", " Suite", " Manager"])
    rv = g.person()
    r = lambda: g.ri(1, 5)  # noqa: E731
    return L(
        f"Capterra — {prod}",
        f"Reviewer: {rv.first} {rv.last[0]}., {g.pick(EN_CUST_TITLES)}",
        f"{g.pick(EN_INDUSTRIES)}, {g.pick(['2-10', '11-50', '51-200', '201-500', '1,001-5,000'])} employees",
        f"Used the software for: {g.pick(['Free Trial', 'Less than 6 months', '6-12 months', '1-2 years', '2+ years'])}",
        f"Overall {stars(g.ri(1, 5))}   Ease of use {r()}/5   Customer service {r()}/5   Features {r()}/5   Value for money {r()}/5",
        f"Likelihood to recommend: {g.ri(1, 10)}/10", "",
        f"\"{g.pick(['Okay for the price', 'Not bad overall', 'Frustrating at times', 'Would recommend with caveats'])}\"", "",
        f"Comments: {g.pick(['We use it daily across two sites.', 'Mostly fine, a few gaps.', 'Switched last year, mostly happy.'])}", "",
        f"Pros: {g.pick(['Easy setup and decent reporting.', 'Good uptime, simple pricing.', 'The mobile app works well for our drivers.'])}", "",
        f"Cons: {g.voice(need)}", "",
        g.opt(0.5, f"Reasons for choosing {prod}: {g.pick(['Price', 'Recommended by a peer', 'Better integrations'])}"),
        g.opt(0.4, f"Switched from: {g.pick(['spreadsheets', 'a local provider', 'Tidewell', 'Brisket CRM'])}"),
        g.opt(0.3, f"\nVendor response ({g.person().full}, {org}): Thanks for the candid feedback, {rv.first}. Our team will reach out."),
    )


def en_typeform(g, need):
    org, dom, sector = g.co()
    owner = g.person()
    form = g.pick(["Post-trip survey", "How did we do?", "Customer feedback 2024", "Service check-in", "Tell us more",
                   "Quick feedback (2 min)", "Member pulse"])
    rl, rv = ref_for(g, sector)
    t = g.t()
    qs = [
        (f"How would you rate {g.pick(['your experience', 'us', 'your last contact', 'your visit'])} today?", stars(g.ri(1, 5))),
        (f"What's your {rl.lower()}? (optional)", rv if g.chance(0.7) else "—"),
        (g.pick(["Anything else you'd like to tell us?", "What's on your mind?", "How can we make things better for you?",
                 "What could we have done better?"]), g.voice(need)),
        ("Can we contact you about your answer?", g.pick([f"Yes — {g.email(g.person())}", "No", "Yes"])),
    ]
    if g.chance(0.3):
        qs.insert(0, ("Which of these best describes you?", g.pick(["Personal customer", "Business customer", "Just browsing"])))
    out = [f"Subject: New response: {form}", "From: Typeform <notifications@typeform.com>",
           f"To: {g.email(owner, dom)}", "", f"Hi {owner.first}, you've received a new response to {form}.",
           f"{g.ri(12, 4000)} responses so far.", "---"]
    for i, (q, a) in enumerate(qs, 1):
        out += [f"{i}. {q}", f"   {a}"]
    out += ["---", f"Submitted {g.ts(t, 4)}",
            g.opt(0.5, f"Hidden fields: utm_source={g.pick(['email', 'sms', 'app', 'receipt'])}; channel={g.pick(['web', 'ios', 'android'])}"),
            f"View all responses → https://admin.typeform.com/form/{g.alnum(8, 'abcdefghijkmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}/results"]
    return L(out)


def en_surveymonkey(g, need):
    org, dom, sector = g.co()
    t = g.t()
    t1 = g.after(t, 1, 12)
    sp = (t1 - t).seconds
    return L(
        f"#{g.ri(3, 2400)}",
        g.pick(["COMPLETE", "COMPLETE", "INCOMPLETE"]),
        f"Collector:   {g.pick(['Web Link 1 (Web Link)', 'Email Invitation 2 (Email)', 'SMS Collector (SMS)', 'Website Popup (Popup)'])}",
        f"Started:   {g.ts(t, 7)}",
        f"Last Modified:   {g.ts(t1, 7)}",
        f"Time Spent:   00:{sp // 60:02d}:{sp % 60:02d}",
        f"IP Address:   {g.ri(23, 223)}.{g.ri(0, 255)}.{g.ri(0, 255)}.{g.ri(1, 254)}", "",
        f"Page 1: {g.pick(['About you', 'Your recent experience', 'Getting started'])}",
        f"Q1  How long have you been a {org} customer?", f"    {g.pick(['Less than a year', '1-3 years', '3-5 years', 'More than 5 years'])}",
        f"Q2  How satisfied were you overall?", f"    {g.pick(['Very satisfied', 'Somewhat satisfied', 'Neither', 'Somewhat dissatisfied', 'Very dissatisfied'])}", "",
        f"Page 2: {g.pick(['Tell us more', 'Your comments', 'Last thing'])}",
        f"Q{g.ri(3, 6)}  {g.pick(['Is there anything we could have done better?', 'Please tell us why.', 'Any other comments?', 'In your own words:'])}",
        f"    {g.voice(need)}",
        g.opt(0.4, f"Q7  May we follow up with you?\n    {g.pick(['Yes', 'No', 'Respondent skipped this question'])}"),
    )


def en_qualtrics_csv(g, need):
    v = g.voice(need)
    f = csv_field(v, force=g.chance(0.5))
    if f is None:
        return None
    t = g.t()
    t1 = g.after(t, 1, 15)
    rid = "R_" + g.alnum(15, "abcdefghijkmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    header = "StartDate,EndDate,Status,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,DistributionChannel,UserLanguage,Q1_NPS,Q2_Reason,Q3_Contact"
    qrow = ("Start Date,End Date,Response Type,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,Distribution Channel,"
            "User Language,\"How likely are you to recommend us to a friend or colleague?\",\"What is the main reason for your score?\",May we contact you?")
    irow = ('"{""ImportId"":""startDate"",""timeZone"":""' + g.pick(['America/Denver', 'Europe/London', 'Australia/Sydney']) + '""}",'
            '"{""ImportId"":""endDate""}",...')
    row = ",".join([t.strftime("%Y-%m-%d %H:%M:%S"), t1.strftime("%Y-%m-%d %H:%M:%S"), g.pick(["IP Address", "IP Address", "Survey Preview"]),
                    "100", str((t1 - t).seconds), "True", t1.strftime("%Y-%m-%d %H:%M:%S"), rid,
                    g.pick(["anonymous", "email", "sms", "gl"]), g.pick(["EN", "EN", "EN-GB"]), str(g.ri(0, 10)), f,
                    g.pick(["Yes", "No", ""])])
    return L(header, g.opt(0.6, qrow), g.opt(0.4, irow), row)


def en_intercom_json(g, need):
    org, dom, sector = g.co()
    cust, admin = g.person(), g.person()
    t = g.t()
    v = g.voice(need)
    if any(c in v for c in '"\\<>&'):
        return None
    parts = []
    if g.chance(0.7):
        parts.append({"part_type": "comment", "created_at": g.epoch(g.after(t, 2, 300)),
                      "body": f"<p>{g.reply(cust.first)}</p>",
                      "author": {"type": "admin", "name": admin.full, "email": g.email(admin, dom)}})
    if g.chance(0.4):
        parts.append({"part_type": "assignment", "created_at": g.epoch(g.after(t, 1, 30)), "body": None,
                      "author": {"type": "bot", "name": g.pick(["Fin", "Operator", "Routing bot"])},
                      "assigned_to": {"type": "team", "name": g.pick(["Tier 1", "Billing", "EMEA Support", "Priority"])}})
    obj = {
        "type": "conversation", "id": g.digits(12), "created_at": g.epoch(t), "state": g.pick(["open", "closed", "snoozed"]),
        "source": {"type": "conversation", "delivered_as": "customer_initiated", "body": f"<p>{v}</p>",
                   "author": {"type": "user", "id": g.hexs(24), "name": cust.full, "email": g.email(cust)},
                   "url": f"https://{dom}/{g.pick(['account', 'help', 'orders', 'billing', 'settings'])}"},
        "tags": {"type": "tag.list", "tags": [{"type": "tag", "name": x} for x in g.sample(["vip", "new-user", "mobile", "web", "returning", "en"], g.ri(0, 2))]},
        "conversation_parts": {"type": "conversation_part.list", "conversation_parts": parts, "total_count": len(parts)},
    }
    return json.dumps(obj, indent=2, ensure_ascii=False)


def en_intercom_yaml(g, need):
    org, dom, sector = g.co()
    cust, admin = g.person(), g.person()
    t = g.t()
    place = g.pick(EN_PLACES)
    out = ["conversation:", f"  id: \"{g.digits(12)}\"", f"  workspace: {_slug(org)[:10]}-{g.alnum(4, 'abcdefghijkmnpqrstuvwxyz0123456789')}",
           f"  created_at: {t:%Y-%m-%dT%H:%M:%SZ}", f"  state: {g.pick(['open', 'closed', 'snoozed'])}",
           f"  priority: {g.pick(['not_priority', 'priority'])}",
           "  contact:", f"    name: {cust.full}", f"    email: {g.email(cust)}", f"    location: {place[0]}, {place[3]}",
           f"    plan: {g.pick(['free', 'basic', 'plus', 'premium', 'business'])}",
           "  source:", f"    channel: {g.pick(['messenger', 'email', 'whatsapp', 'sms'])}", "    body: |", "      " + g.voice(need)]
    if g.chance(0.7):
        out += ["  parts:", f"    - author: {admin.full} (admin)", f"      at: {g.after(t, 2, 200):%Y-%m-%dT%H:%M:%SZ}",
                "      body: |", "        " + g.reply(cust.first)]
    out.append(f"  tags: [{', '.join(g.sample(['vip', 'churn-risk', 'mobile', 'web', 'first-contact', 'en'], g.ri(0, 3)))}]")
    return L(out)


def en_gong(g, need):
    org, dom, sector = g.co(g.pick(["telecom", "logistics", "insurance", "education", "travel", "utilities"]))
    client = g.pick(EN_CLIENTS)
    rep, cust, mgr = g.person(), g.person(), g.person()
    m0 = g.ri(2, 50)
    s0 = g.ri(0, 59)

    def mm(k):
        tot = m0 * 60 + s0 + k
        return f"{tot // 60:02d}:{tot % 60:02d}"
    return L(
        f"Gong · Call snippet shared by {rep.full}",
        f"Call: {org} <> {client} — {g.pick(['QBR', 'Renewal check-in', 'Onboarding week 3', 'Pricing follow-up', 'Monthly sync', 'Escalation review'])}",
        f"Date: {g.date(style=3)} · Duration: {g.ri(14, 62)}m · Participants: {rep.full} ({org}), {cust.full} ({client})"
        + (f", {g.person().full} ({client})" if g.chance(0.4) else ""),
        f"Snippet {mm(0)}–{mm(g.ri(40, 90))}", "",
        f"{mm(0)} | {rep.full} ({org})",
        g.pick(["Anything else on your side before we wrap?", "How's the rollout going with your team?",
                "Okay, so what's the main thing you'd like us to look at?", "Great. Any open questions from your team?"]),
        f"{mm(g.ri(5, 12))} | {cust.full} ({client})",
        g.pick(["", "Yeah, one thing. ", "Um, so, ", "Honestly, ", "Yeah — "]) + g.voice(need),
        f"{mm(g.ri(15, 30))} | {rep.full} ({org})",
        g.pick(["Got it, I'll take that back to the team.", "Okay, let me check and follow up by email.",
                "Yeah, that's fair. I'll loop in our support lead.", "Noted. I'll get you an answer this week."]), "",
        g.opt(0.6, f"Comment from {rep.first}: @{mgr.first} flagging this ahead of {g.pick(['renewal', 'the QBR', 'next week', 'their board meeting'])}."),
    )


def en_chorus(g, need):
    org, dom, sector = g.co(g.pick(["telecom", "logistics", "insurance", "smarthome", "marketplace"]))
    client = g.pick(EN_CLIENTS)
    rep, cust, x, y = g.person(), g.person(), g.person(), g.person()
    base = g.ri(60, 2800)

    def mm(k):
        return f"{(base + k) // 60:02d}:{(base + k) % 60:02d}"
    return L(
        "Chorus Moment",
        f"\"{client} / {org} — {g.pick(['Discovery', 'Demo', 'Check-in', 'Renewal', 'Implementation kickoff'])}\"  • {g.date(style=4)} • {g.ri(18, 58)} min",
        f"Shared by {rep.full} with {x.full}, {y.full}",
        f"Trackers: {' · '.join(g.sample(['Pricing', 'Next steps', 'Competitor', 'Timeline', 'Budget', 'Objection'], g.ri(1, 3)))}", "",
        f"[{mm(0)}] Speaker 1 ({rep.first}): {g.pick(['Does that make sense so far?', 'Anything else you wanted to raise?', 'So that covers the roadmap piece.'])}",
        f"[{mm(g.ri(3, 9))}] Speaker 2 ({cust.first}, {client}): {g.voice(need)}",
        f"[{mm(g.ri(12, 25))}] Speaker 1 ({rep.first}): {g.pick(['Good question, let me get back to you on that.', 'Right, I will check with support.', 'Okay, noted.'])}", "",
        g.pick(["Transcript generated automatically and may contain errors.", f"Comment ({x.first}): can we get a proper answer before Friday?", None]),
    )


def en_linear(g, need):
    org, dom, sector = g.co()
    team = g.pick(["ENG", "APP", "CORE", "PAY", "CX", "MOB", "WEB", "OPS"])
    cust, creator, asg = g.person(), g.person(), g.person()
    client = g.pick(EN_CLIENTS)
    return L(
        f"{team}-{g.ri(40, 4800)} {g.pick(['Customer feedback from support', 'Feedback: account area', 'Customer report (via support)', 'Triage: inbound customer report'])}",
        f"Status: {g.pick(['Triage', 'Backlog', 'Todo', 'In Progress'])} · Priority: {g.pick(['No priority', 'Low', 'Medium', 'High', 'Urgent'])} · Assignee: {asg.full if g.chance(0.6) else 'Unassigned'}",
        f"Labels: customer-feedback, {g.pick(['mobile', 'web', 'billing', 'accounts', 'notifications', 'onboarding'])}",
        g.opt(0.5, f"Project: {g.pick(['Q3 Reliability', 'Self-serve 2.0', 'Support deflection', 'Retention'])}"),
        f"Created by {creator.full} via {g.pick(['Intercom', 'Zendesk', 'Front', 'Slack', 'Plain'])} · {g.ts(style=4)}", "",
        "## Customer quote", f"> {g.voice(need)}", "",
        f"— {cust.first} {cust.last[0]}., {client} ({g.pick(['Starter', 'Growth', 'Business', 'Enterprise'])}, ${g.ri(1, 90) * 50}/mo)", "",
        "## Context",
        g.pick(["Came in through chat, agent couldn't resolve.", "Third similar report this month according to support.",
                "No repro attempted yet.", f"{creator.first} tagged this during the weekly VoC review."]), "",
        f"Linked: {g.pick(['Intercom conversation', 'Zendesk ticket', 'Front conversation'])} #{g.digits(7)}",
        g.opt(0.5, f"{g.ri(1, 9)} customer request(s) attached"),
    )


def en_github_issue(g, need):
    org, dom, sector = g.co()
    reporter, commenter = g.handle(), g.handle()
    v = g.voice(need)
    return L(
        f"# [Support] {g.pick(['Customer report', 'Feedback from ticket', 'User-reported issue', 'Inbound customer question'])} #{g.ri(120, 9800)}",
        f"{g.pick(['Open', 'Open', 'Closed'])} · {reporter} opened this issue {g.ago()} · {g.ri(0, 7)} comments",
        f"Labels: {', '.join(g.sample(['bug', 'needs-triage', 'from-support', 'customer', 'p2', 'question', 'mobile'], g.ri(1, 3)))}", "",
        "### Source", f"Support ticket #{g.digits(6)}, forwarded by @{reporter}", "",
        "### What the customer said", v, "",
        "### Environment",
        f"- App version: {g.ri(3, 9)}.{g.ri(0, 30)}.{g.ri(0, 9)}",
        f"- Platform: {g.pick(['iOS 17.5', 'Android 14', 'Web (Chrome 126)', 'Web (Safari 17)', 'iPadOS 17', 'Android 13'])}",
        f"- Region: {g.pick(['us-east', 'eu-west', 'ap-southeast', 'uk'])}", "",
        "### Additional context", g.pick(["_No response_", "Customer is happy to be contacted.", "Screenshot in the ticket."]),
        g.opt(0.5, L("", "---", f"**{commenter}** commented {g.ago()}",
                     g.pick(["Thanks, I'll try to repro on staging tomorrow.", "Moving to the mobile board.", "Is there a HAR file?", "Dup of an older one? cc @" + g.handle()]))),
    )


def en_azure_devops(g, need):
    org, dom, sector = g.co()
    v = g.voice(need)
    if any(c in v for c in "<>&"):
        return None
    proj = _slug(org)[:10].capitalize()
    asg, crt, disc = g.person(), g.person(), g.person()
    t = g.t()
    return L(
        f"{g.pick(['Bug', 'User Story', 'Issue', 'Task'])} {g.ri(10000, 99999)}: {g.pick(['Customer feedback', 'CS escalation', 'Customer-reported', 'Support ticket follow-up'])} (case {g.digits(6)})",
        f"State: {g.pick(['New', 'Active', 'Committed'])}    Reason: {g.pick(['New', 'Moved to backlog', 'Investigation'])}",
        f"Area: {proj}\\{g.pick(['Mobile', 'Web', 'Accounts', 'Billing', 'Notifications'])}    Iteration: {proj}\\Sprint {g.ri(20, 140)}",
        f"Assigned To: {asg.full} <{g.email(asg, dom)}>",
        f"Created By: {crt.full}    Created Date: {g.ts(t, 2)}",
        f"Tags: customer-reported; {g.pick(['triage', 'cx', 'voc', 'support'])}", "",
        "Repro Steps:",
        f"<div>Reported by customer via {g.pick(['phone', 'chat', 'email', 'the app feedback form'])}:</div><div><br></div><div>{v}</div>",
        g.opt(0.5, f"<div><br></div><div>Customer ref: {ref_for(g, sector)[1]}</div>"), "",
        g.opt(0.5, f"System Info: {g.pick(['iOS app 5.2.1', 'Android 6.0.3', 'Edge 125 / Windows 11', 'n/a'])}"),
        g.opt(0.5, L("Discussion:", f"{disc.full} ({g.ts(g.after(t, 30, 3000), 2)}): {g.pick(['Need more info from CS.', 'Triaged, P3.', 'Linked to feature 4412.'])}")),
    )


def en_ivr(g, need):
    org, dom, sector = g.co()
    t = g.t()
    a = g.ri(0, 9)
    retry = g.chance(0.35)
    secs = [0.0, round(g.r.uniform(4, 8), 1)]
    for _ in range(6):
        secs.append(round(secs[-1] + g.r.uniform(1.5, 7), 1))
    conf = g.r.uniform(0.41, 0.93)
    lines_ = [f"IVR session {g.uuid()}",
              f"ANI: {g.phone()}   DNIS: 1-800-555-0{g.ri(100, 199)}   Start: {g.ts(t, 0)}   Lang: {g.pick(['en-US', 'en-GB', 'en-AU', 'en-CA'])}",
              f"[{secs[0]:05.1f}] SYSTEM: Thanks for calling {org}. {g.pick(['Calls may be recorded for quality and training.', 'This call may be monitored.', ''])}",
              f"[{secs[1]:05.1f}] SYSTEM: In a few words, tell me what you're calling about."]
    i = 2
    if retry:
        lines_ += [f"[{secs[i]:05.1f}] CALLER: {g.pick(['representative', 'um', 'agent', 'hello?', '[no input]'])}",
                   f"[{secs[i + 1]:05.1f}] SYSTEM: {g.pick(['Sorry, I didn’t catch that.', 'I can get you to the right place faster if you tell me why you’re calling.'])}"]
        i += 2
    lines_ += [f"[{secs[i]:05.1f}] CALLER: {g.voice(need)}",
               f"           (ASR confidence {conf:.2f}; NLU intent: {g.pick(['fallback', 'none_match', 'unknown', 'low_confidence'])})",
               f"[{secs[i + 1]:05.1f}] SYSTEM: {g.pick(['Got it. Let me get you to someone who can help.', 'Okay. One moment while I transfer you.', 'Thanks. Please hold for the next available agent.'])}",
               f"[{secs[i + 2]:05.1f}] TRANSFER → queue {g.pick(['GEN_CARE', 'TIER1_EN', 'BILLING_Q', 'OVERFLOW', 'SPECIALIST'])}_{a} (est. wait {g.ri(1, 35)} min)",
               f"Disposition: {g.pick(['Transferred', 'Transferred', 'Abandoned in queue', 'Callback requested'])}"]
    return L(lines_)


def en_sms_short(g, need):
    org, dom, sector = g.co()
    code = g.digits(g.pick([5, 6]))
    t = g.t()
    t0 = t - timedelta(hours=g.ri(1, 200))
    url = f"{_slug(org)[:6]}.co/{g.alnum(5, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    outbound = {
        "telecom": f"{org}: Your bill of ${g.money(20, 180)} is ready. View at {url}",
        "marketplace": f"{org}: Your order #{g.digits(6)} has shipped! Track: {url}",
        "travel": f"{org}: Flight {g.alnum(2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}{g.ri(100, 2999)} now departs from gate {g.pick('ABCDE')}{g.ri(1, 40)}.",
        "health": f"{org}: Reminder of your appointment on {g.date(style=1)} at {g.clock(t, 1)}. Reply C to confirm.",
        "utilities": f"{org}: Planned maintenance in your area on {g.date(style=1)}. Details: {url}",
        "logistics": f"{org}: Your parcel is out for delivery today. Manage: {url}",
    }.get(sector, f"{org}: Thanks for being a customer! Update preferences: {url}")
    return L(
        f"Inbound SMS · short code {code} ({org})",
        f"From: {g.phone(g.pick(['us', 'ca']))}   Received: {g.ts(t, 2)}",
        f"Message: {g.voice(need)}",
        f"Keyword match: none → routed to {g.pick(['Care queue', 'SMS agents', 'Text support (Tier 1)', 'Unmatched inbox'])}",
        f"Last outbound to this number ({g.ts(t0, 9)}): \"{outbound} Reply HELP for help, STOP to opt out. Msg&data rates may apply.\"",
        g.opt(0.6, f"Auto-reply sent: \"{org}: Thanks! A team member will text you back between 8am-8pm. Reply STOP to unsubscribe.\""),
    )


def en_bot_fallback(g, need):
    org, dom, sector = g.co()
    bot = g.pick(["Ollie", "Juno", "Pip", "Skye", "Remy", "Bo", "Atlas", "Mabel"])
    menu = {"travel": ["Manage booking", "Baggage", "Something else"], "telecom": ["My bill", "Check coverage", "Something else"],
            "marketplace": ["Track an order", "Returns", "Something else"], "insurance": ["Start a claim", "My policy", "Something else"],
            "health": ["Appointments", "Billing", "Something else"], "utilities": ["Report an outage", "Pay my bill", "Something else"]}.get(
        sector, ["FAQs", "My account", "Something else"])
    t = g.t()
    fb = g.ri(1, 3)
    return L(
        f"{bot} · {g.pick(['web widget', 'in-app chat', 'WhatsApp', 'help centre'])} · session {g.alnum(10, 'abcdefghijkmnpqrstuvwxyz0123456789')}",
        g.ts(t, g.pick([0, 4, 6])),
        f"Bot: Hi! I'm {bot}, {org}'s virtual assistant. What can I help with today?",
        "  " + "  ".join(f"[{m}]" for m in menu),
        g.opt(0.6, L("User: (clicked) Something else", "Bot: Sure — type your question below.")),
        f"User: {g.voice(need)}",
        f"Bot: {g.pick(['Sorry, I’m still learning and didn’t quite get that. Could you rephrase?', 'Hmm, I’m not sure about that one. Here are some articles that might help:', 'I didn’t understand. Would you like to talk to a person?'])}",
        g.opt(0.4, "  • Contact us  • Opening hours  • Accessibility"),
        f"User: {g.pick(['agent', 'human please', '??', 'talk to a person', 'none of those', 'yes'])}",
        f"Bot: Connecting you with a member of our team. Current wait is about {g.ri(1, 40)} minutes.",
        f"--- fallback_count={fb} matched_intent=None handoff=true locale={g.pick(['en-US', 'en-GB', 'en-AU'])}",
    )


def en_csv_row(g, need):
    org, dom, sector = g.co()
    v = g.voice(need)
    cust, agent = g.person(), g.person()
    t = g.t()
    subj_need = g.chance(0.2)
    f_body = csv_field(v)
    f_need = csv_field(need)
    if f_body is None or f_need is None:
        return None
    subject = f_need if subj_need else csv_field(g.pick(EN_SUBJECTS))
    body = csv_field(g.pick(["", "see subject", "-"])) if subj_need else f_body
    header = "ticket_id,created_at,channel,customer_name,customer_email,subject,body,status,assignee,csat"
    row = ",".join([g.digits(7), g.ts(t, g.pick([0, 5])), g.pick(["email", "web", "chat", "phone", "sms", "social"]),
                    csv_field(cust.full), g.email(cust), subject, body,
                    g.pick(["open", "pending", "solved", "closed", "new"]), csv_field(agent.full), g.pick(["", "good", "bad", "", ""])])
    return L(header if g.chance(0.7) else None, row)


def en_tsv_row(g, need):
    org, dom, sector = g.co()
    cust = g.person()
    t = g.t()
    rl, rv = ref_for(g, sector)
    header = "\t".join(["Created", "Conversation ID", "Brand", "Customer", rl, "Channel", "First message", "Queue", "Sentiment"])
    row = "\t".join([g.ts(t, g.pick([0, 2, 3])), g.hexs(24), org, cust.full, rv, g.pick(["chat", "email", "sms", "voice"]),
                     g.voice(need), g.pick(["Default", "Priority", "Retention", "After hours"]), g.pick(["-0.6", "-0.2", "0.1", "0.0", "-0.8"])])
    return L(g.opt(0.6, header), row)


def en_xml_export(g, need):
    org, dom, sector = g.co()
    cust = g.person()
    t = g.t()
    rl, rv = ref_for(g, sector)
    v = g.voice(need)
    use_cdata = g.chance(0.6) or any(c in v for c in "<&")
    comment = f"<![CDATA[{v}]]>" if use_cdata else v
    return L(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<feedbackExport generated="{t:%Y-%m-%dT%H:%M:%S}" source="{g.pick(["Medallia", "InMoment", "CRM nightly", "VoC warehouse"])}" brand="{org.replace("&", "&amp;")}">',
        f'  <record id="{g.digits(9)}">',
        f"    <received>{g.ts(t, 5)}</received>",
        f"    <channel>{g.pick(['web', 'phone', 'email', 'survey', 'chat'])}</channel>",
        "    <customer>",
        f"      <name>{cust.full}</name>",
        f"      <email>{g.email(cust)}</email>",
        f'      <ref type="{rl}">{rv}</ref>',
        "    </customer>",
        f"    <comment>{comment}</comment>",
        f'    <routing queue="{g.pick(["general", "priority", "complaints", "retention"])}" priority="{g.ri(1, 4)}"/>',
        "  </record>",
        "</feedbackExport>",
    )


def en_digest(g, need):
    org, dom, sector = g.co()
    lst = g.pick(["voc-feedback", "cx-inbox", "customer-voice", "support-digest", "member-feedback"])
    vol, iss = g.ri(2, 30), g.ri(1, 60)
    cust = g.person()
    others = [g.person() for _ in range(2)]
    admin_msgs = ["Reminder: the list will be read-only during maintenance on Saturday.",
                  "Notes from Tuesday's VoC sync are on the wiki.", "Welcome to the two new folks on the Care team!",
                  "Please don't reply-all to customer emails forwarded here."]
    k = g.ri(1, 3)
    subjects = {i: (g.pick(EN_SUBJECTS) if i == k else g.pick(["Admin note", "Re: list etiquette", "Housekeeping", "Rota reminder"]))
                for i in range(1, 4)}
    senders = {i: (cust if i == k else others[i % 2]) for i in range(1, 4)}
    topics = [f"   {i}. {subjects[i]} ({senders[i].full})" for i in range(1, 4)]
    msgs = []
    day = g.t()
    stamps = [day, g.after(day, 10, 300), g.after(day, 301, 700)]
    for i in range(1, 4):
        p = senders[i]
        if i == k:
            msgs += [f"Message: {i}", f"Date: {g.ts(stamps[i - 1], 1)}", f"From: {p.full} <{g.email(p)}>", f"To: {lst}@lists.{dom}",
                     f"Subject: {subjects[i]}", f"Message-ID: <{g.hexs(12)}@{p.home_host}>", 'Content-Type: text/plain; charset="utf-8"', "",
                     g.voice(need), "", p.first, "", "------------------------------", ""]
        else:
            msgs += [f"Message: {i}", f"Date: {g.ts(stamps[i - 1], 1)}", f"From: {p.full} <{g.email(p, dom)}>", f"Subject: {subjects[i]}", "",
                     g.pick(admin_msgs), "", "------------------------------", ""]
    return L(
        f"Send {lst} mailing list submissions to", f"\t{lst}@lists.{dom}", "",
        f"When replying, please edit your Subject line so it is more specific than \"Re: Contents of {lst} digest...\"", "",
        "Today's Topics:", "", topics, "",
        "----------------------------------------------------------------------", "",
        msgs, f"End of {lst} Digest, Vol {vol}, Issue {iss}", "*" * 40,
    )


def en_translated(g, need):
    culture = g.pick(["hispanic", "slavic", "germanic", "romance", "turkpersian", "arabic", "seasian"])
    p = g.person(culture)
    lang = {"es": "Spanish", "pl": "Polish", "de": "German", "fr": g.pick(["French", "Italian"]), "tr": "Turkish",
            "ar": "Arabic", "id": g.pick(["Indonesian", "Tagalog", "Vietnamese"])}[p.lang]
    country = {"Spanish": ["Mexico", "Spain", "Colombia", "Chile"], "Polish": ["Poland"], "German": ["Germany", "Austria"],
               "French": ["France", "Belgium"], "Italian": ["Italy"], "Turkish": ["Türkiye"], "Arabic": ["UAE", "Jordan", "Egypt"],
               "Indonesian": ["Indonesia"], "Tagalog": ["Philippines"], "Vietnamese": ["Vietnam"]}[lang]
    org, dom, sector = g.co()
    agent = g.person()
    head = g.pick([f"[Auto-translated from {lang} by {g.pick(['Google Translate', 'DeepL', 'Unbabel', 'Intercom AI'])} · Show original]",
                   f"Translated ({lang} → English):", f"🌐 Machine translation — original language: {lang}"])
    return L(
        head, "",
        g.voice(need), "",
        "---",
        f"Customer: {p.full}, {g.pick(country)}   ·   Channel: {g.pick(['Email', 'WhatsApp', 'Web form', 'Chat'])}",
        g.opt(0.5, f"Detected language confidence: 0.{g.ri(81, 99)}"),
        g.opt(0.6, f"Agent note ({agent.first}): {g.pick([f'Replied in {lang} via translated macro.', 'Sent to the local-language queue.', 'Replied in English, customer seemed fine with it.'])}"),
    )


def en_ocr_letter(g, need):
    org, dom, sector = g.co(g.pick(["insurance", "utilities", "government", "health", "telecom"]))
    p = g.person()
    place = g.pick(EN_PLACES)
    a1, a2, country = g.address(place)
    c1, c2, _ = g.address()
    rl, rv = ref_for(g, sector)
    t = g.t()
    n = lambda s: ocr_noise(g, s, g.r.uniform(0.0, 0.06))  # noqa: E731
    return L(
        f"[SCAN] batch {g.digits(5)} / page 1 of {g.ri(1, 3)}   Mailroom: {g.pick(['Site B', 'Central Post', 'Claims intake', 'Records'])}   OCR: {g.pick(['ABBYY FineReader 15', 'Tesseract 5.3', 'Kofax Capture'])} conf {g.ri(71, 98)}%",
        "",
        n(p.full), n(a1), n(a2), g.opt(0.5, country), "",
        n(g.date(t, 5)), "",
        n(org), n(g.pick(["Customer Relations", "Claims Department", "Billing Enquiries", "Correspondence Unit"])),
        n(f"PO Box {g.ri(100, 9999)}"), n(c2), "",
        n(f"Re: {rl} {rv}"), "",
        n(g.pick(["Dear Sir or Madam,", "Dear Sir/Madam", "To whom it may concern,", "Dear Customer Services,"])), "",
        g.voice(need), "",
        n(g.pick(["Yours faithfully,", "Yours sincerely,", "Thank you,", "Regards,"])),
        g.pick(["(signature)", "[signature illegible]", "", p.first]),
        n(p.full),
        g.opt(0.5, f"Tel: {g.phone(place[4])}"),
        g.pick(["[END OF PAGE 1 — handwritten annotation not transcribed]", "[page 2 blank]", None]),
    )


def en_pdf_form(g, need):
    org, dom, sector = g.co(g.pick(["insurance", "government", "health", "utilities", "education", "travel"]))
    p = g.person()
    place = g.pick(EN_PLACES)
    a1, a2, country = g.address(place)
    form = {"insurance": "Claim Form CF-12 (rev. 2023)", "government": "General Service Request Form GS-4",
            "health": "Patient Correspondence Form", "utilities": "Customer Service Request", "education": "Student Services Request Form",
            "travel": "Customer Relations Form"}[sector]
    rl, rv = ref_for(g, sector)
    b = g.t()
    return L(
        f"PDF form extract · {org} · {form}",
        f"File: {_slug(form)[:12]}_{g.digits(6)}.pdf · pages {g.ri(1, 4)} · extracted {g.ts(style=5)} by {g.pick(['pdfminer', 'Docparser', 'AcroForm reader', 'Textract'])}",
        "-" * 40,
        f"applicant_name: {p.full}",
        g.opt(0.6, f"date_of_birth: {g.date(b.replace(year=g.ri(1945, 2003)), 2)}"),
        f"{_slug(rl)}: {rv}",
        f"address_line1: {a1}", f"address_line2: {a2}", f"country: {country}",
        f"phone_day: {g.phone(place[4])}",
        f"email: {g.email(p)}",
        f"preferred_contact: {g.pick(['[X] Email [ ] Phone [ ] Post', '[ ] Email [X] Phone [ ] Post', '[X] Email [X] Phone [ ] Post'])}",
        f"section_{g.ri(3, 6)}_details: {g.voice(need)}",
        f"signature_present: {g.pick(['true', 'true', 'false'])}",
        f"date_signed: {g.date(style=2)}",
        "-" * 40,
        g.opt(0.6, f"Warnings: field '{g.pick(['section_2_witness', 'office_use_only', 'agent_code', 'policy_holder_2'])}' empty"),
    )


def en_airline_form(g, need):
    org, dom, _ = g.co("travel")
    p = g.person()
    code = g.alnum(2, "ABCDEFGHJKLMNPRSTUVWXYZ")
    aps = ["LHR", "JFK", "YYZ", "SYD", "SIN", "DUB", "MEX", "BOM", "AMS", "LAX", "ORD", "AKL", "JNB", "FRA"]
    o, d = g.sample(aps, 2)
    t = g.t()
    return L(
        f"Customer Relations Web Form — {org}",
        f"Reference: CR-{g.digits(8)}   Submitted: {g.ts(t, g.pick([3, 5, 6]))}",
        f"Title: {g.pick(['Mr', 'Ms', 'Mrs', 'Mx', 'Dr'])}   First name: {p.first}   Last name: {p.last}",
        f"Email: {g.email(p)}   Phone: {g.phone()}",
        g.opt(0.6, f"Frequent flyer no.: {code} {g.digits(9)} ({g.pick(['Blue', 'Silver', 'Gold', 'Platinum'])})"),
        f"Booking reference (PNR): {g.alnum(6)}",
        f"Flight: {code}{g.ri(10, 2999)}   {g.date(t - timedelta(days=g.ri(1, 60)), 4)}   {o} → {d}",
        f"Cabin: {g.pick(['Economy', 'Premium Economy', 'Business'])}   Seat: {g.ri(1, 55)}{g.pick('ABCDEFHJK')}",
        f"Topic selected: {g.pick(['Other', 'General enquiry', 'Feedback', 'Other'])}", "",
        "Your message:", g.voice(need), "",
        f"[x] I agree to {org} processing my data in line with the Privacy Notice.",
        g.opt(0.5, f"Auto-acknowledgement sent {g.ts(g.after(t, 0, 2), 9)}: \"We aim to reply within 28 days.\""),
    )


def en_insurance_note(g, need):
    org, dom, _ = g.co("insurance")
    ins, adj = g.person(), g.person()
    t = g.t()
    lob = g.pick(["Homeowners", "Auto", "Renters", "Travel", "Pet", "Small Commercial"])
    return L(
        f"{org} · ClaimCenter",
        f"Claim {g.pick(['CLM', 'C'])}-{g.digits(9)}   Policy {g.pick(['HO', 'PA', 'RN', 'TR', 'PT', 'BOP'])}-{g.digits(7)}   LOB: {lob}",
        f"Adjuster: {adj.full}   Date of loss: {g.date(t - timedelta(days=g.ri(2, 90)), 1)}   Status: {g.pick(['Open - investigation', 'Open - awaiting docs', 'Reopened', 'Open'])}", "",
        f"Diary note {g.ts(t, 2)} ({adj.first[0]}{adj.last[0]}):",
        f"Rec'd {g.pick(['inbound call', 'email', 'portal message', 'voicemail'])} from {g.pick(['insured', 'named insured', 'claimant'])} {ins.full}. "
        + g.pick(["Verified identity (DOB + address). ", "ID verified. ", ""]) + f"Insured stated: \"{g.voice(need)}\"",
        g.pick(["Advised will review and call back within 2 business days.", "Explained next steps, insured understood.",
                "Sent acknowledgement letter.", "Will discuss with supervisor."]),
        f"Next diary: {g.date(g.after(t, 1440, 10000), 1)}",
        g.opt(0.4, f"cc: {g.person().full} (Team Lead)"),
    )


def en_patient_portal(g, need):
    org, dom, _ = g.co("health")
    p = g.person()
    doc = g.person()
    t = g.t()
    return L(
        f"{org} · MyHealth Portal — Secure Message",
        f"To: {g.pick(['Patient Financial Services', 'Front Desk – Cardiology', f'Dr. {doc.last} care team', 'Medical Records', 'Scheduling', 'Pharmacy refill line'])}",
        f"From: {p.full} (MRN {g.digits(8)})" + g.pick(["", f", proxy for {g.person().first}"]),
        f"Sent: {g.ts(t, g.pick([2, 4, 7]))}",
        f"Subject: {g.pick(['Question', 'Non-urgent question', 'Message for the office', 'Follow-up', 'General question'])}", "",
        g.voice(need), "",
        g.opt(0.5, f"{g.pick(['Thank you,', 'Thanks,', ''])} {p.first}".strip()),
        "---",
        "Automatic reply: Thank you for your message. Staff respond within 2 business days. This inbox is not monitored for emergencies — if you have an emergency, call 911.",
        f"Routed to pool: {g.pick(['PFS_GENERAL', 'CARDIO_FD', 'HIM_REQ', 'SCHED_CENTRAL'])}   Assigned: {g.person().full}, {g.pick(['RN', 'MA', 'PAR', 'CSR'])}",
    )


def en_game_ticket(g, need):
    org, dom, _ = g.co("gaming")
    game = g.pick(EN_GAMES)
    p = g.person()
    tag = g.handle(p)
    t = g.t()
    return L(
        f"{game} — Player Support ({org})",
        f"Ticket #{g.digits(8)} · Category: {g.pick(['Other', 'Other', 'Account & Login', 'Store & Purchases', 'Gameplay'])} · Language: English",
        f"Player: {tag} (ID {g.digits(10)})   Platform: {g.pick(['PC (Steam)', 'PC (Epic)', 'PS5', 'Xbox Series X|S', 'Nintendo Switch', 'iOS', 'Android'])}",
        f"Server/Region: {g.pick(['EU-West', 'NA-East', 'NA-West', 'SEA', 'OCE', 'SA'])}   Game build: {g.ri(1, 3)}.{g.ri(0, 60)}.{g.ri(0, 9)} (b{g.digits(4)})",
        f"Submitted: {g.ts(t, g.pick([0, 2, 3]))}", "",
        "Description:", g.voice(need), "",
        f"Attachments: {g.pick(['none', f'screenshot_{t:%Y%m%d}_{g.digits(4)}.png', 'dxdiag.txt', 'none'])}",
        g.opt(0.6, f"Auto-response: Hi {tag}, thanks for contacting {game} Player Support! Our team answers tickets in the order they arrive — current response time is about {g.ri(1, 5)} days."),
    )


def en_lms_help(g, need):
    org, dom, _ = g.co("education")
    p = g.person()
    instr = g.person()
    course = g.pick(["BIO 110 — Intro to Biology", "ACC 201 — Financial Accounting", "ENG 102 — Composition II",
                     "DATA 150 — Spreadsheets for Business", "HIS 230 — Modern Europe", "NUR 120 — Foundations of Care"])
    return L(
        f"{org} Online Learning · Help request #{g.digits(6)}",
        f"Submitted by: {p.full} ({g.pick(['Student', 'Student', 'Parent/Guardian', 'Instructor'])}, ID S{g.digits(7)})",
        f"Course: {course}, section {g.ri(1, 12):02d}",
        f"Browser: {g.pick(['Chrome 126 on Windows 11', 'Safari 17 on macOS', 'Chrome on ChromeOS', 'Edge 125', 'iOS app 7.4'])}",
        f"Subject: {g.pick(EN_SUBJECTS)}", "",
        "Description:", g.voice(need), "",
        f"How urgent is this? {g.pick(['Just curious', 'I need some help but it can wait', 'It is blocking my coursework', 'Urgent'])}",
        g.opt(0.5, f"cc: {instr.full} (Instructor)"),
        g.opt(0.5, f"Reply-to: {g.email(p, 'student.' + dom)}"),
    )


def en_utility_form(g, need):
    org, dom, _ = g.co("utilities")
    p = g.person()
    place = g.pick(EN_PLACES)
    a1, a2, _ = g.address(place)
    t = g.t()
    return L(
        f"{org} — Contact Us submission",
        f"Account number: {g.digits(3)}-{g.digits(6)}-{g.digits(3)}   Service address: {a1}, {a2}",
        g.opt(0.6, f"Meter #: {g.alnum(2)}{g.digits(8)}"),
        f"Name: {p.full}   Phone: {g.phone(place[4])}   Email: {g.email(p)}",
        f"Preferred contact time: {g.pick(['Mornings', 'Afternoons', 'Evenings', 'Any time'])}", "",
        "How can we help?", g.voice(need), "",
        f"Reference: WEB-{g.digits(7)} · Received {g.ts(t, g.pick([2, 4]))} · Expected response: within {g.ri(2, 5)} business days",
        g.opt(0.4, "If you smell gas or see a downed line, leave the area and call 911 — do not use this form."),
    )


def en_gov_311(g, need):
    org, dom, _ = g.co("government")
    t = g.t()
    a1, a2, _ = g.address()
    sts = [g.ts(t, 2), g.ts(g.after(t, 10, 600), 2), g.ts(g.after(t, 700, 5000), 2)]
    dept = g.pick(["Public Works", "Licensing", "Revenue & Collections", "Customer Service Center", "Transportation", "Clerk's Office"])
    return L(
        f"Service Request SR-{t.year}-{g.digits(6)}",
        f"Agency: {org} · {dept}",
        f"Request type: {g.pick(['General Inquiry', 'Other', 'Information Request', 'General Inquiry'])}",
        f"Source: {g.pick(['Mobile App', 'Web', 'Phone (311)', 'Walk-in', 'Email'])}",
        f"Location: {a1}, {a2}", "",
        "Description (as entered by resident):", g.voice(need), "",
        "Status history:", f"  {sts[0]}  Submitted", f"  {sts[1]}  Assigned — {dept}",
        g.opt(0.6, f"  {sts[2]}  {g.pick(['In progress', 'Closed - referred', 'Closed - information provided', 'Pending resident response'])}"),
        g.opt(0.4, f"Resolution note: {g.pick(['Resident contacted by phone.', 'Referred to the appropriate department.', 'Left voicemail.'])}"),
        f"Do not reply to this message. Track your request at https://{dom}/311/{g.digits(6)}",
    )


def en_logistics(g, need):
    org, dom, _ = g.co("logistics")
    shipper, sdom, _ = g.co("marketplace")
    cons = g.person()
    place = g.pick(EN_PLACES)
    t = g.t()
    trk = g.pick([f"1Z{g.alnum(6)}{g.digits(10)}", g.digits(12), f"{g.alnum(2)}{g.digits(9)}GB"])
    return L(
        f"From: {org} Claims & Exceptions <noreply-claims@{dom}>",
        f"Subject: Shipment {trk} – customer comment received",
        f"Date: {g.ts(t, 1)}", "",
        f"Shipper: {shipper} (acct {g.digits(7)})",
        f"Consignee: {cons.full}, {place[0]}",
        f"Service: {g.pick(['Ground', 'Express Saver', '2Day', 'Economy', 'Next Day 10:30'])}",
        f"Last scan: {g.pick(['DELIVERY EXCEPTION', 'OUT FOR DELIVERY', 'DELIVERED', 'ARRIVED AT FACILITY'])} · {place[0]} · {g.ts(t - timedelta(hours=g.ri(1, 72)), 9)}", "",
        "Customer comment (via tracking page):", f"\"{g.voice(need)}\"", "",
        "Please reply to this email to add information to the case. Do not change the subject line.",
        f"{org} · Case {g.alnum(3)}{g.digits(7)}",
    )


def en_messenger(g, need):
    org, dom, sector = g.co()
    p = g.person()
    agent = g.person()
    t = g.t()
    return L(
        f"Meta Business Suite · Inbox · {g.pick(['Messenger', 'Instagram Direct'])}",
        f"{org}  ↔  {p.full}" + g.pick(["", "  · Label: Follow up", "  · Label: New customer", "  · Label: Priority"]),
        "---",
        g.ts(t, g.pick([4, 9])),
        f"{org} (automated): Hi {p.first}! Thanks for messaging us. We typically reply within a few hours.",
        g.ts(g.after(t, 0, 3), g.pick([4, 9])),
        f"{p.first}: {g.voice(need)}",
        g.opt(0.6, L(g.ts(g.after(t, 15, 400), g.pick([4, 9])), f"{org}: {g.reply(p.first)} – {agent.first}")),
        g.pick(["Seen", "Delivered", ""]) or None,
    )


def en_twilio(g, need):
    org, dom, sector = g.co()
    p = g.person()
    return L(
        f"POST /webhooks/whatsapp 200 ({g.ri(40, 900)}ms)  {g.ts(style=5)}",
        f"SmsMessageSid: SM{g.hexs(32)}",
        "NumMedia: 0",
        f"ProfileName: {p.first if g.chance(0.5) else p.full}",
        f"WaId: {g.digits(11)}",
        f"From: whatsapp:+{g.pick(['447700900', '14155550', '9198', '23480', '2782', '61491570'])}{g.digits(3)}",
        f"To: whatsapp:+1555{g.digits(7)}",
        f"Body: {g.voice(need)}",
        f"AccountSid: AC{g.hexs(32)}",
        "ApiVersion: 2010-04-01",
        f"→ routed to Flex queue {g.pick(['wa_general', 'wa_priority', 'care_en', 'care_overflow'])}, task WT{g.hexs(32)}",
    )


def en_hotjar(g, need):
    org, dom, sector = g.co()
    sc = g.ri(1, 5)
    em = ["😡", "🙁", "😐", "🙂", "😍"][sc - 1]
    return L(
        "Hotjar · New feedback",
        f"Site: {dom}",
        f"Page: https://{dom}/{g.pick(['account', 'checkout', 'help/contact', 'billing/overview', 'manage', 'pricing', 'my-trips', 'claims/new'])}",
        f"Rating: {em} ({sc}/5)",
        f"Comment: {g.voice(need)}",
        f"Device: {g.pick(['Desktop', 'Mobile', 'Tablet'])} · {g.pick(['Chrome 126', 'Safari 17', 'Firefox 127', 'Samsung Internet 25'])} · {g.pick(['Windows', 'macOS', 'iOS', 'Android'])}",
        f"Country: {g.pick(EN_PLACES)[3]}",
        g.opt(0.5, f"User attributes: user_id={g.digits(8)}, plan={g.pick(['free', 'plus', 'pro'])}"),
        f"Time: {g.ts(style=g.pick([2, 4, 6]))}",
        "[View response]  [Watch recording]",
    )


def en_pendo(g, need):
    org, dom, sector = g.co()
    p = g.person()
    acct = g.pick(EN_CLIENTS)
    return L(
        "Pendo · Poll response",
        f"Guide: \"{g.pick(['Q2 in-app pulse', 'Dashboard feedback', 'Post-onboarding check', 'Mobile app NPS'])}\" · Poll: \"{g.pick(['What is one thing we could do better?', 'Anything we should know?', 'Why did you give that score?'])}\"",
        f"Visitor: {g.email(p, _slug(acct) + '.com')} (id {g.digits(7)})",
        f"Account: {acct} ({g.pick(['Starter', 'Growth', 'Enterprise'])})",
        g.opt(0.5, f"NPS score: {g.ri(0, 10)}"),
        f"Response: {g.voice(need)}",
        f"Submitted: {g.ts(style=g.pick([0, 5]))}",
        f"Page: /{g.pick(['app/home', 'app/settings', 'app/reports', 'app/billing', 'app/users'])}   App: {org} {g.pick(['Web', 'iOS', 'Android'])}",
    )


def en_csm_note(g, need):
    org, dom, sector = g.co()
    client = g.pick(EN_CLIENTS)
    csm, cust, other = g.person(), g.person(), g.person()
    t = g.t()
    return L(
        f"Gainsight Timeline · {g.pick(['Call', 'Meeting', 'Email', 'In-person'])} · {client} · ARR ${g.ri(8, 400)}k · Health {g.pick(['Red', 'Yellow', 'Green'])}",
        f"Author: {csm.full} ({g.pick(['Customer Success Manager', 'Account Manager', 'Senior CSM'])})  {g.ts(t, 4)}",
        f"Attendees: {cust.full}, {other.full}" + g.pick(["", f", {g.person().full}"]),
        f"Subject: {g.pick(['Monthly check-in', 'EBR prep', 'Renewal – 90 day', 'Onboarding wrap-up', 'Escalation follow-up'])}", "",
        "Notes:",
        f"- {g.pick(['Usage up since last month.', 'Team grew by a few seats.', 'Still happy with the rollout overall.', 'New finance contact joining next quarter.'])}",
        f"- {cust.first} ({g.pick(EN_CUST_TITLES)}) raised: \"{g.voice(need)}\"",
        f"- {g.pick(['Agreed to revisit at next call.', 'No budget concerns flagged.', f'{other.first} asked for training slots.'])}", "",
        "Next steps:",
        f"- {csm.first} to follow up by {g.date(g.after(t, 1440, 10000), 3)}",
        g.opt(0.5, f"CTA created: {g.pick(['Risk – support experience', 'Follow-up – product question', 'Expansion signal'])}"),
    )


def en_bbb(g, need):
    org, dom, sector = g.co()
    p = g.person()
    place = g.pick([x for x in EN_PLACES if x[4] in ("us", "ca")])
    t = g.t()
    return L(
        f"BBB Complaint #{g.digits(8)} · {org}",
        f"Filed: {g.date(t, 1)} · Complaint type: {g.pick(['Customer Service Issues', 'Customer Service Issues', 'Other', 'Service or Repair Issues'])}",
        f"Consumer: {p.first} {p.last[0]}., {place[0]}, {place[1]}", "",
        "Complaint:", g.voice(need), "",
        f"Desired outcome: {g.pick(['Other', 'Explanation', 'Other'])}",
        f"Business response due: {g.date(g.after(t, 14 * 1440, 15 * 1440), 1)}",
        g.opt(0.4, f"Forwarded internally to: {g.person().full}, {g.pick(EN_AGENT_ROLES)}"),
    )


def en_tawk(g, need):
    org, dom, sector = g.co()
    v, a = g.person(), g.person()
    place = g.pick(EN_PLACES)
    t = g.t()
    ts = [t]
    for _ in range(4):
        ts.append(g.after(ts[-1], 0, 3))
    dur = (ts[-1] - t).seconds
    return L(
        f"Chat transcript — {org}",
        f"Visitor: {v.full} ({g.email(v)})   Location: {place[0]}, {place[3]}",
        f"Page: https://{dom}/{g.pick(['', 'support', 'contact', 'plans', 'account/login'])}",
        f"Started: {g.ts(t, g.pick([0, 3, 4]))}   Duration: {dur // 60}m {dur % 60}s   Rating: {g.pick(['—', '👍', '👎', '—'])}",
        "----",
        f"({g.clock(ts[0], 2)}) {a.first}: {g.pick(['Hi there 👋 How can we help?', f'Hello! This is {a.first}. What can I do for you?', 'Hi, thanks for waiting. How can I help today?'])}",
        f"({g.clock(ts[1], 2)}) {v.first}: {g.voice(need)}",
        f"({g.clock(ts[2], 2)}) {a.first}: {g.reply(v.first)}",
        g.opt(0.6, f"({g.clock(ts[3], 2)}) {v.first}: {g.pick(['ok ty', 'thanks', 'great', 'ok', 'cool thanks'])}"),
        "----",
        f"Chat ended by {g.pick(['visitor', 'agent', 'system (inactivity)'])}",
    )


def en_email_body(g, need):
    org, dom, sector = g.co()
    cust = g.person()
    client = g.pick(EN_CLIENTS + [None, None, None])
    t = g.t()
    support = f"{g.pick(['help', 'support', 'customercare', 'hello', 'care', 'contact'])}@{dom}"
    ccp = g.person()
    cc = g.opt(0.3, f"{ccp.full} <{g.email(ccp)}>")
    rl, rv = ref_for(g, sector)
    body = en_body(g, need, cust, client or org, g.pick([None, g.person().first]), f"{rl} {rv}")
    tail = []
    if client:
        tail.append(en_sig(g, cust, client))
        if g.chance(0.5):
            tail += ["", en_disclaimer(g, client)]
    else:
        tail.append(g.pick([cust.first, cust.full, f"{cust.first} ({rl}: {rv})"]))
        if g.chance(0.4):
            tail += ["", g.pick(EN_MOBILE)]
    return L(en_mailhdr(g, f"{cust.full} <{g.email(cust)}>", support, g.pick(EN_SUBJECTS), t, cc), "", body, "",
             g.pick(EN_SIGNOFFS), tail)


def en_email_subject(g, need):
    org, dom, sector = g.co()
    cust = g.person()
    t = g.t()
    body = g.pick(["", "As per subject — thanks.", "(no message body)", g.pick(EN_MOBILE), f"See above.\n{cust.first}",
                   "Thanks", f"{ref_for(g, sector)[0]}: {ref_for(g, sector)[1]}", "?"])
    return L(en_mailhdr(g, f"\"{cust.full}\" <{g.email(cust)}>", f"{g.pick(['support', 'info', 'help'])}@{dom}", need, t), "", body or None)


def en_partner_fwd(g, need):
    org, dom, sector = g.co()
    reseller = g.pick(["Keystone Channel Partners", "Brightlink Resellers", "Orrin IT Services", "Marlin Telecom Brokers",
                       "Polestar Travel Agency", "Greyfield Insurance Brokers", "Cobble Street Computers"])
    rdom = _slug(reseller) + g.pick([".com", ".co.uk", ".net"])
    rc, pm, end = g.person(), g.person(), g.person()
    t0 = g.t()
    t1 = g.after(t0, 30, 2000)
    subj = g.pick(EN_SUBJECTS)
    return L(
        en_mailhdr(g, f"{rc.full} <{g.email(rc, rdom)}>", f"{pm.full} <{g.email(pm, dom)}>", f"FW: {subj}", t1,
                   g.opt(0.4, f"partners@{dom}")), "",
        f"Hi {pm.first},", "",
        g.pick([f"Forwarding from one of our end customers ({end.first} at {g.pick(EN_CLIENTS)}). Can you advise?",
                "See below from a client of ours — could you point me in the right direction?",
                f"{rc.first} from {reseller} here. Another one for you, below. Thanks!"]), "",
        g.pick(EN_SIGNOFFS), en_sig(g, rc, reseller, rdom, g.pick(["Partner Account Manager", "Sales Engineer", "Director", "Service Desk Lead"])), "",
        "-----Original Message-----",
        f"From: {end.full} <{g.email(end)}>",
        f"Sent: {g.ts(t0, 7)}",
        f"To: {rc.full} <{g.email(rc, rdom)}>",
        f"Subject: {subj}", "",
        g.voice(need), "",
        g.pick(EN_SIGNOFFS), end.first,
    )


EN_TEMPLATES = [
    ("freshdesk_notify", en_freshdesk_notify), ("kustomer_export", en_kustomer), ("gorgias_shopify", en_gorgias),
    ("zendesk_side_conversation", en_zendesk_side), ("salesforce_case_email", en_sf_case), ("teams_message", en_teams),
    ("google_chat", en_google_chat), ("discord_export", en_discord), ("reddit_post", en_reddit),
    ("google_review", en_google_review), ("g2_review", en_g2), ("capterra_review", en_capterra),
    ("typeform_notification", en_typeform), ("surveymonkey_response", en_surveymonkey), ("qualtrics_csv", en_qualtrics_csv),
    ("intercom_json", en_intercom_json), ("intercom_yaml", en_intercom_yaml), ("gong_snippet", en_gong),
    ("chorus_moment", en_chorus), ("linear_issue", en_linear), ("github_issue", en_github_issue),
    ("azure_devops_item", en_azure_devops), ("ivr_transcript", en_ivr), ("sms_short_code", en_sms_short),
    ("chatbot_fallback", en_bot_fallback), ("csv_row", en_csv_row), ("tsv_row", en_tsv_row), ("xml_export", en_xml_export),
    ("mailing_list_digest", en_digest), ("auto_translated", en_translated), ("ocr_letter", en_ocr_letter),
    ("pdf_form_extract", en_pdf_form), ("airline_web_form", en_airline_form), ("insurance_diary_note", en_insurance_note),
    ("patient_portal_message", en_patient_portal), ("game_support_ticket", en_game_ticket), ("lms_help_request", en_lms_help),
    ("utility_contact_form", en_utility_form), ("gov_311_request", en_gov_311), ("carrier_exception_email", en_logistics),
    ("meta_inbox", en_messenger), ("twilio_whatsapp_log", en_twilio), ("hotjar_feedback", en_hotjar),
    ("pendo_poll", en_pendo), ("gainsight_timeline", en_csm_note), ("bbb_complaint", en_bbb), ("tawk_transcript", en_tawk),
    ("customer_email", en_email_body), ("email_need_in_subject", en_email_subject), ("partner_forward", en_partner_fwd),
]


# ===========================================================================
# Chinese furniture helpers
# ===========================================================================

ZH_SUBJECTS = ["咨询", "求助", "问题反馈", "请协助处理", "关于使用的问题", "（无主题）", "急", "用户来信",
               "麻烦看一下", "反馈一个情况", "咨询一下", "客户问题", "转：客户反馈"]
ZH_GREETS = ["您好：", "你好，", "客服您好，", "{agent}你好，", "{agent}您好：", "各位好：", "在吗？", "", "打扰一下，", "您好！"]
ZH_CLOSERS = ["麻烦尽快回复。", "谢谢！", "辛苦了～", "盼复。", "有结果请告知，谢谢。", "感谢！", "麻烦了"]
ZH_DISCLAIMERS = [
    "【保密提示】本邮件及附件仅供指定收件人使用，可能含有{co}的商业秘密。如您误收本邮件，请立即告知发件人并删除，不得复制、转发或披露。",
    "本邮件由{co}邮件系统自动扫描，未发现病毒。请勿回复此邮件至无人值守地址。",
    "温馨提示：{co}工作人员不会以任何理由向您索要验证码或密码，谨防诈骗。",
    "此邮件仅代表发件人个人观点，不构成{co}的任何承诺或要约。",
    "为了环保，非必要请勿打印本邮件。",
    "Confidentiality Notice: This e-mail may contain confidential information of {co}. 若非指定收件人，请勿使用。",
]


def zh_sig(g, p, org=None, dom=None, role=None):
    org = org or g.pick(ZH_CLIENTS)
    role = role or g.pick(["行政主管", "采购专员", "财务经理", "IT负责人", "店长", "运营总监", "总经理助理", "人事专员", "办公室主任"])
    style = g.ri(0, 3)
    if style == 0:
        return L(p.full, f"{org}｜{role}", f"手机：{g.zmobile(False)}", g.opt(0.5, f"电话：{g.zlandline()}"),
                 g.opt(0.6, f"地址：{g.zaddress()}"), g.opt(0.5, f"邮箱：{g.zemail(p, dom) if dom else g.zemail(p)}"))
    if style == 1:
        return L("——————————", f"{p.full}　{role}", org, f"Tel：{g.zlandline()}　Mob：{g.zmobile(False)}")
    if style == 2:
        return L(p.full, g.opt(0.5, g.zdate(style=1)))
    return L(f"{org} {p.full}", g.opt(0.6, f"微信同号 {g.zmobile(False)}"))


def zh_body(g, need, agent=None):
    gr = g.pick(ZH_GREETS)
    if "{agent}" in gr:
        gr = gr.format(agent=agent or g.zperson().sur + g.pick(["经理", "工", "老师", "小姐", "先生"]))
    return L(gr or None, g.zvoice(need), g.opt(0.4, g.pick(ZH_CLOSERS)))


def zh_ref(g, sector):
    d = g.digits
    return {
        "telecom": ("服务号码", g.zmobile()), "shop": ("订单号", d(18)), "smart": ("设备SN", f"{g.alnum(2)}{d(10)}"),
        "travel": ("订单号", d(13)), "insurance": ("保单号", f"P{g.alnum(3)}{d(14)}"), "health": ("就诊卡号", d(10)),
        "gaming": ("角色ID", d(9)), "education": ("学员编号", f"XY{d(8)}"), "utilities": ("户号", d(10)),
        "logistics": ("运单号", f"{g.pick(['XC', 'BD', 'HY', 'ST'])}{d(13)}"),
    }[sector]


# ===========================================================================
# Chinese templates
# ===========================================================================

def zh_wecom_group(g, need):
    _, short, dom, sector = g.zco()
    client = g.pick(ZH_CLIENTS)
    cust, agent, owner = g.zperson(), g.zperson(), g.zperson()
    t = g.t()
    t1 = g.after(t, 1, 30)
    t2 = g.after(t1, 1, 20)
    cname = g.pick([f"{cust.full}@微信", f"{client[:4]}-{cust.full}", f"{cust.sur}{g.pick(['总', '经理', '姐', '哥'])}@微信"])
    return L(
        f"【{short}服务群（{client[:6]}）】聊天记录",
        g.zts(t, g.pick([0, 1, 2])),
        f"{cname}：{g.zvoice(need)}",
        g.zts(t1, g.pick([0, 1, 2])),
        f"{agent.full}@{short}：{g.pick([f'@{cust.full} ', ''])}{g.zreply(g.zhon(cust))}",
        g.opt(0.6, L(g.zts(t2, g.pick([0, 1, 2])),
                     f"{cname}：{g.pick(['好的', '👌', '收到，谢谢', '行，等你们消息', '[OK]'])}")),
        f"—— 以上消息由群主 {owner.full} 于 {g.zts(g.after(t2, 60, 3000), 2)} 导出 ——",
    )


def zh_dingtalk_group(g, need):
    _, short, dom, sector = g.zco()
    a, b, cust = g.zperson(), g.zperson(), g.zperson()
    client = g.pick(ZH_CLIENTS)
    t = g.t()
    return L(
        f"[{g.pick(['客户问题对接群', '售后支持群', '大客户服务群', '一线-二线协同群'])}]",
        f"{a.full}  {g.clock(t)}",
        g.pick([f"@{b.full} {client[:6]}{g.zhon(cust)}那边反馈：“{g.zvoice(need)}”，麻烦看下",
                f"@{b.full} 客户原话：{g.zvoice(need)}\n客户是{client}的，{g.pick(['比较急', '不急', '明天前回复就行'])}",
                f"@所有人 {g.zhon(cust)}刚打电话说：{g.zvoice(need)}"]),
        f"[已读 {g.ri(1, 30)}  未读 {g.ri(0, 12)}]",
        f"{b.full}  {g.clock(g.after(t, 1, 40))}",
        g.pick(["收到，我下午跟进", "好的，我先联系客户", "这个要找产品确认下，@" + g.zperson().full, "👌", "已建单，单号" + g.digits(8)]),
        g.opt(0.4, f"{a.full}  {g.clock(g.after(t, 41, 90))}\n辛苦"),
    )


def zh_feishu_comment(g, need):
    _, short, dom, sector = g.zco()
    a, b, owner = g.zperson(), g.zperson(), g.zperson()
    t = g.t()
    doc = g.pick([f"{t.year}Q{(t.month - 1) // 3 + 1} 客户反馈汇总", "用户原声收集（持续更新）", f"{short}-客诉周报素材",
                  "一线问题反馈池", f"第{g.ri(1, 52)}周 VOC 整理"])
    return L(
        f"飞书云文档｜《{doc}》",
        f"└ 划词评论（{a.full}，{g.zts(t, g.pick([1, 6]))}）",
        f"  引用：{g.zvoice(need)}",
        f"  {a.full}：{g.pick(['这条是客户电话里的原话，需要产品确认', '先挂在这，周会过一下', '这条谁认领一下？', '跟上周那条是不是一类？'])}",
        g.opt(0.7, f"  └ {b.full} 回复：{g.pick(['我来跟', '收到', '已同步给研发', '不是一类，我单独建个卡片', '@' + g.zperson().full + ' 看下'])}"),
        f"文档所有者：{owner.full} · 最近编辑：{g.zts(g.after(t, 5, 600), 6)}",
    )


def zh_xiaohongshu(g, need):
    _, short, dom, sector = g.zco()
    nick = g.znick()
    title_need = g.chance(0.25) and len(need) <= 20
    title = need if title_need else g.pick(["求助🆘", "有没有人知道😭", "吐槽一下", f"{short}用户来问", "宝子们帮帮忙", "真的会谢", "姐妹们避雷还是我的问题？"])
    body = g.pick(["如题", "如题，在线等", "有懂的姐妹吗", "[哭惹R]"]) if title_need else g.zvoice(need)
    return L(
        "小红书 · 笔记",
        title,
        f"{nick}　IP属地：{g.pick(ZH_PLACES)[0].rstrip('省市').replace('壮族自治区', '')}",
        "",
        body,
        " ".join(f"#{x}" for x in g.sample([short, "求助", "日常", "打工人", "生活小技巧", "避雷", "好物分享"], g.ri(1, 3))),
        f"编辑于 {g.zts(style=g.pick([3, 9]))}",
        f"❤️ {g.ri(0, 999)}  ⭐ {g.ri(0, 300)}  💬 {g.ri(0, 200)}",
        "",
        g.opt(0.5, f"{short}官方（作者回复区）：宝子你好～{g.zreply().replace('亲，', '').replace('亲亲，', '')}"),
        g.opt(0.5, f"{g.znick()}：{g.pick(['同问', '蹲一个后续', '我也是', '+1', '私信问问客服呢'])}"),
    )


def zh_weibo(g, need):
    _, short, dom, sector = g.zco()
    nick = g.znick()
    return L(
        f"{nick}{g.pick(['', '', ' ', ' V'])}",
        f"{g.zts(style=g.pick([3, 6, 9]))} 来自 {g.pick(['iPhone 15 Pro Max', 'HUAWEI Mate 60 Pro', '微博网页版', 'Redmi K70', 'vivo X100', '荣耀Magic6'])}",
        f"@{short} @{short}客服 {g.zvoice(need)}",
        f"转发 {g.ri(0, 99)} | 评论 {g.ri(0, 300)} | 赞 {g.ri(0, 999)}",
        g.opt(0.6, L("—— 评论 ——", f"{short}客服：您好，{g.zreply().split('，', 1)[-1]}请私信我们提供一下联系方式～")),
        g.opt(0.3, f"{g.znick()}：{g.pick(['同款问题', '帮顶', '转发了'])}"),
    )


def zh_zhihu(g, need):
    _, short, dom, sector = g.zco()
    title_need = g.chance(0.4) and len(need) <= 30
    a = g.zperson()
    return L(
        "知乎 · 问题",
        need if title_need else g.pick([f"关于{short}的一点疑问", f"{short}的用户可以进来看看吗？", "这种情况该怎么办？", "请教一个问题"]),
        f"关注者 {g.ri(1, 800)} · 被浏览 {g.ri(20, 90000)}",
        f"问题描述：{g.pick(['如题。', '如题，谢谢各位。', '无'])}" if title_need else f"问题描述：{g.zvoice(need)}",
        "",
        f"{g.ri(0, 40)} 个回答 · 默认排序",
        g.opt(0.6, f"{a.full if g.chance(0.3) else g.znick()}（{g.pick([f'{short} 员工', '资深用户', '互联网从业者', '已认证'])}）：{g.pick(['可以先在App里找在线客服，会快一点。', '建议直接打客服电话。', '之前遇到过，后来是客服处理的。', '谢邀，这个得看具体情况。'])}"),
    )


def zh_xiaofeibao(g, need):
    _, short, dom, sector = g.zco()
    name = g.zco(sector)[0]
    t = g.t()
    return L(
        f"{g.pick(['消费保', '聚投诉'])} · 投诉单 {g.digits(10)}",
        f"投诉对象：{name}",
        f"投诉诉求：{g.pick(['要求处理', '要求解释说明', '其他', '要求处理'])}",
        f"涉诉金额：{g.pick(['未填写', '0元', str(g.ri(10, 3000)) + '元'])}",
        f"投诉进度：已提交 → {g.pick(['已分配', '已分配 → 商家处理中', '已分配 → 商家已回复'])}",
        f"投诉人：{g.znick()}　{g.zts(t, g.pick([0, 1]))}",
        "",
        "【投诉内容】", g.zvoice(need),
        g.opt(0.5, f"\n【商家回复】{g.zts(g.after(t, 60, 4000), 1)}\n{g.zreply()}"),
    )


def zh_12315(g, need):
    name, short, dom, sector = g.zco(g.pick(["shop", "smart", "telecom", "travel", "education"]))
    prov = g.pick(ZH_PLACES)
    p = g.zperson()
    t = g.t()
    return L(
        "全国12315平台 · 投诉举报登记",
        f"登记编号：{t:%Y%m%d}{g.digits(8)}（{prov[0]}）",
        f"投诉人：{p.masked}　联系电话：{g.zmobile(True)}",
        f"被投诉方：{name}",
        f"被投诉方地址：{g.zaddress()}",
        f"消费方式：{g.pick(['网购', '实体店', '电话购物', '其他'])}　购买时间：{g.zdate(t - timedelta(days=g.ri(1, 90)), 1)}　涉及金额：{g.ri(29, 6999)}元",
        "投诉问题描述：", g.zvoice(need),
        f"投诉诉求：{g.pick(['要求经营者给予说明', '其他', '要求经营者处理'])}",
        f"处理状态：{g.pick(['已分流至' + prov[1] + g.pick(prov[2]) + '市场监督管理局', '待受理', '已受理，调解中', '已转经营者（在线纠纷解决ODR）'])}",
        f"分流时间：{g.zts(g.after(t, 600, 5000), 0)}",
    )


def zh_12345(g, need):
    prov, city, dists = g.pick(ZH_PLACES)
    p = g.zperson()
    t = g.t()
    dist = g.pick(dists)
    return L(
        f"{city}12345政务服务便民热线 · 工单",
        f"工单编号：{t:%Y%m%d}{g.digits(6)}",
        f"来电时间：{g.zts(t, 0)}　来电号码：{g.zmobile(True)}",
        f"诉求类型：{g.pick(['咨询', '求助', '建议', '咨询'])}",
        f"诉求人：{g.zhon(p)}",
        f"事发地址：{city}{dist}{g.pick(ZH_ROADS)}{g.ri(1, 500)}号附近",
        f"诉求内容：市民来电反映：{g.zvoice(need)}",
        f"承办单位：{g.pick([dist + g.pick(['街道办事处', '市场监督管理局', '住建局']), g.zco()[0] + '（转办）', '市城市管理局'])}",
        f"办理时限：{g.ri(1, 15)}个工作日　派单人：{g.digits(4)}",
        f"回访结果：{g.pick(['满意', '基本满意', '未回访', '不满意'])}",
    )


def zh_zhichi(g, need):
    _, short, dom, sector = g.zco()
    cust, agent = g.zperson(), g.zperson()
    t = g.t()
    title_need = g.chance(0.3)
    return L(
        "智齿客服 · 工单详情",
        f"工单编号：{g.digits(14)}　工单标题：{need if title_need else g.pick(ZH_SUBJECTS)}",
        f"工单状态：{g.pick(['受理中', '待受理', '已解决', '已关闭'])}　优先级：{g.pick(['低', '中', '高', '紧急'])}　受理组：{g.pick(['售后组', '二线支持', '投诉组', 'VIP组'])}",
        f"受理客服：{agent.full}",
        f"客户：{cust.full}　手机：{g.zmobile()}　来源：{g.pick(['App', 'H5', '微信公众号', '小程序', '邮件', '电话'])}",
        "工单描述：", g.pick(["见标题", "同标题", "（无）"]) if title_need else g.zvoice(need),
        "———— 回复记录 ————",
        f"{g.zts(g.after(t, 3, 60), 0)} {agent.full}（内部备注）：{g.pick(['已核实账户信息', '客户来电两次', '需技术确认', '已同步组长'])}",
        g.opt(0.6, f"{g.zts(g.after(t, 61, 300), 0)} {agent.full}（回复客户）：{g.zreply(g.zhon(cust))}"),
    )


def zh_qiyu(g, need):
    _, short, dom, sector = g.zco()
    agent = g.zperson()
    bot = g.pick(["小七", "小悦", "小栗", "阿澜", "小途", "小鹿"])
    visitor = g.pick([f"访客{g.digits(6)}", g.znick(), g.zperson().full])
    t = g.t()
    return L(
        "网易七鱼 · 会话记录",
        f"会话ID：{g.digits(10)}　访客：{visitor}　来源：{g.pick(['App', '微信公众号', '网页', '小程序', '企业微信'])}",
        f"访客轨迹：{' → '.join(g.sample(['首页', '我的', '订单详情', '帮助中心', '设置', '会员中心', '活动页'], 2))} → 联系客服",
        f"接入时间：{g.zts(t, 0)}　排队 {g.ri(0, 300)} 秒",
        f"机器人：您好，我是智能助理{bot}，请问有什么可以帮您？",
        f"{visitor}：{g.zvoice(need)}",
        "机器人：为您转接人工客服，请稍候…",
        f"{agent.full}：{g.zreply()}",
        g.opt(0.5, f"{visitor}：{g.pick(['好的', '嗯', '谢谢', '好吧'])}"),
        f"会话结束原因：{g.pick(['访客离开', '客服关闭', '超时自动结束'])}",
        f"满意度：{g.pick(['非常满意 ★★★★★', '满意 ★★★★', '一般 ★★★', '未评价'])}",
    )


def zh_udesk(g, need):
    _, short, dom, sector = g.zco()
    cust, agent = g.zperson(), g.zperson()
    client = g.pick(ZH_CLIENTS)
    tid = g.digits(7)
    return L(
        f"主题：【Udesk】工单 #{tid} 有新回复",
        f"发件人：{short}客服中心 <noreply@{_slug(dom.split('.')[0])}.udesk.cn>",
        "",
        f"工单主题：{g.pick(ZH_SUBJECTS)}",
        f"客户：{cust.full}（{client}）",
        f"客服组：{g.pick(['售后支持', '技术支持', '大客户组', '客服一组'])}　处理人：{agent.full}",
        f"状态：{g.pick(['开启', '解决中', '已解决'])}　优先级：{g.pick(['标准', '紧急', '高', '低'])}",
        f"自定义字段：产品线={g.pick(['标准版', '专业版', '企业版'])}；区域={g.pick(['华东', '华南', '华北', '西南'])}；合同编号=HT{g.digits(8)}",
        "——————————————",
        f"{cust.full} 于 {g.zts(style=g.pick([0, 1]))} 回复：",
        g.zvoice(need),
        g.opt(0.4, zh_sig(g, cust, client)),
        "——————————————",
        f"查看工单：https://{_slug(dom.split('.')[0])}.udesk.cn/entry/ticket/detail/{tid}",
        "此邮件由系统自动发送，请勿直接回复。",
    )


def zh_huanxin(g, need):
    _, short, dom, sector = g.zco()
    v = g.zvoice(need)
    if '"' in v or "\\" in v:
        return None
    cust = g.zperson()
    t = g.t()
    uid, kid = f"user_{g.digits(8)}", f"kefu_{g.digits(4)}"
    m1 = {"msg_id": g.digits(18), "timestamp": g.epoch(t) * 1000, "from": uid, "to": kid, "chat_type": "chat",
          "payload": {"bodies": [{"type": "txt", "msg": v}],
                      "ext": {"weichat": {"visitor": {"trueName": cust.full, "phone": g.zmobile(True)},
                                          "originType": g.pick(["app", "webim", "weixin"])}}}}
    out = [json.dumps(m1, ensure_ascii=False)]
    if g.chance(0.7):
        m2 = {"msg_id": g.digits(18), "timestamp": g.epoch(g.after(t, 1, 5)) * 1000, "from": kid, "to": uid, "chat_type": "chat",
              "payload": {"bodies": [{"type": "txt", "msg": g.zreply()}], "ext": {"weichat": {"agentUsername": g.zperson().full}}}}
        out.append(json.dumps(m2, ensure_ascii=False))
    return L(f"# 环信IM 消息导出 {t:%Y%m%d}.jsonl（{short}）", out)


def zh_revisit(g, need):
    _, short, dom, sector = g.zco()
    cust, agent = g.zperson(), g.zperson()
    t = g.t()
    return L(
        f"{short} · 客户回访记录表",
        f"回访编号：HF{t:%Y%m%d}{g.digits(4)}　回访日期：{g.zdate(t, 1)}　回访人：{agent.full}（工号{g.digits(5)}）",
        f"客户：{g.zhon(cust)}　电话：{g.zmobile(True)}　关联工单：{g.digits(10)}",
        f"回访方式：{g.pick(['电话外呼', '企业微信语音', '电话外呼'])}　接通情况：{g.pick(['第一次接通', '第二次接通', '已接通'])}",
        f"1. 请问您对上次的处理结果是否满意？　客户：{g.pick(['一般', '还行', '不太满意', '满意'])}",
        "2. 请问还有其他需要我们帮助的吗？",
        f"　 客户原话：{g.zvoice(need)}",
        f"3. 是否同意后续继续回访？　{g.pick(['是', '否', '客户未明确'])}",
        f"回访结论：{g.pick(['需二次处理', '已结案', '转相关部门', '待定'])}",
        g.opt(0.4, f"备注：{g.pick(['客户语气平和', '客户表示在开车，简短沟通', '客户希望下午联系'])}"),
    )


def zh_email_discl(g, need):
    name, short, dom, sector = g.zco()
    cust = g.zperson()
    client = g.pick(ZH_CLIENTS)
    cdom = g.pick(["yeah.net", "qiye.163.com", "cn-" + str(g.ri(10, 99)) + ".com", "exmail.qq.com"])
    t = g.t()
    cc = g.zperson()
    return L(
        f"发件人：{cust.full} <{g.zemail(cust, cdom)}>",
        f"发送时间：{g.zts(t, g.pick([0, 1, 10]))}",
        f"收件人：{g.pick(['service', 'kefu', 'support', 'cs'])}@{dom}",
        g.opt(0.4, f"抄送：{cc.full} <{g.zemail(cc, cdom)}>"),
        f"主题：{g.pick(ZH_SUBJECTS)}",
        "",
        zh_body(g, need),
        "",
        zh_sig(g, cust, client, cdom),
        "",
        g.pick(ZH_DISCLAIMERS).format(co=client),
    )


def zh_email_fwd(g, need):
    name, short, dom, sector = g.zco()
    me, colleague, cust = g.zperson(), g.zperson(), g.zperson()
    t0 = g.t()
    t1 = g.after(t0, 20, 1500)
    subj = g.pick(ZH_SUBJECTS)
    return L(
        f"发件人：{me.full} <{g.zemail(me, dom)}>",
        f"时间：{g.zts(t1, 0)}",
        f"收件人：{colleague.full} <{g.zemail(colleague, dom)}>",
        f"主题：转发: {subj}",
        "",
        f"{colleague.given if len(colleague.given) > 1 else colleague.full}，这封是{g.zhon(cust)}发过来的，{g.pick(['你看下怎么回', '麻烦帮忙处理一下', '需要你们组确认', '先了解下情况'])}。",
        "",
        zh_sig(g, me, name, dom, g.pick(ZH_ROLES)),
        "",
        "-------- 转发邮件信息 --------",
        f"发件人：\"{cust.full}\" <{g.zemail(cust)}>",
        f"发送日期：{g.zts(t0, g.pick([1, 10]))}",
        f"收件人：\"{me.full}\" <{g.zemail(me, dom)}>",
        f"主题：{subj}",
        "",
        zh_body(g, need, me.sur + g.pick(["经理", "老师", "工"])),
        g.opt(0.5, cust.full),
        g.opt(0.3, g.pick(["发自我的华为手机", "发自我的iPhone", "来自网易邮箱大师", "发自QQ邮箱"])),
    )


def zh_jinshuju(g, need):
    name, short, dom, sector = g.zco()
    p = g.zperson()
    return L(
        f"金数据 · {g.pick(['客户服务反馈表', '售后问题登记', f'{short}用户意见征集', '服务满意度调查'])}",
        f"数据ID：{g.ri(1, 9999)}　提交时间：{g.zts(style=0)}　填写设备：{g.pick(['微信', '手机浏览器', '电脑', 'iPad'])}",
        f"填写人：{p.full}",
        f"联系电话：{g.zmobile()}",
        f"您使用的产品/服务：{g.pick([short, short + 'App', short + '小程序', '其他'])}",
        f"问题类型：{g.pick(['其他', '咨询', '意见建议', '其他'])}",
        "请描述您遇到的问题或建议：",
        g.zvoice(need),
        f"是否需要回电：{g.pick(['需要', '不需要'])}",
        f"来源渠道：{g.pick(['公众号菜单', '短信链接', '二维码', '官网'])}",
    )


def zh_survey_csv(g, need):
    v = g.zvoice(need)
    f = csv_field(v)
    if f is None:
        return None
    t = g.t()
    t1 = g.after(t, 1, 10)
    prov = g.pick(ZH_PLACES)[0]
    head = "编号,开始答题时间,结束答题时间,答题时长,IP省份,1.您的总体满意度（1-5分）,2.请写下您的具体意见,3.是否愿意接受回访"
    row = ",".join([str(g.ri(1, 3000)), g.zts(t, 0), g.zts(t1, 0), f"{(t1 - t).seconds}秒", prov, str(g.ri(1, 5)), f, g.pick(["是", "否"])])
    return L(g.pick(["# 腾讯问卷 导出数据", "# 问卷星 原始数据导出", None]), g.opt(0.75, head), row)


def zh_qianniu(g, need):
    name, short, dom, _ = g.zco("shop")
    buyer = g.znick()
    cs = g.pick(["小九", "阿满", "米粒", "小柚", "豆豆", "阿茶", "糖糖"])
    t = g.t()
    return L(
        "千牛工作台 · 聊天记录",
        f"店铺：{name}　子账号：{short}:{cs}",
        f"买家：{buyer}（{g.pick(['88VIP', '超级会员', '淘气值' + str(g.ri(300, 2800)), '普通会员'])}）",
        g.zts(t, 0),
        g.opt(0.6, f"[商品卡片] {short}{g.pick(['智能音箱', '蓝牙耳机', '收纳柜', '儿童餐椅', '登山包', '床头闹钟'])} ￥{g.ri(29, 1299)}"),
        f"{buyer}：{g.zvoice(need)}",
        g.zts(g.after(t, 0, 4), 0),
        f"{short}:{cs}：{g.zreply()}",
        g.opt(0.5, f"{buyer}：{g.pick(['嗯嗯', '好的', '好吧', '谢谢亲'])}"),
        g.opt(0.3, f"系统：{g.pick(['买家已确认收货', '该订单已发货', '买家已申请售后'])}"),
    )


def zh_jd(g, need):
    name, short, dom, _ = g.zco(g.pick(["shop", "smart"]))
    user = g.pick([g.znick(), "jd_" + g.alnum(8, "abcdefghijkmnpqrstuvwxyz0123456789")])
    agent = g.pick(["客服-小京", f"{short}客服{g.ri(1, 30)}号", g.zperson().full])
    t = g.t()
    return L(
        f"京东咚咚 · 会话记录 ｜ {name}",
        f"订单号：{g.digits(12)}　下单时间：{g.zts(t - timedelta(days=g.ri(1, 20)), 0)}",
        g.opt(0.4, f"物流：京东物流 JDV{g.digits(12)}"),
        f"{user}{g.pick(['（PLUS会员）', '', ''])}  {g.zts(t, 0)}",
        g.zvoice(need),
        f"{agent}  {g.zts(g.after(t, 0, 3), 0)}",
        g.zreply(),
        "—— 系统提示：本次会话已结束，感谢您的咨询 ——",
        f"评价：{g.pick(['满意', '非常满意', '一般', '未评价'])}",
    )


def zh_pdd(g, need):
    name, short, dom, _ = g.zco(g.pick(["shop", "smart"]))
    buyer = g.znick()
    t = g.t()
    cs = g.pick(["客服小美", "客服阿杰", "售后-小王", "店长"])
    return L(
        "拼多多商家后台 · 多多客服",
        f"买家：{buyer}　订单：{t:%y%m%d}-{g.digits(15)}",
        f"[平台提示] 买家通过“{g.pick(['订单详情页', '商品详情页', '售后页面'])}”进入",
        f"{g.clock(t, 2)} 买家：{g.zvoice(need)}",
        g.opt(0.5, f"{g.clock(g.after(t, 0, 1), 2)} 机器人（自动回复）：亲，在的哦～客服马上为您处理"),
        f"{g.clock(g.after(t, 1, 5), 2)} {cs}：{g.zreply()}",
        f"[平台提示] 请在{g.pick(['3分钟', '5分钟'])}内回复消费者，超时将影响店铺回复率",
    )


def zh_telecom_record(g, need):
    name, short, dom, _ = g.zco("telecom")
    agent = g.zperson()
    prov = g.pick(ZH_PLACES)
    return L(
        f"{short} · 客服受理记录",
        f"受理流水：{g.digits(16)}　受理渠道：{g.pick(['客服热线', '营业厅', '网上营业厅', 'App在线客服', '短信营业厅'])}",
        f"受理号码：{g.zmobile(True)}　套餐：{g.pick(['5G畅享129元', '融合宽带199元', '校园卡39元', '流量王59元', '千兆宽带套餐'])}",
        f"客户星级：{g.pick(['一星', '二星', '三星', '四星', '五星', '未评级'])}　归属地：{prov[0].rstrip('省')}{prov[1]}",
        f"业务类别：咨询类 > {g.pick(['其他', '综合', '其他'])}",
        f"客户诉求（原话）：{g.zvoice(need)}",
        f"处理过程：{g.pick(['已向客户解释说明', '已派单至二线', '已转属地营业部处理', '已登记，待回复'])}",
        f"处理结果：{g.pick(['客户接受', '待回复', '客户不接受，已升级'])}",
        f"受理员：{g.digits(6)} {agent.full}",
    )


def zh_bank_record(g, need):
    bank = g.pick(["汇岚银行", "北辰农商银行", "景川银行", "瑞恒村镇银行"])
    agent = g.zperson()
    cust = g.zperson()
    t = g.t()
    path = "→".join(g.pick(["1", "2", "3", "9"]) for _ in range(g.ri(2, 4))) + "→0"
    return L(
        f"{bank}客户服务中心 · 来电记录",
        f"来电时间：{g.zts(t, 0)}　通话时长：{g.ri(1, 14)}分{g.ri(0, 59)}秒",
        f"IVR路径：{path}（转人工）",
        f"客户：{cust.masked}　证件：{g.digits(6)}********{g.digits(3)}{g.pick(['X', str(g.ri(0, 9))])}　身份核验：{g.pick(['已通过', '已通过', '部分通过'])}",
        f"客户原话：{g.zvoice(need)}",
        f"坐席答复：{g.pick(['已按口径解答', '已记录，转后台核实', '建议客户前往网点办理', '已发送短信指引'])}",
        f"坐席：{agent.full}（{g.digits(5)}）　小结分类：{g.pick(['咨询-其他', '待分类', '咨询-综合'])}",
    )


def zh_transfer_slip(g, need):
    name, short, dom, sector = g.zco()
    a, b, c = g.zperson(), g.zperson(), g.zperson()
    cust = g.zperson()
    t = g.t()
    return L(
        f"{short} 内部转办单",
        f"编号：ZB-{t.year}-{g.digits(5)}",
        f"来源渠道：{g.pick(['客服热线', '舆情监测', '总经理信箱', '门店转交', '监管转办'])}",
        f"转出部门：{g.pick(['客户服务中心', '品牌部', '综合办公室'])}　经办人：{a.full}",
        f"转入部门：{g.pick(ZH_DEPTS)}　接收人：{b.full}",
        f"办结时限：{g.zdate(g.after(t, 1440, 10000), 1)}前（{g.ri(1, 7)}个工作日）",
        f"客户信息：{g.zhon(cust)}，{g.zmobile(True)}",
        f"问题摘要：{g.pick(['客户来电咨询，需贵部门协助答复', '客户反映问题，需核实', '重复来电，请优先处理'])}",
        f"客户原话：“{g.zvoice(need)}”",
        f"转办意见：请{g.pick(['核实后直接回复客户', '在时限内书面反馈处理结果', '与客户电话沟通并留痕'])}。",
        f"审批：{c.full}（{g.zts(g.after(t, 10, 300), 2)}）",
    )


def zh_minutes(g, need):
    name, short, dom, sector = g.zco()
    host, rec = g.zperson(), g.zperson()
    people = [g.zperson().full for _ in range(g.ri(3, 6))]
    t = g.t()
    return L(
        f"会议纪要｜{g.pick(['客户反馈周会', '产品评审会', '服务质量例会', '体验问题复盘会'])}",
        f"时间：{g.zts(t, g.pick([1, 10]))}　地点：{g.pick(['3F 洞庭厅', '腾讯会议 ' + g.digits(3) + ' ' + g.digits(3) + ' ' + g.digits(3), '飞书会议', '2号会议室'])}",
        f"主持：{host.full}　记录：{rec.full}",
        f"参会：{'、'.join(people)}",
        "",
        "一、上周遗留事项",
        f"  1. {g.pick(['知识库口径已更新', '排班问题已解决', '回访脚本已定稿'])}（{g.pick(people)}）",
        "二、客户声音",
        f"  1. {g.pick(['热线', '在线客服', '门店', '应用商店评论', '大客户'])}反馈：“{g.zvoice(need)}”（{g.pick(people)}跟进）",
        f"  2. 本周差评率 {g.ri(1, 9)}.{g.ri(0, 9)}%，较上周{g.pick(['下降', '上升', '持平'])}",
        "三、决议与待办",
        f"  - {g.pick(people)}：{g.pick(['周五前给出答复口径', '整理同类反馈数量', '与研发确认排期'])}",
        g.opt(0.5, f"  - {g.pick(people)}：下次会议同步进展"),
    )


def zh_weekly(g, need):
    name, short, dom, sector = g.zco()
    p = g.zperson()
    t = g.t()
    wk = g.ri(1, 52)
    return L(
        f"【周报】{g.pick(ZH_DEPTS)}-{p.full}-第{wk}周（{g.zdate(t, 2)}~{g.zdate(t + timedelta(days=4), 2)[5:]}）",
        "一、本周工作",
        f"1. {g.pick(['完成客服知识库更新', '配合上线新版本', '处理重点客户投诉', '培训新人'])} {g.ri(2, 12)} 项",
        f"2. {g.pick(['参加需求评审', '整理月度数据', '跟进历史工单'])}",
        "二、用户反馈摘录",
        f"- {g.pick(['热线', '在线', '应用商店', '社群', '邮件'])}：{g.zvoice(need)}",
        f"- 本周共处理工单 {g.ri(40, 900)} 单，平均首响 {g.ri(1, 30)} 分钟",
        "三、下周计划",
        f"1. {g.pick(['推进满意度提升项目', '完成季度复盘', '跟进上述反馈'])}",
        f"四、需协调事项：{g.pick(['无', '需要研发支持', '人手不足'])}",
    )


def zh_travel_msg(g, need):
    name, short, dom, _ = g.zco("travel")
    p = g.zperson()
    c1, c2 = g.sample([x[1].rstrip("市") for x in ZH_PLACES], 2)
    t = g.t()
    prod = g.pick(["机票", "酒店", "火车票", "机票"])
    trip = {"机票": f"{c1}-{c2} {g.pick(['XL', 'QL', 'MU', 'CZ'])}{g.ri(1000, 9999)} {g.zdate(t + timedelta(days=g.ri(1, 40)), 1)}",
            "酒店": f"{c2}{g.pick(['悦庭', '云栖', '君逸', '澜山'])}酒店 {g.zdate(t + timedelta(days=3), 2)} 入住 {g.ri(1, 4)}晚",
            "火车票": f"{c1}-{c2} G{g.ri(10, 2999)} 二等座"}[prod]
    return L(
        f"{short} · 订单留言",
        f"订单号：{g.digits(13)}　产品：{prod}",
        f"行程：{trip}",
        f"出行人：{p.full}（{g.digits(4)}**********{g.digits(2)}）",
        f"联系人手机：{g.zmobile(True)}",
        f"留言时间：{g.zts(t, 0)}",
        f"留言内容：{g.zvoice(need)}",
        f"处理客服：{g.zperson().full}　状态：{g.pick(['待处理', '已回复', '处理中'])}",
    )


def zh_express(g, need):
    name, short, dom, _ = g.zco("logistics")
    s, r = g.zperson(), g.zperson()
    c1, c2 = g.sample([x[1] for x in ZH_PLACES], 2)
    t = g.t()
    return L(
        f"{short} · 客服工单",
        f"工单号：GD{g.digits(12)}　运单号：{zh_ref(g, 'logistics')[1]}",
        f"寄件人：{s.masked} {c1}　收件人：{r.masked} {c2}",
        f"物流状态：{g.pick(['运输中', '派送中', '已签收', '问题件', '已揽收'])}",
        f"最新轨迹：{g.zts(t, 0)} 【{c1.rstrip('市')}转运中心】已发出，下一站【{c2.rstrip('市')}转运中心】",
        f"工单类型：{g.pick(['咨询', '其他', '咨询'])}",
        f"客户留言：{g.zvoice(need)}",
        f"网点：{c2.rstrip('市')}{g.pick(['一部', '城东营业部', '高新分部'])}　责任人：{g.zperson().full}　时效：{g.pick(['24小时', '48小时', '12小时'])}",
    )


def zh_insurance(g, need):
    name, short, dom, _ = g.zco("insurance")
    p = g.zperson()
    t = g.t()
    return L(
        f"{short} · 报案登记",
        f"报案号：R{g.digits(15)}　保单号：{zh_ref(g, 'insurance')[1]}",
        f"险种：{g.pick(['车险', '家财险', '意外险', '医疗险', '货运险'])}",
        f"报案人：{p.full}　与被保险人关系：{g.pick(['本人', '配偶', '子女', '父母'])}",
        f"报案时间：{g.zts(t, 0)}　出险时间：{g.zts(t - timedelta(hours=g.ri(1, 200)), 0)}",
        f"出险地点：{g.zaddress(short=True)}",
        f"报案人陈述：{g.zvoice(need)}",
        f"查勘员：{g.zperson().full} {g.zmobile(True)}",
        f"案件状态：{g.pick(['已报案', '待查勘', '资料审核中', '已结案'])}",
    )


def zh_hospital(g, need):
    name, short, dom, _ = g.zco("health")
    p = g.zperson()
    return L(
        f"{short} · 患者留言",
        f"患者：{p.masked}　就诊卡号：{g.digits(10)}　科室：{g.pick(['内科', '口腔科', '儿科', '皮肤科', '收费处', '体检中心'])}",
        f"留言时间：{g.zts(style=0)}",
        f"留言内容：{g.zvoice(need)}",
        "自动回复：您的留言已收到，工作人员将在1个工作日内回复。如有急症请立即前往急诊或拨打120。",
        f"处理人：{g.zperson().full}（{g.pick(['门诊部', '客服中心', '医务科'])}）",
    )


def zh_game(g, need):
    name, short, dom, _ = g.zco("gaming")
    game = g.pick(ZH_GAMES)
    t = g.t()
    return L(
        f"《{game}》客服中心 · 提交问题",
        f"问题编号：{g.digits(11)}",
        f"区服：{g.pick(['安卓一区', 'iOS官服', 'B服', '渠道服', '双端互通'])} {g.pick(['云梦泽', '听雨轩', '星河', '第' + str(g.ri(1, 300)) + '服'])}",
        f"角色名：{g.pick(ZH_NICK_A)}{g.pick(ZH_NICK_B)}　角色ID：{g.digits(9)}　等级：{g.ri(1, 120)}",
        f"问题类型：{g.pick(['其他', '其他', '账号', '游戏BUG', '建议'])}",
        f"问题描述：{g.zvoice(need)}",
        f"截图：{g.pick(['无', '1张', '2张'])}",
        f"联系方式：{g.pick(['QQ ' + g.digits(9), '手机 ' + g.zmobile(True)])}",
        g.opt(0.6, f"客服回复（{g.zts(g.after(t, 60, 3000), 0)}）：亲爱的玩家您好，{g.zreply().split('，', 1)[-1]}"),
    )


def zh_taptap(g, need):
    name, short, dom, _ = g.zco("gaming")
    game = g.pick(ZH_GAMES)
    s = g.ri(1, 4)
    return L(
        f"TapTap · 《{game}》评价",
        f"{g.znick()}　{stars(s)}　游戏时长 {g.ri(0, 300)}小时{g.ri(0, 59)}分钟",
        f"{g.pick(['小米 14', 'iPhone 13', 'OPPO Reno11', '华为 nova 12', 'vivo S18', '一加 Ace 3'])}　{g.zdate(style=0)}",
        g.zvoice(need),
        f"👍 {g.ri(0, 500)}  👎 {g.ri(0, 40)}  💬 {g.ri(0, 80)}",
        g.opt(0.5, f"官方回复（{short}）：感谢反馈！{g.zreply().split('，', 1)[-1]}"),
    )


def zh_edu(g, need):
    name, short, dom, _ = g.zco("education")
    stu = g.zperson()
    teacher = g.zperson()
    return L(
        f"{short} · 班主任反馈登记",
        f"学员：{stu.full}　年级：{g.pick(['三年级', '五年级', '初一', '初二', '高一', '成人'])}　课程：{g.pick(['数学', '英语', '编程', '书法'])} {g.ri(2022, 2025)}{g.pick(['暑期班', '秋季班', '寒假班', '春季班'])}",
        f"家长：{stu.sur}{g.pick(['妈妈', '爸爸', '奶奶'])}　联系方式：{g.zmobile(True)}",
        f"反馈渠道：{g.pick(['家长群', '企业微信私聊', '电话', '课后评价'])}",
        f"家长原话：{g.zvoice(need)}",
        f"班主任：{teacher.full}　登记时间：{g.zts(style=0)}",
        f"跟进状态：{g.pick(['已转教务', '已回复家长', '待处理'])}",
    )


def zh_utility(g, need):
    name, short, dom, _ = g.zco("utilities")
    p = g.zperson()
    return L(
        f"{short} · 服务工单",
        f"工单编号：{g.digits(14)}　受理渠道：{g.pick(['服务热线', '掌上营业厅', '微信公众号', '营业厅柜台'])}",
        f"户号：{g.digits(10)}　户名：{p.masked}",
        f"{g.pick(['用电', '用水', '用气'])}地址：{g.zaddress()}",
        f"业务类型：{g.pick(['咨询', '意见', '服务申请', '咨询'])}",
        f"客户描述：{g.zvoice(need)}",
        f"受理人：{g.zperson().full}　派发单位：{g.pick(['城东营业所', '高新服务站', '客户服务中心', '第二抄表班'])}",
        f"时限要求：{g.zts(style=1)}前回复",
    )


def zh_bilibili(g, need):
    name, short, dom, _ = g.zco()
    up = f"{short}官方"
    user = g.znick()
    return L(
        f"bilibili · 视频《{g.pick(['新品上手体验', '使用教程第' + str(g.ri(1, 12)) + '期', '年度发布会回放', '常见问题解答'])}》评论区",
        f"UP主：{up}",
        f"#{g.ri(1, 3000)}　{user}　LV{g.ri(1, 6)}",
        g.zvoice(need),
        f"{g.zdate(style=0)}　赞 {g.ri(0, 999)}　回复",
        g.opt(0.5, f"  └ {up}：{g.zreply()}"),
        g.opt(0.3, f"  └ {g.znick()}：{g.pick(['同问', '蹲', '顶上去'])}"),
    )


def zh_douyin(g, need):
    name, short, dom, _ = g.zco()
    user = g.znick()
    t = g.t()
    return L(
        "抖音企业号 · 私信",
        f"{short} ← {user}（{g.pick(['粉丝', '未关注', '粉丝'])}）",
        g.zts(t, g.pick([3, 9])),
        f"[自动回复] 您好，欢迎咨询{short}！回复“1”查看常见问题，回复“人工”联系客服～",
        f"{g.zts(g.after(t, 0, 2), 3)} {user}：{g.zvoice(need)}",
        g.opt(0.7, f"{g.zts(g.after(t, 3, 200), 3)} {short}客服：{g.zreply()}"),
    )


def zh_tieba(g, need):
    name, short, dom, _ = g.zco()
    user = g.znick()
    title_need = g.chance(0.3) and len(need) <= 25
    return L(
        f"{short}吧 › {need if title_need else g.pick(['求助', '有没有大佬', '吐槽一下', '新人提问', '请教'])}",
        f"1楼　{user}（Lv.{g.ri(1, 12)}）",
        g.pick(["如题", "如题，求解答", "rt"]) if title_need else g.zvoice(need),
        f"来自{g.pick(['Android', 'iPhone'])}客户端　{g.zts(style=g.pick([2, 3]))}",
        f"2楼　{g.znick()}：{g.pick(['顶', '同问', '已私信', '帮顶'])}",
        g.opt(0.4, f"3楼　{short}官方吧务：{g.zreply()}"),
    )


def zh_miniprogram(g, need):
    name, short, dom, _ = g.zco()
    agent = g.zperson()
    t = g.t()
    return L(
        f"微信小程序「{short}」客服消息",
        f"用户OpenID：o{g.alnum(27, 'abcdefghijkmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-')}",
        f"来源：{g.pick(['小程序客服按钮', '订单详情页', '我的-联系客服'])}",
        g.zts(t, 0),
        g.opt(0.4, f"[卡片] {g.pick(['订单详情', '会员中心', '设备管理', '服务预约'])}"),
        f"用户：{g.zvoice(need)}",
        g.zts(g.after(t, 1, 30), 0),
        f"客服{agent.given}：{g.zreply()}",
        "（48小时内可回复用户）",
    )


def zh_csv(g, need):
    name, short, dom, sector = g.zco()
    v = g.zvoice(need)
    f = csv_field(v)
    if f is None:
        return None
    p = g.zperson()
    head = "工单编号,创建时间,渠道,客户姓名,联系电话,问题描述,处理状态,处理人"
    row = ",".join([f"WO{g.digits(10)}", g.zts(style=0), g.pick(["热线", "在线", "App", "小程序", "邮件"]), p.masked,
                    g.zmobile(True), f, g.pick(["待处理", "处理中", "已完结"]), g.zperson().full])
    return L(g.opt(0.7, head), row)


def zh_xml(g, need):
    name, short, dom, sector = g.zco()
    t = g.t()
    v = g.zvoice(need)
    return L(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<CallRecords center="{short}呼叫中心" exportTime="{t:%Y-%m-%d %H:%M:%S}">',
        "  <Record>",
        f"    <CallId>{g.digits(16)}</CallId>",
        f"    <Caller>{g.zmobile(True)}</Caller>",
        f"    <Agent>{g.digits(5)}</Agent>",
        f"    <StartTime>{g.zts(t, 0)}</StartTime>",
        f"    <Duration>{g.ri(20, 900)}</Duration>",
        f"    <Summary><![CDATA[{v}]]></Summary>",
        f"    <Category>{g.pick(['未分类', '咨询', '其他'])}</Category>",
        "  </Record>",
        "</CallRecords>",
    )


def zh_fax(g, need):
    name, short, dom, sector = g.zco()
    client = g.pick(ZH_CLIENTS)
    p = g.zperson()
    mgr = g.zperson()
    t = g.t()

    def n(s):
        if not g.chance(0.5):
            return s
        i = g.ri(0, max(0, len(s) - 1))
        return s[:i] + g.pick(["丨", "·", " ", "囗", "|"]) + s[i:]
    return L(
        f"FROM : {g.zlandline()}        PHONE NO. : {g.zlandline()}        {EN_MONTHS[t.month - 1][:3]}. {t.day:02d} {t.year} {t.hour % 12 or 12:02d}:{t.minute:02d}{'AM' if t.hour < 12 else 'PM'}  P1",
        f"[OCR 识别结果｜置信度 {g.ri(70, 97)}%]",
        n(f"致：{name}{g.pick(ZH_DEPTS)}"),
        n(f"自：{client} {p.full}"),
        n(f"日期：{g.zdate(t, 1)}　页数：共{g.ri(1, 3)}页（含本页）"),
        n(f"事由：{g.pick(ZH_SUBJECTS)}"),
        "",
        n(f"{mgr.sur}经理："),
        "　　您好！",
        "　　" + g.zvoice(need),
        n("　　请予以回复为盼。"),
        "",
        n(f"{client}（盖章）"),
        g.zdate(t, 1),
    )


def zh_pdf_form(g, need):
    name, short, dom, sector = g.zco()
    p = g.zperson()
    fname = g.pick(["服务申请表", "客户意见登记表", "售后服务申请单", "理赔申请书", "退订申请表"])
    return L(
        f"PDF表单字段提取｜{short}_{fname}_{g.digits(6)}.pdf｜{g.pick(['福昕PDF', 'Adobe Acrobat', '自研OCR', 'WPS'])}",
        f"申请人姓名：{p.full}",
        f"身份证号：{g.digits(6)}********{g.digits(4)}",
        f"联系电话：{g.zmobile(True)}",
        f"联系地址：{g.zaddress()}",
        f"申请事项：{g.pick(['其他', '咨询', '服务申请'])}",
        f"情况说明：{g.zvoice(need)}",
        f"申请人签字：{g.pick(['[已签]', '[已签]', '[空]'])}",
        f"日期：{g.zdate(style=1)}",
        g.opt(0.6, f"⚠ 字段“{g.pick(['经办人意见', '部门负责人签字', '受理编号'])}”为空"),
    )


def zh_bot(g, need):
    name, short, dom, sector = g.zco()
    bot = g.pick(["小栗", "小澜", "小途", "小悦", "阿启", "小鸿"])
    t = g.t()
    faqs = g.sample(["会员权益说明", "联系人工客服", "常见问题汇总", "服务时间说明", "隐私政策", "意见反馈入口"], 3)
    ts = [t]
    for _ in range(4):
        ts.append(ts[-1] + timedelta(seconds=g.ri(1, 50)))
    return L(
        f"智能客服机器人日志 ｜ 会话 {g.digits(12)}",
        f"渠道：{g.pick(['App', '公众号', '网页', '小程序'])}　机器人：{bot}",
        f"{g.clock(ts[0], 2)} 用户：{g.zvoice(need)}",
        f"{g.clock(ts[1], 2)} 机器人：抱歉，{bot}暂时没有理解您的意思，您可以换个说法试试～",
        f"{g.clock(ts[1], 2)} 机器人：猜您想问：1. {faqs[0]} 2. {faqs[1]} 3. {faqs[2]}",
        f"{g.clock(ts[3], 2)} 用户：{g.pick(['人工', '转人工', '没用', '人工客服'])}",
        f"{g.clock(ts[4], 2)} 系统：正在为您转接人工客服，当前排队{g.ri(0, 40)}人",
        f"[未命中] 知识库匹配得分 0.{g.ri(10, 59)} < 阈值 0.6",
    )


def zh_ivr(g, need):
    name, short, dom, sector = g.zco()
    t = g.t()
    return L(
        f"{short} · 语音导航（IVR）识别记录",
        f"主叫：{g.zmobile(True)}　被叫：400-{g.ri(100, 999)}-{g.digits(4)}　呼入时间：{g.zts(t, 0)}",
        f"节点1 播报：欢迎致电{short}，{g.pick(['本次通话可能会被录音。', '为提升服务质量，您的通话可能被录音。', ''])}请简单说出您要办理的业务。",
        f"节点2 ASR：{g.zvoice(need)}（置信度 0.{g.ri(40, 97)}）",
        f"节点3 意图识别：{g.pick(['未识别', '低置信', '多意图冲突'])}　→ 转人工技能组「{g.pick(['综合咨询', '售后', '普通话坐席', '会员专线'])}」",
        f"排队时长：{g.ri(0, 300)}秒　坐席工号：{g.digits(5)}",
    )


def zh_translated(g, need):
    name, short, dom, sector = g.zco(g.pick(["shop", "smart", "travel"]))
    lang = g.pick(["英语", "日语", "韩语", "西班牙语", "德语", "英语"])
    if lang == "日语":
        buyer = f"{g.pick(['Haruto', 'Sakura', 'Takeshi', 'Ayumi', 'Daisuke', 'Kaito'])} {g.pick(['Nakamura', 'Watanabe', 'Yamamoto', 'Kobayashi', 'Matsuda', 'Fujita'])}"
        country = "日本"
    elif lang == "韩语":
        buyer = f"{g.pick(['Minjun', 'Seoyeon', 'Jiho', 'Hyunwoo', 'Eunji', 'Mingyu'])} {g.pick(['Choi', 'Jung', 'Kang', 'Yoon', 'Cho', 'Seo'])}"
        country = "韩国"
    elif lang == "西班牙语":
        buyer, country = g.person("hispanic").full, g.pick(["西班牙", "墨西哥", "智利"])
    elif lang == "德语":
        buyer, country = g.person("germanic").full, g.pick(["德国", "奥地利"])
    else:
        buyer = g.person(g.pick(["anglo", "celtic", "southasian", "westafrican"])).full
        country = g.pick(["美国", "英国", "澳大利亚", "加拿大"])
    return L(
        f"【机器翻译｜原文：{lang}｜{g.pick(['DeepL', '谷歌翻译', '有道翻译', '阿里翻译'])}】",
        f"买家：{buyer}（{country}）　平台：{g.pick(['Amazon', 'Shopee', 'Lazada', '速卖通', 'TikTok Shop'])}",
        f"订单：{g.digits(3)}-{g.digits(7)}-{g.digits(7)}",
        f"译文：{g.zvoice(need)}",
        "——",
        f"运营备注（{g.zperson().full}）：{g.pick(['已用模板回复', '请客服跟进', '转售后处理', '已回复英文'])}",
    )


def zh_devops_issue(g, need):
    name, short, dom, sector = g.zco()
    client = g.pick(ZH_CLIENTS)
    h, c = g.zperson(), g.zperson()
    return L(
        f"#{g.ri(100, 9999)} 【客户反馈】{g.pick(['客户问题跟进', '用户原声', '一线反馈', '客户使用问题'])}",
        f"类型：{g.pick(['需求', '缺陷', '任务'])}　状态：{g.pick(['待处理', '处理中', '待评审'])}　优先级：{g.pick(['低', '中', '高'])}",
        f"处理人：@{h.full}　迭代：{g.pick(['Sprint ' + str(g.ri(10, 90)), str(g.ri(2023, 2025)) + '-W' + str(g.ri(1, 52))])}",
        f"标签：客户声音、{g.pick(['App', '小程序', '后台', '设备端'])}",
        f"平台：{g.pick(['云效', 'CODING', 'Gitee', 'TAPD'])}",
        "",
        "## 背景",
        f"客户 {client}（{g.pick(['KA', '普通', '重点'])}）通过{g.pick(['客服热线', '企业微信', '客户成功经理'])}反馈，原话如下：",
        f"> {g.zvoice(need)}",
        "",
        "## 期望",
        g.pick(["待产品确认", "先评估影响范围", "本迭代给出结论"]),
        f"—— {c.full} 创建于 {g.zts(style=0)}",
    )


ZH_TEMPLATES = [
    ("wecom_external_group", zh_wecom_group), ("dingtalk_group", zh_dingtalk_group), ("feishu_doc_comment", zh_feishu_comment),
    ("xiaohongshu_note", zh_xiaohongshu), ("weibo_post", zh_weibo), ("zhihu_question", zh_zhihu),
    ("xiaofeibao_complaint", zh_xiaofeibao), ("12315_complaint", zh_12315), ("12345_hotline", zh_12345),
    ("zhichi_ticket", zh_zhichi), ("qiyu_session", zh_qiyu), ("udesk_mail", zh_udesk), ("huanxin_jsonl", zh_huanxin),
    ("revisit_record", zh_revisit), ("email_disclaimer", zh_email_discl), ("email_forward", zh_email_fwd),
    ("jinshuju_form", zh_jinshuju), ("survey_csv", zh_survey_csv), ("qianniu_chat", zh_qianniu), ("jd_dongdong", zh_jd),
    ("pdd_chat", zh_pdd), ("telecom_record", zh_telecom_record), ("bank_call_record", zh_bank_record),
    ("transfer_slip", zh_transfer_slip), ("meeting_minutes", zh_minutes), ("weekly_report", zh_weekly),
    ("travel_order_note", zh_travel_msg), ("express_ticket", zh_express), ("insurance_report", zh_insurance),
    ("hospital_message", zh_hospital), ("game_ticket", zh_game), ("taptap_review", zh_taptap), ("edu_feedback", zh_edu),
    ("utility_ticket", zh_utility), ("bilibili_comment", zh_bilibili), ("douyin_dm", zh_douyin), ("tieba_post", zh_tieba),
    ("miniprogram_msg", zh_miniprogram), ("csv_row", zh_csv), ("xml_export", zh_xml), ("fax_ocr", zh_fax),
    ("pdf_form_extract", zh_pdf_form), ("bot_fallback", zh_bot), ("ivr_asr", zh_ivr), ("machine_translated", zh_translated),
    ("devops_issue", zh_devops_issue),
]


# ===========================================================================
# Driver
# ===========================================================================

def line_endings(g, text):
    """About 10% of items: CRLF (5%) or flattened to one line (5%)."""
    x = g.r.random()
    if x < 0.05:
        return text.replace("\r\n", "\n").replace("\n", "\r\n"), "crlf"
    if x < 0.10:
        return re.sub(r"[ \t]*\n\s*", " ", text).strip(), "flat"
    return text, "lf"


def render(g, need, templates):
    """Pick a template and render it; re-draw (same RNG) until the need occurs
    exactly once and the text fits.  Returns (template name, text, ending)."""
    name, fn = g.pick(templates)
    for attempt in range(60):
        if attempt and attempt % 4 == 0:
            name, fn = g.pick(templates)
        out = fn(g, need)
        if out is None:
            continue
        out, ending = line_endings(g, out)
        if count_occurrences(out, need) == 1 and len(out) < MAX_CHARS:
            return name, out, ending
    raise RuntimeError(f"could not embed need exactly once: {need!r}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inp", metavar="IN.jsonl")
    ap.add_argument("out", metavar="OUT.jsonl")
    ap.add_argument("--seed", type=int, required=True)
    args = ap.parse_args(argv)

    g = G(random.Random(args.seed))
    counts = {"en": Counter(), "zh": Counter()}
    endings = Counter()
    n = 0
    with open(args.inp, encoding="utf-8") as fin, open(args.out, "w", encoding="utf-8", newline="\n") as fout:
        for raw in fin:
            if not raw.strip():
                continue
            obj = json.loads(raw)
            need = obj["text"]
            lang = "zh" if has_cjk(need) else "en"
            name, text, ending = render(g, need, ZH_TEMPLATES if lang == "zh" else EN_TEMPLATES)
            assert count_occurrences(text, need) == 1, (name, need)
            assert len(text) < MAX_CHARS, (name, len(text))
            obj["text"] = text
            fout.write(json.dumps(obj, ensure_ascii=False) + "\n")
            counts[lang][name] += 1
            endings[ending] += 1
            n += 1

    print(f"[sixth-ticket-templates] {args.inp} -> {args.out} (seed {args.seed}, {n} lines; "
          f"endings: {', '.join(f'{k}={v}' for k, v in sorted(endings.items()))})", file=sys.stderr)
    for lang in ("en", "zh"):
        total = sum(counts[lang].values())
        if not total:
            continue
        avail = len(EN_TEMPLATES if lang == "en" else ZH_TEMPLATES)
        print(f"  {lang}: {total} lines, {len(counts[lang])}/{avail} templates used", file=sys.stderr)
        for name, c in sorted(counts[lang].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"    {lang}/{name}: {c}", file=sys.stderr)


if __name__ == "__main__":
    main()
