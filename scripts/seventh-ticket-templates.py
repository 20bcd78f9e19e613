#!/usr/bin/env python3
"""Seventh template set: short customer needs inside the paperwork of a
mid-size retail bank / fintech (and its processors, payroll and KYC partners)
and of a Chinese consumer-electronics company with a voice assistant.

Usage: python3 scripts/seventh-ticket-templates.py IN.jsonl OUT.jsonl --seed S

Each input line is a JSON object with "text" (the need) and "label".  Each
output line is the same object (every key kept) whose "text" is the need
embedded VERBATIM, exactly once, in one randomly chosen template.  English
sources: HubSpot / Zoho Desk / Freshservice / ServiceNow CSM / Jira Service
Management, Front and Missive, Outlook and Gmail threads with several quoting
styles, mobile mail, auto-replies, Slack, WhatsApp / Telegram / Viber exports,
Apple Messages for Business, App Store and Play Console reviews, Trustpilot,
Yelp, social listening, NPS / CSAT / CES surveys, in-app feedback widgets,
call QA, speech-to-text, WebVTT, branch logs, complaint registers, CFPB / FOS
referrals, chatbot JSON, Markdown, leftover HTML and escaped JSON strings.
Chinese sources: 公众号留言, 企业微信 / 钉钉 / 飞书 / QQ 群, 淘宝 / 京东 / 抖店 IM,
美洽 / 腾讯企点 / 天润 / 合力亿捷 records, 400 热线转写, 小红书 / 微博 / 知乎 /
什么值得买 / 抖音直播, 应用商店评论, 问卷星 / 腾讯问卷, 邮件转发与免责声明,
飞书妙记, 日报, 售后维修单, 门店巡检, 语音助手 bad case 表 and more.

Chinese templates are used when the text contains any CJK character, English
templates otherwise.  Deterministic for a given seed: one random.Random(seed)
drawn in line order.  Templates come from a per-language deck reshuffled when
empty, so every template is used about equally often; a template that cannot
hold the need, or a rendering in which the need does not occur exactly once or
which reaches 3000 characters, is replaced by the next one from the deck.  About 15% of items carry one extra,
non-need customer sentence (sometimes followed by an agent reply); about 10%
are emitted with CRLF line endings or flattened onto one line.  Counts per
template are printed to stderr.  Standard library only.
"""

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from datetime import datetime, timedelta

MAX_CHARS = 3000
MAX_ATTEMPTS = 80

CJK_RE = re.compile(
    "[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f"
    "\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f]")


def has_cjk(text):
    return CJK_RE.search(text) is not None


def occurrences(hay, needle):
    """Occurrences of needle in hay, overlapping ones included."""
    n, i = 0, hay.find(needle)
    while i != -1:
        n += 1
        i = hay.find(needle, i + 1)
    return n


class Redraw(Exception):
    """A template cannot carry this need verbatim (e.g. a quote inside JSON)."""


def ch(g, seq):
    return seq[g.randrange(len(seq))]


def chance(g, p):
    return g.random() < p


def digits(g, n):
    return "".join(str(g.randrange(10)) for _ in range(n))


def hexs(g, n, upper=False):
    s = "".join(ch(g, "0123456789abcdef") for _ in range(n))
    return s.upper() if upper else s


def alnum(g, n, upper=True):
    pool = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" if upper else "abcdefghijkmnopqrstuvwxyz0123456789"
    return "".join(ch(g, pool) for _ in range(n))


_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "đ": "d",
                           "ı": "i", "'": "", "’": ""})


def ascii_of(s):
    s = unicodedata.normalize("NFKD", s.translate(_TRANSLIT))
    return "".join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)


def slug(s, sep=""):
    s = ascii_of(s).lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", sep, s).strip(sep)


def csv_cell(s):
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def no_quote(need, chars='"\\'):
    """Templates that would have to escape the need call this first."""
    if any(c in need for c in chars):
        raise Redraw()


# ===========================================================================
# English pools (all invented for this set)
# ===========================================================================

# (given names, family names) per naming tradition.  People are mostly drawn
# from one tradition; about a fifth mix two (marriage, diaspora, nicknames).
EN_NAME_GROUPS = [
    ("Percy Imelda Rupert Perpetua Cedric Harriet Nigel Philippa Desmond Barnaby Cressida Lionel "
     "Marjorie Ambrose Tabitha Godfrey Winifred Crispin",
     "Fairbrother Hollingsworth Pennington Blackwood Thackeray Ainsworth Cartwright Featherstone "
     "Grimshaw Merriweather Stanhope Wetherby Bramwell Coulson Ridley Oakley"),
    ("Dalton Jolene Brantley Kinsley Tucker Raelynn Bryce Mackenzie Colton Delaney Grady Marlee "
     "Beau Callie",
     "McCracken Boudreaux Hutchins Stroud Tolliver Pruitt Whitlock Gentry Sizemore Pickett Burkhart "
     "Yoder Dunaway Cobb"),
    ("Jerome Latoya DeShawn Keisha Marlon Shanice Tyrell Imani Darnell Ebony Terrence Aaliyah",
     "Beckford Greenidge Gaines Merriman Pettaway Oglesby Strickland Hairston Boykin Dorsey"),
    ("Maximiliano Itzel Leonardo Yesenia Aurelio Soledad Gerardo Araceli Octavio Rocío Benicio "
     "Dulce Cristóbal Yolanda",
     "Valdés Cisneros Aguirre Bustamante Carrillo Domínguez Espinoza Galindo Lozano Maldonado "
     "Peralta Robles Solís Trujillo"),
    ("João Thiago Larissa Gonçalo Vinícius Bruna Leandro Tatiana Rui Simone",
     "Azevedo Carvalho Figueiredo Gonçalves Magalhães Teixeira Moura Pinheiro"),
    ("Ishaan Tanvi Devendra Shreya Parvati Gurpreet Ravinder Aarav Nandini Lavanya Mehul Ritika "
     "Usman Tahmina Shakil Rubina Imran Nasreen",
     "Agarwal Bhatt Dhillon Ganguly Hegde Krishnan Mukherjee Pillai Rao Saxena Trivedi Venkatesan "
     "Grewal Mistry Siddiqui Chaudhry Akhtar Hossain Mirza"),
    ("Takumi Natsuki Riku Yui Kazuya Mio Jae-won Soo-ah Jun-ho Hae-won Wenjie Yuxin Shun Asami",
     "Ishikawa Hayashi Morita Okada Kwon Baek Shin Hsu Lau Wong Yeo Teo Goh"),
    ("Olamide Temitope Kelechi Chidinma Yaw Akua Segun Nkechi Ebo Adwoa Wanjiru Otieno Achieng "
     "Baraka Zawadi Tesfaye Meseret Selam",
     "Olaniyan Chukwu Afolabi Mwangi Kamau Njoroge Odhiambo Wekesa Tadesse Bekele Girma Osei "
     "Quaye Darko Kariuki"),
    ("Faris Samira Nabil Amira Jamal Rasha Walid Hiba Munir Ghada",
     "Jaber Khalil Farouk Shami Zaher Awad Bitar Maalouf"),
    ("Dariusz Małgorzata Vojtěch Anežka Miroslav Yevgenia Taras Ludmila Branko Vesna",
     "Kaczmarek Wróblewski Procházka Szabó Kovačević Bondarenko Melnyk Dąbrowski"),
    ("Ragnhild Eskil Solveig Oddvar Tuva Leif Ylva Håkon Aino Teemu",
     "Haugland Lindholm Virtanen Korhonen Bjørnstad Sundqvist Åberg Magnusson Thorsen"),
    ("Ludovic Séverine Amaury Gaëlle Raffaele Benedetta Tiziano Ornella Spyros Foteini",
     "Chevalier Delacroix Perrin Marchand Bellini Santoro Lombardo Caruso Lombardi Benedetti "
     "Antonopoulos Nikolaidis Kyriakou"),
    ("Jomar Analyn Khanh Duc Nattapong Siriporn Somchai Ploy Bayani Ligaya",
     "Macapagal Soriano Dimaculangan Phan Bui Dang Srisai Chaiyaporn Wongsakul Kusuma Susanto"),
    ("Kerem Sevgi Burak Ebru Arash Mahsa Omid Nasrin",
     "Aksoy Koç Polat Güneş Yavuz Ahmadi Sadeghi Jafari"),
    ("Moshe Rivka Yonatan Liora", "Shapiro Peretz Avraham Dayan"),
    ("Tāne Aroha Wiremu Mere Sione Losana", "Ngata Parata Tuilagi Fonoti"),
]
EN_GROUPS = [(g.split(), f.split()) for g, f in EN_NAME_GROUPS]
EN_ALL_GIVEN = sorted({n for g, _ in EN_GROUPS for n in g})
EN_ALL_FAMILY = sorted({n for _, f in EN_GROUPS for n in f})

# The bank / fintech receiving the feedback: (brand, domain, app name, twitter handle, region)
EN_BANKS = [
    ("Fernhollow Bank", "fernhollow.co.uk", "Fernhollow", "FernhollowHelp", "uk"),
    ("Plinth Money", "plinth.money", "Plinth", "plinthmoney", "uk"),
    ("Wexcombe Savings & Current", "wexcombe.co.uk", "Wexcombe Mobile", "WexcombeCares", "uk"),
    ("Tollbridge Bank", "tollbridgebank.com", "Tollbridge", "TollbridgeSupport", "us"),
    ("Hyacinth Financial", "hyacinthfinancial.com", "Hyacinth", "AskHyacinth", "us"),
    ("Drummond & Lisle Bank", "drummondlisle.co.uk", "D&L Banking", "DrummondLisle", "uk"),
    ("Avocet Money", "avocet.money", "Avocet", "avocet_help", "uk"),
    ("Upland Federal Credit Union", "uplandfcu.org", "Upland Mobile", "UplandFCU", "us"),
    ("Sorrel Bank", "sorrelbank.com", "Sorrel", "SorrelBankCare", "us"),
    ("Mintaka Digital Bank", "mintaka.bank", "Mintaka", "mintakahelp", "eu"),
    ("Carrick Street Bank", "carrickstreet.ie", "Carrick Street", "CarrickStHelp", "ie"),
    ("Penhale Building Society", "penhale.co.uk", "Penhale App", "PenhaleBS", "uk"),
    ("Verdigris Bank", "verdigris.bank", "Verdigris", "verdigrisbank", "au"),
    ("Ostler Money", "ostler.money", "Ostler", "ostlermoney", "us"),
]
# Partners who pass feedback on: (name, domain, what they do)
EN_PARTNERS = [
    ("Marlinspike Payments", "marlinspike.io", "payment processing"),
    ("Tessellon Processing", "tessellon.com", "issuer processing"),
    ("Gauntlet ID", "gauntletid.com", "identity verification"),
    ("Sablewing FX", "sablewing.com", "foreign exchange"),
    ("Cairnpay", "cairnpay.com", "payroll and payouts"),
    ("Parapet Risk Systems", "parapetrisk.com", "fraud monitoring"),
    ("Honeyrock Lending", "honeyrock.co", "consumer lending"),
    ("Keelworks Ledger", "keelworks.dev", "banking-as-a-service"),
    ("Wayfarer Payroll", "wayfarerpayroll.com", "payroll software"),
    ("Quirewell Accounting Cloud", "quirewell.io", "accounting software"),
]
# Employers of business customers
EN_ORGS = [
    "Okapi Freight Forwarding", "Thornbury Paediatrics", "Halvard Marine Engineering", "Saltcote Bakehouse",
    "Inkwell & Quarry Press", "Barrowdale Veterinary", "Gullhaven Guesthouse", "Ashlar Stonemasons",
    "Peregrine Dance Academy", "Mulberry Row Dental", "Tinderbox Theatre Co.", "Crowsfoot Surveying",
    "Larkrise Nurseries", "Brindle & Bone Butchers", "Quickthorn Electrical", "Ravelston Lettings",
    "Nettlebed Organic Farm", "Cobweb Digital", "Longacre Removals", "Spindle Yarn Co.",
    "Whinfell Physiotherapy", "Rookery Lane Pharmacy", "Harrowgate Car Sales", "Glimmer Lighting Hire",
    "Pebblebrook Childcare", "Sheerline Roofing & Cladding", "Ochre Studio Architects", "Sundew Catering",
    "Tamworth Tyre Centre", "Bellhouse Wedding Films", "Stirrup Equestrian Supplies", "Foxtrot Courier Co-op",
]
EN_CUST_TITLES = [
    "Bookkeeping Lead", "Treasury & Cash Manager", "Head of Finance Ops", "Company Secretary", "Practice Owner",
    "Studio Manager", "Managing Director", "Chief of Staff", "Ops Associate", "Accounts Assistant", "Director",
    "Partner", "Founder", "Events Producer", "Fleet & Facilities Manager", "Head of School Business",
    "Site Supervisor", "Senior Paralegal", "Clinic Coordinator", "Shop Manager", "Freelance Illustrator",
    "Sole Trader", "Property Manager", "Head Baker",
]
EN_AGENT_ROLES = [
    "Customer Care Associate", "Money Help Specialist", "Disputes & Chargebacks Analyst", "Client Outcomes Lead",
    "Digital Banking Support", "Member Experience Advocate", "Payments Operations Analyst", "Senior Care Partner",
    "Resolution Specialist", "Onboarding Specialist", "Relationship Manager, Business Banking",
    "Social Care Associate", "Quality Coach", "Voice of Customer Analyst", "Branch Colleague", "Team Manager",
    "Customer Support Engineer", "Partner Success Manager", "Community Moderator", "Care Pod Lead",
]
EN_TEAMS = ["Care Pod 3", "Tier 1 – Digital", "Everyday Banking", "Business Care", "Member Services",
            "Priority Desk", "Social & Reviews", "Escalations", "Night Shift", "Partner Desk", "Branch Support",
            "Care – Weekend Rota", "Customer Outcomes", "Onboarding Queue"]
EN_PERSONAL_MAIL = ["gmail.com", "outlook.com", "icloud.com", "yahoo.co.uk", "hotmail.com", "live.com",
                    "me.com", "protonmail.com", "zoho.com", "aol.com", "sky.com", "virginmedia.com",
                    "optusnet.com.au", "shaw.ca", "att.net", "verizon.net", "web.de", "orange.fr",
                    "libero.it", "eircom.net"]
EN_TOWNS = [  # town, region, postcode, country
    ("Leamington Spa", "", "CV32 4AB", "UK"), ("Kettering", "", "NN16 0AF", "UK"), ("Paisley", "", "PA1 1JD", "UK"),
    ("Llandudno", "", "LL30 2PN", "UK"), ("Lowestoft", "", "NR32 1BU", "UK"), ("Dunfermline", "", "KY12 7QE", "UK"),
    ("Scranton", "PA", "18503", "USA"), ("Fresno", "CA", "93721", "USA"), ("Chattanooga", "TN", "37402", "USA"),
    ("Lubbock", "TX", "79401", "USA"), ("Ann Arbor", "MI", "48104", "USA"), ("Burlington", "VT", "05401", "USA"),
    ("Greenville", "SC", "29601", "USA"), ("Provo", "UT", "84601", "USA"), ("Kelowna", "BC", "V1Y 6H2", "Canada"),
    ("Rotorua", "", "3010", "New Zealand"), ("Ballarat", "VIC", "3350", "Australia"), ("Cork", "", "T12 X70A", "Ireland"),
    ("Limerick", "", "V94 T9PX", "Ireland"), ("Wollongong", "NSW", "2500", "Australia"),
]
EN_STREETS = ["Lantern Yard", "Coldharbour Lane", "Brickfield Row", "Gorse Hill Road", "Tanner's Walk",
              "Kittiwake Close", "Copperbeech Avenue", "Sextant Way", "Millrace Drive", "Vestry Street",
              "Ploughman's Lane", "Cinder Path", "Harrow Mews", "Bellfounders Row", "Cooper's Hill",
              "Wagtail Crescent", "Sawmill Parade", "Chandlery Quay"]
EN_BRANCHES = ["Market Cross", "Abbey Gate", "Riverside", "Northfield", "Castle Street", "Eastgate Centre",
               "Harbourside", "University Quarter", "Old Town", "Westbury Park", "Station Approach", "Fairmead"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_TZS = [("-0500", "EST"), ("-0400", "EDT"), ("-0600", "CST"), ("-0800", "PST"), ("-0700", "MST"),
          ("+0000", "GMT"), ("+0100", "BST"), ("+0100", "CET"), ("+0530", "IST"), ("+1000", "AEST"),
          ("+1300", "NZDT"), ("+0800", "SGT"), ("+0000", "UTC")]
EN_DEVICES_IOS = ["iPhone 15", "iPhone 14 Plus", "iPhone 13 mini", "iPhone 11", "iPhone 15 Pro Max", "iPhone XR",
                  "iPhone SE (2nd generation)", "iPhone 12 Pro"]
EN_DEVICES_ANDROID = ["Samsung SM-S911B", "Pixel 6a", "Pixel 8 Pro", "motorola edge 40", "Nokia G42",
                      "OnePlus Nord CE 3", "Samsung SM-A346B", "Xiaomi Redmi Note 12", "Fairphone 5", "OPPO A78"]
EN_IOS_VERS = ["16.6.1", "17.0.3", "17.3.1", "17.4", "17.5.1", "17.6", "18.0.1", "18.1"]
EN_ANDROID_VERS = ["12", "13", "14", "15"]
EN_SOCIAL_POSTS = ["Meet the team behind our {town} hub 👋", "Happy Friday from all of us at {bank}! ☀️",
                   "We're hiring — roles in {town} and remote. Link in bio.",
                   "Behind the scenes at our charity bake-off 🍰", "Thank you for 1 million downloads 🎉",
                   "Our new office dog, Biscuit, says hello 🐶", "Celebrating 10 years in {town} today!"]

# Non-need context a customer sometimes adds (about 15% of items), and the
# agent line that sometimes answers it.
EN_CONTEXT = [
    "We've been with you since {year}.", "I've banked with you for about {n} years now.",
    "My salary goes into this account.", "I'm writing from work so I'll be brief.",
    "I opened the account at your {branch} branch.", "For what it's worth, the app is usually great.",
    "This is the joint account I share with my {rel}.", "I'm not very techy, so bear with me.",
    "I moved over from my old bank in {year}.", "My {rel} recommended you to me.",
    "I run a small {biz} and use you for everything.", "English isn't my first language, sorry.",
    "I did try the help pages first.", "I'm a student, if that makes a difference.",
    "I've got a premium plan, not sure if that matters.", "I'm partially sighted so I use a screen reader.",
    "It's the account I use for household bills.", "I'm on my lunch break so might be slow to reply.",
    "Sorry for the essay.", "Third time lucky, hopefully.",
]
EN_WRITTEN_ONLY = ["I'm writing from work", "I'm on my lunch break", "Sorry for the essay", "Third time lucky",
                   "I'm partially sighted", "I did try the help pages"]
EN_REL = ["wife", "husband", "partner", "mum", "dad", "sister", "brother", "son", "daughter"]
EN_BIZ = ["café", "cleaning business", "garden centre", "photography studio", "hair salon", "bike shop",
          "plumbing firm", "dog-walking business"]
EN_CONTEXT_REPLIES = [
    "Thanks for letting us know, that's useful.", "Appreciate the background, {first}.",
    "Glad to have you with us.", "Noted, thank you {first}.", "Thanks for sharing that.",
    "Good to know, thanks {first}.", "Thanks {first}, that helps us find the right team.",
    "Understood, thank you.",
]


# ===========================================================================
# Generic helpers: people, dates, signatures
# ===========================================================================

class EnPerson:
    def __init__(self, g):
        gi = g.randrange(len(EN_GROUPS))
        self.first = ch(g, EN_GROUPS[gi][0])
        fi = gi if g.random() > 0.2 else g.randrange(len(EN_GROUPS))
        self.last = ch(g, EN_GROUPS[fi][1])
        self.full = f"{self.first} {self.last}"
        self.init = f"{self.first} {self.last[0]}."
        self.pron = ch(g, ["(she/her)", "(he/him)", "(they/them)", "she/her", "he/him", ""])
        self.style = g.randrange(7)
        self.num = digits(g, g.choice([2, 2, 3, 4]))

    def local(self, style=None):
        a, b = slug(self.first), slug(self.last)
        s = self.style if style is None else style
        return [f"{a}.{b}", f"{a[0]}{b}", f"{a}{b[0]}", f"{a}_{b}{self.num[:2]}", f"{b}.{a}",
                f"{a}{self.num}", f"{a}.{b[0]}"][s % 7]

    def personal_email(self, g):
        return f"{self.local()}@{ch(g, EN_PERSONAL_MAIL)}"

    def work_email(self, dom):
        return f"{self.local(self.style % 3 if self.style % 3 != 1 else 0)}@{dom}"

    def handle(self, g):
        a, b = slug(self.first), slug(self.last)
        return ch(g, [f"{a}{b}", f"{a}_{b[:4]}", f"{a[0]}{b}{self.num[:2]}", f"the{a}{b[0]}", f"{a}.{b}",
                      f"{b}{self.num}", f"{a}banks", f"not{a}"])


def org_domain(org):
    base = slug(re.sub(r"\b(Co\.?|Co-op|Ltd|the)\b", "", org))
    return base[:22] + [".co.uk", ".com", ".ie", ".com.au"][sum(map(ord, org)) % 4]


def en_phone(g, country=None):
    c = country or ch(g, ["UK", "USA", "Ireland", "Australia", "Canada", "New Zealand", "India", "Singapore"])
    if c == "UK":
        return ch(g, [f"+44 7700 900{digits(g, 3)}", f"07700 900{digits(g, 3)}", f"+44 (0)20 7946 0{digits(g, 3)}",
                      f"0161 496 0{digits(g, 3)}"])
    if c in ("USA", "Canada"):
        return ch(g, [f"+1 ({digits(g, 3)}) 555-01{digits(g, 2)}", f"{digits(g, 3)}-555-01{digits(g, 2)}",
                      f"({digits(g, 3)}) 555-01{digits(g, 2)} x{digits(g, 3)}"])
    if c == "Ireland":
        return f"+353 8{g.randint(3, 9)} {digits(g, 3)} {digits(g, 4)}"
    if c == "Australia":
        return ch(g, [f"+61 4{digits(g, 2)} {digits(g, 3)} {digits(g, 3)}", f"(02) 5550 {digits(g, 4)}"])
    if c == "New Zealand":
        return f"+64 21 {digits(g, 3)} {digits(g, 4)}"
    if c == "India":
        return f"+91 9{digits(g, 4)} {digits(g, 5)}"
    return f"+65 9{digits(g, 3)} {digits(g, 4)}"


class Bank:
    def __init__(self, g):
        self.name, self.dom, self.app, self.tw, self.region = ch(g, EN_BANKS)
        self.short = self.name.split(" ")[0].replace("&", "").strip()
        self.box = ch(g, ["help", "support", "care", "hello", "customercare", "service", "members", "contact"])
        self.email = f"{self.box}@{self.dom}"
        self.country = {"uk": "UK", "us": "USA", "ie": "Ireland", "au": "Australia", "eu": "Ireland"}[self.region]


def rand_dt(g):
    return datetime(2023, 1, 9) + timedelta(seconds=g.randrange(0, 3 * 365 * 86400))


def later(g, dt, lo=40, hi=5400):
    return dt + timedelta(seconds=g.randint(lo, hi))


def h12(dt):
    h = dt.hour % 12 or 12
    return f"{h}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def en_date(g, dt, style=None, tz=None):
    tz = tz or ch(g, EN_TZS)
    s = g.randrange(16) if style is None else style
    d, M, Y = dt.day, dt.month, dt.year
    mon, day = EN_MONTHS[M - 1], EN_DAYS[dt.weekday()]
    if s == 0:
        return f"{day[:3]}, {d:02d} {mon[:3]} {Y} {dt:%H:%M:%S} {tz[0]}"
    if s == 1:
        return f"{day}, {mon} {d}, {Y} {h12(dt)}"
    if s == 2:
        return f"{M:02d}/{d:02d}/{Y} {h12(dt)}"
    if s == 3:
        return f"{d:02d}/{M:02d}/{Y} {dt:%H:%M}"
    if s == 4:
        return f"{dt:%Y-%m-%dT%H:%M:%S}Z"
    if s == 5:
        off = tz[0]
        return f"{dt:%Y-%m-%dT%H:%M:%S}.{digits(g, 3)}{off[:3]}:{off[3:]}"
    if s == 6:
        return f"{mon[:3]} {d}, {Y}, {h12(dt)} {tz[1]}"
    if s == 7:
        return f"{d} {mon[:3]} {Y} at {dt:%H:%M}"
    if s == 8:
        return f"{dt:%Y-%m-%d %H:%M:%S}"
    if s == 9:
        return f"{day[:3]} {mon[:3]} {d} {dt:%H:%M:%S} {tz[1]} {Y}"
    if s == 10:
        return f"{d} {mon} {Y}, {dt:%H:%M} ({tz[1]})"
    if s == 11:
        return f"{Y}/{M:02d}/{d:02d} {dt:%H:%M}"
    if s == 12:
        return f"{mon} {d}, {Y} at {h12(dt).lower().replace(' ', '')}"
    if s == 13:
        return f"{d}.{M}.{Y} {dt:%H:%M}"
    if s == 14:
        return str(int((dt - datetime(1970, 1, 1)).total_seconds()))
    return f"{day}, {d} {mon} {Y} {dt:%H:%M} {tz[1]}"


def en_date_only(g, dt):
    d, M, Y = dt.day, dt.month, dt.year
    return ch(g, [f"{d} {EN_MONTHS[M-1]} {Y}", f"{EN_MONTHS[M-1]} {d}, {Y}", f"{d:02d}/{M:02d}/{Y}",
                  f"{M}/{d}/{Y}", f"{Y}-{M:02d}-{d:02d}", f"{EN_MONTHS[M-1][:3]} {d}, {Y}"])


# --- greetings, lead-ins, closers, sign-offs -------------------------------
EN_GREETS = ["Hiya,", "Morning all,", "Dear {bank} team,", "Hello there,", "To the support desk,", "Hi {agent},",
             "Evening,", "Hey,", "Good day,", "Greetings,", "Hi folks,", "Dear Sirs,", "{agent} -", "Hello {agent},",
             "Dear {agent},", "Hi again,", "Afternoon,", "To whom it concerns,", "Hey {bank},", "Hi all,"]
EN_LEADINS = ["Right, so.", "Quick one.", "I'll keep this brief.", "Bit of a silly question maybe.", "Here goes.",
              "Okay so", "Hoping someone can help.", "Straight to it:", "Sorry to bother you.", "So,",
              "Apologies for writing in again.", "Hope you're keeping well.", "Long time customer here.",
              "Sorry to bother you on a Friday.", "Writing on my lunch break.", "Thanks for the help last time."]
EN_TRAILS = ["Thanks.", "Cheers", "Ta.", "Appreciate it.", "Let me know.", "Thank you!!", "Thx", "Many thanks",
             "Cheers for any help.", "Thanks in advance", "TIA", "Grateful for any pointers.", "Speak soon.",
             "Thank you kindly.", "ty", "Much appreciated."]
EN_SIGNOFFS = ["Best wishes,", "Warmly,", "Yours sincerely,", "Yours faithfully,", "With thanks,", "Rgds,",
               "Thx,", "All best,", "Take care,", "Kind regards,", "Sincerely,", "Many thanks,", "Best,",
               "Respectfully,", "Cheers,", "Regards,", "Speak soon,", "—", "Ta,", "Thanks again,"]
EN_SENT_FROM = ["Sent from my iPhone", "Sent from my iPad", "Sent from Mail for Windows",
                "Get Outlook for iOS", "Get Outlook for Android", "Sent from my Galaxy",
                "Sent from Yahoo Mail on Android", "Sent with Proton Mail secure email.",
                "Sent from Spark", "Sent via BlackBerry Work", "Sent from my Pixel",
                "Enviado desde mi iPhone", "Von meinem iPhone gesendet", "Envoyé de mon iPhone",
                "Verstuurd vanaf mijn iPhone", "Inviato da iPhone", "Wysłane z iPhone'a",
                "Skickat från min iPhone", "Enviado do meu iPhone", "Lähetetty iPhonesta",
                "Sendt fra min iPhone", "Sent from Fastmail on my phone", "Sent from Edison Mail",
                "-- Sent from a mobile device, please excuse brevity --", "Sent on the go from BlueMail"]


def en_greet(g, bank, agent=None):
    s = ch(g, EN_GREETS)
    if "{agent}" in s and not agent:
        s = "Hello,"
    return s.format(bank=bank.short if chance(g, 0.6) else bank.name, agent=agent or "")


class Extra:
    """Optional non-need customer sentence and the agent line answering it."""

    def __init__(self, g, pool, replies, fill):
        self.sent = None
        self.reply = None
        if chance(g, 0.15):
            self.sent = fill(g, ch(g, pool))
            if chance(g, 0.45):
                self.reply_tpl = ch(g, replies)
                self.reply = self.reply_tpl

    def spoken(self, g, written_only, pool, fill):
        """Voice channels: swap a sentence only someone typing would say."""
        if self.sent and any(self.sent.startswith(w) for w in written_only):
            choices = [c for c in pool if not any(c.startswith(w) for w in written_only)]
            self.sent = fill(g, ch(g, choices))
        return self

    def rep(self, first=""):
        if not self.reply:
            return None
        if "{first}" in self.reply and not first:
            return self.reply.replace(", {first}", "").replace(" {first}", "").replace("{first}", "")
        return self.reply.format(first=first)


def en_fill(g, s):
    t = ch(g, EN_TOWNS)
    return s.format(year=g.randint(2009, 2022), n=ch(g, ["five", "ten", "twelve", "6", "8", "15"]),
                    branch=ch(g, EN_BRANCHES), rel=ch(g, EN_REL), biz=ch(g, EN_BIZ), town=t[0])


def en_glue(g, a):
    """Separator after an English fragment that may lack final punctuation."""
    if a and (a[-1].isalnum() or a[-1] in "'\""):
        return ch(g, [". ", ". ", " - ", ", ", "  ", "! "])
    return " "


def en_need(g, need, ex, lead=0.25, trail=0.3, tight=False):
    """The need as a paragraph: optional lead-in / trailer / context sentence."""
    s = need
    if chance(g, lead):
        s = ch(g, EN_LEADINS) + (" " if tight or chance(g, 0.7) else "\n") + s
    if chance(g, trail):
        s = s + (en_glue(g, s) if tight or chance(g, 0.6) else "\n") + ch(g, EN_TRAILS)
    if ex.sent:
        if chance(g, 0.5):
            s = ex.sent + (" " if tight or chance(g, 0.6) else "\n\n") + s
        else:
            s = s + (en_glue(g, s) if tight or chance(g, 0.6) else "\n\n") + ex.sent
    return s


def en_turns(g, need, ex, first=""):
    """Chat turns for the customer side: [(who, text)] with who in c/a."""
    out = []
    if ex.sent and chance(g, 0.55):
        out.append(("c", ex.sent))
        if ex.reply:
            out.append(("a", ex.rep(first)))
        out.append(("c", need))
    else:
        out.append(("c", need))
        if ex.sent:
            out.append(("c", ex.sent))
            if ex.reply:
                out.append(("a", ex.rep(first)))
    return out


def bank_town(g, bank):
    towns = [t for t in EN_TOWNS if t[3] == bank.country] or EN_TOWNS
    return ch(g, towns)


def en_sig(g, p, org=None, dom=None, title=None, country=None, style=None):
    """Customer signature block in one of many styles."""
    s = g.randrange(12) if style is None else style
    phone = en_phone(g, country)
    em = p.work_email(dom) if dom else p.personal_email(g)
    t = ch(g, EN_TOWNS)
    addr = f"{g.randint(2, 240)} {ch(g, EN_STREETS)}, {t[0]}{', ' + t[1] if t[1] else ''} {t[2]}"
    if s == 0:
        return p.first
    if s == 1:
        return f"{p.full}\n{phone}"
    if s == 2 and org:
        return f"{p.full} {p.pron}".rstrip() + f"\n{title or ch(g, EN_CUST_TITLES)} | {org}\n{phone} | {em}\n{addr}"
    if s == 3 and org:
        return f"{p.full} · {title or ch(g, EN_CUST_TITLES)} · {org}\nm. {phone}  w. {dom or 'n/a'}"
    if s == 4:
        return f"-{p.first[0]}"
    if s == 5 and org:
        return (f"{p.full}\n{title or ch(g, EN_CUST_TITLES)}\n{org}\n"
                + ch(g, [f"Book a meeting: https://calendly.com/{p.local(0).replace('.', '-')}/30min",
                         f"Grab 15 mins with me → https://cal.com/{slug(p.first)}-{slug(p.last)}",
                         f"Schedule time: https://meetings.hubspot.com/{slug(p.first)}{slug(p.last)[:3]}"]))
    if s == 6:
        return f"{p.first} {p.last[0]}\n" + ch(g, ["LinkedIn: linkedin.com/in/", "in/ "]) + \
            f"{slug(p.first)}-{slug(p.last)}-{hexs(g, 6)}  |  X: @{p.handle(g)}"
    if s == 7 and org:
        return (f"Met vriendelijke groet / Kind regards\n\n{p.full}\n{org}\nT {phone}\n"
                f"{ch(g, ['Working days Mon–Thu', 'I work part-time (Tue/Wed/Fri)', 'Out of office Fridays'])}")
    if s == 8:
        return f"{p.full}\n{addr}"
    if s == 9:
        return f"{p.first}\n\n{ch(g, EN_SENT_FROM)}"
    if s == 10 and org:
        return (f"--\n{p.full} {p.pron}".rstrip() + f"\n{org} | {addr}\nOffice {phone}\n"
                f"{ch(g, ['Please note my new email address: ' + em, 'Pronouns: ' + (p.pron or 'they/them'), 'Website: www.' + (dom or 'example.org')])}")
    return f"{p.first} {p.last}"


# Bank's and partners' outbound disclaimers / footers
def en_bank_footer(g, bank, to_email=None):
    n = digits(g, 6)
    opts = []
    if bank.region in ("uk", "ie"):
        opts += [
            f"{bank.name} plc is authorised by the Prudential Regulation Authority and regulated by the Financial "
            f"Conduct Authority and the Prudential Regulation Authority (Financial Services Register no. {n}). "
            f"Registered in England and Wales, company no. {digits(g, 8)}. Registered office: {g.randint(1, 90)} "
            f"{ch(g, EN_STREETS)}, {bank_town(g, bank)[0]}.",
            f"{bank.name} is a trading name of {bank.short} Financial Services DAC, regulated by the Central Bank "
            f"of Ireland. Calls may be recorded for training and quality purposes.",
        ]
    else:
        opts += [
            f"Deposits are insured by the FDIC up to the maximum amount allowed by law. {bank.name} is a Member FDIC "
            f"and an Equal Housing Lender. NMLS #{n}.",
            f"{bank.name} is a financial technology company, not a bank. Banking services provided by "
            f"{ch(g, EN_PARTNERS)[0].split()[0]} National Bank, N.A.; Member FDIC.",
            f"Federally insured by NCUA. {bank.name} — Routing number available in the app. Equal Opportunity Lender.",
        ]
    opts += [
        "We will never ask you for your security details or to move money to a 'safe account' by email. "
        "If something feels off, hang up and call the number on our website.",
        f"This email was sent to {to_email or 'you'} because you contacted {bank.name}. If you'd rather not hear "
        f"from us about offers, update your preferences in the app under Settings > Privacy.",
        f"Rate your experience: https://feedback.{bank.dom}/r/{alnum(g, 8, False)}  ★★★★★",
        f"Download the {bank.app} app · Follow us @{bank.tw} · {bank.dom}",
        f"Unsubscribe from service updates: https://{bank.dom}/prefs?u={hexs(g, 16)}",
    ]
    g.shuffle(opts)
    return "\n\n".join(opts[:g.randint(1, 3)])


def en_org_disclaimer(g, org):
    return ch(g, [
        f"The content of this message is for the named recipient only. Views expressed are the author's own and "
        f"not necessarily those of {org}. If it reached you by mistake, please tell the sender and delete it.",
        f"[EXTERNAL SENDER] Think before you click — this message came from outside {org}.",
        "Save paper — only print this email if you really need to. 🌱",
        f"{org} is registered in England & Wales (no. {digits(g, 8)}). VAT reg. GB {digits(g, 3)} {digits(g, 4)} {digits(g, 2)}.",
        "This mailbox is monitored Monday to Friday, 9–5. Messages received outside these hours will be read the next working day.",
        f"Notice: {org} will never change its bank details by email. Always verify by phone.",
        "PRIVILEGED & CONFIDENTIAL — may contain information exempt from disclosure. Unauthorised use is prohibited.",
        f"Scanned for malware by {ch(g, ['Trustwave MailMarshal', 'Hornetsecurity', 'Libraesva ESG', 'SpamTitan'])}.",
    ])


def en_agent_reply(g, bank, agent, cust_first, ex=None):
    pre = ex.rep(cust_first) + " " if ex is not None and ex.reply else ""
    body = ch(g, [
        "I've passed this over to the right team and you'll hear back within two working days.",
        "Could you confirm the last four digits of the phone number on the account so I can check?",
        "Let me take a look at this for you now.",
        "I've raised a case with our specialists; your reference is {ref}.",
        "I'll need to check a couple of things on our side and come back to you.",
        "To help me look into this, could you send a screenshot of what you're seeing?",
        "Thanks for your patience while we dig into this.",
        "I've added a note to your profile so whoever picks this up has the full picture.",
        "A colleague from our specialist team will call you from a withheld number.",
        "For security reasons I can't go into account details here, so I'll send you a secure message in the app.",
    ]).format(ref=f"{bank.short[:3].upper()}-{digits(g, 7)}")
    greet = ch(g, [f"Hi {cust_first},", f"Hello {cust_first},", f"Dear {cust_first},", f"Hey {cust_first}!",
                   "Hello,", f"Good morning {cust_first},", f"Thanks for getting in touch, {cust_first}."])
    sign = ch(g, [f"{agent.first}\n{bank.name} {ch(g, ['Customer Care', 'Support', 'Help Team', 'Member Services'])}",
                  f"Kind regards,\n{agent.first} {agent.last[0]}.\n{ch(g, EN_AGENT_ROLES)}, {bank.name}",
                  f"Thanks,\n{agent.first} | {bank.name}",
                  f"Best wishes,\n{agent.full}\n{ch(g, EN_AGENT_ROLES)}\n{bank.name} · {bank.dom}"])
    return f"{greet}\n\n{pre}{body}\n\n{sign}"


def quote(text, prefix="> "):
    return "\n".join((prefix + ln).rstrip() if ln.strip() or prefix.strip() == ">" else prefix.rstrip()
                     for ln in text.split("\n"))


def en_subject(g, bank):
    return ch(g, ["Query", "Quick question", "Help please", "My account", "Question re: my account", "Hello",
                  "(no subject)", "Urgent!", "Following up", "Please help", "Account enquiry", "Re: your email",
                  "Fwd: (no subject)", f"{bank.short} query", "hi", "Question", "Need a hand", "Something I wanted to ask",
                  "Customer query", "Account help"]).strip()


def en_custbody(g, need, ex, bank, p, agent=None, org=None, dom=None, sig=True, greet=0.85):
    parts = []
    if chance(g, greet):
        parts.append(en_greet(g, bank, agent.first if agent and chance(g, 0.5) else None))
    if chance(g, 0.2):
        parts.append(ch(g, [f"{p.first} from {org} here." if org else f"{p.first} here.",
                            f"This is {p.full}" + (f", {ch(g, EN_CUST_TITLES)} at {org}." if org else "."),
                            f"My name is {p.full} and I hold an account with you.",
                            f"{p.first} {p.last} here" + (f" ({org})." if org else ", account holder.")]))
    parts.append(en_need(g, need, ex))
    if chance(g, 0.35):
        parts.append(ch(g, ["Thanks in advance for your help.", "Looking forward to hearing back.",
                            "Happy to chat on the phone if easier.", "Any help much appreciated.",
                            "Thank you for your time.", "Please get back to me when you can.",
                            "Speak soon.", "Cheers in advance."]))
    if sig:
        so = ch(g, EN_SIGNOFFS)
        parts.append(so + "\n" + en_sig(g, p, org, dom, country=bank.country))
    return "\n\n".join(parts)


# ===========================================================================
# English templates
# ===========================================================================

EN_TEMPLATES = []
ZH_TEMPLATES = []


def en_t(name):
    def deco(fn):
        EN_TEMPLATES.append((name, fn))
        return fn
    return deco


def zh_t(name):
    def deco(fn):
        ZH_TEMPLATES.append((name, fn))
        return fn
    return deco


def maybe_org(g, p=0.4):
    if chance(g, p):
        org = ch(g, EN_ORGS)
        return org, org_domain(org), ch(g, EN_CUST_TITLES)
    return None, None, None


@en_t("hubspot-ticket-notification")
def en_hubspot(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    org, dom, title = maybe_org(g)
    tid = digits(g, 10)
    subj_need = chance(g, 0.3)
    tname = need if subj_need else en_subject(g, bank)
    if subj_need:
        body = "\n\n".join(x for x in [
            en_greet(g, bank) if chance(g, 0.5) else "",
            ch(g, ["As per the subject line.", "See subject.", "Title says it all really.", "^ as above",
                   "Subject says it. Thanks", "Please see the subject, thank you."])
            + (" " + ex.sent if ex.sent else ""),
            ch(g, EN_SIGNOFFS) + "\n" + en_sig(g, p, org, dom, title, bank.country)] if x)
    else:
        body = en_custbody(g, need, ex, bank, p, None, org, dom)
    email = p.work_email(dom) if dom else p.personal_email(g)
    lines = [
        ch(g, [f"{agent.first}, you've been assigned a ticket", "A new ticket has been created",
               f"New ticket assigned to {agent.full}", "Ticket created from incoming email"]),
        "",
        f"Ticket name: {tname}",
        f"Ticket ID: {tid}",
        f"Pipeline: {ch(g, ['Support Pipeline', 'Retail Care', 'Business Banking Service', 'Member Help'])}",
        f"Ticket status: {ch(g, ['New', 'Waiting on us', 'Waiting on contact', 'Open'])}",
        f"Priority: {ch(g, ['Low', 'Medium', 'High', 'Urgent'])}",
        f"Source: {ch(g, ['Email', 'Form', 'Chat', 'Phone', 'Facebook Messenger'])}",
        f"Ticket owner: {agent.full}",
        f"Associated contact: {p.full} ({email})",
    ]
    if org:
        lines.append(f"Associated company: {org}")
    lines += [f"Create date: {en_date(g, dt, 6)}",
              f"Customer tier: {ch(g, ['Standard', 'Plus', 'Premier', 'Business', 'Unknown'])}",
              "", ch(g, ["Original message:", "--- Email body ---", "Most recent email:", "Message preview"]), "",
              body, "",
              f"View ticket: https://app.hubspot.com/contacts/{digits(g, 7)}/ticket/{tid}",
              "",
              f"You're receiving this because you're a user in the {bank.name} HubSpot account. "
              f"Manage notifications: https://app.hubspot.com/user-preferences/{digits(g, 7)}/notifications"]
    return "\n".join(lines)


@en_t("zoho-desk-thread")
def en_zoho(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    num = g.randint(10000, 899999)
    email = p.personal_email(g)
    t2 = later(g, dt, 120, 4000)
    t3 = later(g, t2, 60, 9000)
    opener = ch(g, ["Hello? Is anyone there", "hi", "Hello, I have a question about my account.",
                    "Hi, can I speak to someone please", "Hello", "Good morning, are you open today?"])
    q = ch(g, [f"Hi {p.first}, thanks for reaching out to {bank.name}! How can we help today?",
               f"Hello {p.first}, yes we're here. What can I do for you?",
               f"Hi {p.first}, {agent.first} here. Could you tell me a bit more?"])
    turns = [f"[Incoming] {p.full} <{email}> • {en_date(g, dt, 2)}", opener, "",
             f"[Outgoing] {agent.full} • {en_date(g, t2, 2)}", q, "",
             f"[Incoming] {p.full} <{email}> • {en_date(g, t3, 2)}", en_need(g, need, ex)]
    if ex.reply:
        turns += ["", f"[Outgoing] {agent.full} • {en_date(g, later(g, t3), 2)}", ex.rep(p.first)]
    hdr = [f"Zoho Desk • #{num}",
           f"Subject: {en_subject(g, bank)}",
           f"Contact Name: {p.full}   Email: {email}   Phone: {en_phone(g, bank.country)}",
           f"Status: {ch(g, ['Open', 'On Hold', 'Escalated', 'Open'])}   Channel: {ch(g, ['Web', 'Email', 'Chat', 'Forums'])}"
           f"   Classification: {ch(g, ['Question', 'Problem', 'Others', '-None-'])}",
           f"Department: {ch(g, ['Retail Support', 'Member Care', 'Digital', 'Business Desk'])}   Ticket Owner: {agent.full}",
           f"Due Date: {en_date(g, later(g, dt, 86400, 260000), 2)}   Language: {ch(g, ['English', 'English (UK)', 'English (US)'])}",
           "", "----- Conversation -----"]
    return "\n".join(hdr + turns)


@en_t("freshservice-branch-request")
def en_freshservice(g, need, ex):
    bank, p, staff, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    town = bank_town(g, bank)[0]
    sr = f"SR-{g.randint(1000, 99999)}"
    desc = ch(g, [f'Customer came into branch and asked: "{need}"',
                  f"Customer's words (written on the enquiry card):\n{need}",
                  f"Walk-in customer, {p.init}. They said:\n\n{need}",
                  f"Logging on behalf of customer who phoned the branch line. Their question, as they put it: {need}"])
    if ex.sent:
        desc += f"\nAlso mentioned: {ex.sent}"
    lines = [
        f"[#{sr}] {ch(g, ['Customer query logged by branch', 'Branch referral', 'Walk-in enquiry', 'Branch: customer needs callback'])}",
        "",
        f"Requester: {staff.full} ({ch(g, ['Branch Ops', 'Customer Service Assistant', 'Branch Manager'])} – {town})",
        f"Requested for: {p.full}",
        f"Group: {ch(g, ['Retail Ops L2', 'Branch Support Desk', 'Central Servicing', 'Customer Ops'])}",
        f"Agent: {ch(g, ['--', 'Unassigned', EnPerson(g).full])}",
        f"Category: {ch(g, ['Customer Servicing > General', 'Branch > Referral', 'Customer Servicing > Other'])}",
        f"Urgency: {ch(g, ['Low', 'Medium', 'High'])}   Impact: {ch(g, ['Low', 'Medium'])}   Priority: {ch(g, ['Low', 'Medium', 'High'])}",
        f"Source: {ch(g, ['Portal', 'Email', 'Phone'])}   Due by: {en_date(g, later(g, dt, 7200, 200000), 3)}",
        f"Created: {en_date(g, dt, 3)}",
        "",
        "Description:",
        desc,
        "",
        f"-- \n{staff.first}\n{town} branch | ext. {digits(g, 4)}",
    ]
    return "\n".join(lines)


@en_t("servicenow-csm-case")
def en_servicenow(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    case = f"CS{digits(g, 7)}"
    short_need = chance(g, 0.35)
    short = need if short_need else ch(g, ["Customer enquiry via web", "Inbound email – unclassified",
                                            "Customer contact", "Callback request", "General enquiry"])
    desc = ch(g, ["(see short description)", "As per short description.", "Customer did not add details."]) \
        if short_need else en_custbody(g, need, ex, bank, p, None, None, None, sig=chance(g, 0.5), greet=0.5)
    if short_need and ex.sent:
        desc = ex.sent
    wn = [f"{en_date(g, later(g, dt, 300, 7000), 8)} - {agent.full} (Work notes)",
          ch(g, ["Called customer, no answer. Left voicemail.", "ID&V passed on callback.",
                 "Checked core banking notes, nothing recent.", "Customer verified via app push.",
                 "Reassigning to correct group.", "Awaiting info from customer."])]
    lines = [
        f"Case: {case}",
        f"Account: {p.full} (Retail)     Contact: {p.full}",
        f"Channel: {ch(g, ['Web', 'Email', 'Phone', 'Chat'])}     State: {ch(g, ['New', 'Open', 'Awaiting Info', 'Open'])}",
        f"Priority: {ch(g, ['4 - Low', '3 - Moderate', '2 - High'])}     Assignment group: "
        f"{ch(g, ['CSM-Retail-Tier1', 'CSM-Digital', 'CSM-Business', 'CSM-Triage'])}",
        f"Assigned to: {ch(g, [agent.full, '(empty)'])}     Opened: {en_date(g, dt, 8)}",
        f"Short description: {short}",
        "Description:",
        desc,
        "",
        "Activities:",
    ] + wn
    if ex.reply:
        lines += [f"{en_date(g, later(g, dt, 7200, 9000), 8)} - {agent.full} (Additional comments)", ex.rep(p.first)]
    return "\n".join(lines)


@en_t("jsm-portal-request")
def en_jsm(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    proj = ch(g, ["CARE", "HELP", "SUP", "CX", "MBR", "BIZ"])
    key = f"{proj}-{g.randint(100, 48000)}"
    summary_need = chance(g, 0.4)
    summary = need if summary_need else ch(g, ["Question about my account", "Help", "Query", "Please call me back",
                                                "Account question", "Customer request"])
    descr = (ex.sent or "") if summary_need else en_need(g, need, ex)
    h1, m1 = g.randint(0, 7), g.randint(1, 59)
    lines = [
        f"[JIRA] ({key}) {ch(g, ['New request', 'Request received', 'Customer request created'])}",
        "",
        f"{p.full} raised a request via {ch(g, ['portal', 'email', 'the help widget'])}",
        "",
        f"Request type: {ch(g, ['Ask a question', 'Get help with your account', 'Something else', 'Contact us'])}",
        f"Summary: {summary}",
    ]
    if descr:
        lines += ["Description:", descr]
    lines += [
        f"Reporter: {p.full}",
        f"Raise this request on behalf of: {ch(g, [p.full, p.full, EnPerson(g).full])}",
        f"Request participants: {ch(g, ['None', '@' + EnPerson(g).first.lower()])}",
        f"Labels: {ch(g, ['none', 'inbound', 'retail', 'needs-triage', 'portal'])}",
        f"SLA  Time to first response: {h1}h {m1}m   Time to resolution: {g.randint(8, 71)}h {g.randint(0, 59)}m",
        "",
        "Activity",
        f"Automation for Jira · {en_date(g, later(g, dt, 5, 90), 6)}",
        f"  Hi {p.first}, thanks for getting in touch with {bank.name}. We've got your request and a member of "
        f"the team will reply soon. You can track it here: https://{slug(bank.short)}.atlassian.net/servicedesk/customer/portal/{g.randint(1, 9)}/{key}",
    ]
    if chance(g, 0.5):
        lines += [f"{agent.full} · internal note",
                  ch(g, [f"@{EnPerson(g).first} can you pick this up?", "Linked to problem record.",
                         "Checked customer profile, all good.", "Moving to L2."])]
    return "\n".join(lines)


@en_t("front-shared-inbox")
def en_front(g, need, ex):
    bank, p, a1, a2, dt = Bank(g), EnPerson(g), EnPerson(g), EnPerson(g), rand_dt(g)
    org, dom, title = maybe_org(g, 0.35)
    email = p.work_email(dom) if dom else p.personal_email(g)
    body = en_custbody(g, need, ex, bank, p, None, org, dom)
    if org and chance(g, 0.5):
        body += "\n\n" + en_org_disclaimer(g, org)
    lines = [
        f"Front · {ch(g, ['Shared: Help', 'Team: Business Care', 'Inbox: ' + bank.email, 'Shared: Complaints'])}",
        f"Assignee: {ch(g, [a1.full, 'Unassigned'])} · Tags: {ch(g, ['#new', '#business', '#vip', '#follow-up', '#untagged'])}"
        f" · Status: {ch(g, ['Open', 'Snoozed until ' + en_date(g, later(g, dt, 3600, 90000), 6), 'Open'])}",
        "",
        f"From: {p.full} <{email}>",
        f"To: {bank.name} <{bank.email}>",
        f"Date: {en_date(g, dt, 0)}",
        f"Subject: {en_subject(g, bank)}",
        "",
        body,
        "",
        f"💬 {a1.first} ({ch(g, ['comment', 'internal'])}): @{a2.first} {ch(g, ['can you take this one? you had their last ticket', 'yours?', 'this one is for your pod I think', 'mind grabbing this while I am on lunch?'])}",
        f"💬 {a2.first}: {ch(g, ['on it 👍', 'yep, assigning to me', 'sure', 'got it', '👀'])}",
    ]
    if ex.reply:
        lines += [f"↩ {a2.full} replied: {ex.rep(p.first)} {ch(g, ['Looking into it now.', 'One moment while I check.'])}"]
    return "\n".join(lines)


@en_t("missive-sms-conversation")
def en_missive(g, need, ex):
    bank, p, a1, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    ph = en_phone(g, bank.country)
    t = dt
    lines = [f"Conversation · SMS · {ph}",
             f"Team: {ch(g, EN_TEAMS)}  |  Assigned: {a1.full}  |  Labels: sms, {ch(g, ['new', 'returning', 'unverified'])}",
             ""]
    for who, txt in en_turns(g, need, ex, p.first):
        t = later(g, t, 20, 600)
        if who == "c":
            lines.append(f"[{h12(t)}] {ph}: {txt}")
        else:
            lines.append(f"[{h12(t)}] You ({a1.first}): {txt}")
    t = later(g, t, 30, 300)
    lines.append(f"[{h12(t)}] 💬 {a1.first} (internal): {ch(g, ['number matches ' + p.full + ' in core', 'not verified yet', 'checking who this is', 'new number, no match'])}")
    t = later(g, t, 30, 300)
    lines.append(f"[{h12(t)}] You ({a1.first}): " + ch(g, [
        f"Hi, this is {a1.first} at {bank.name}. Can you confirm your full name and postcode please?",
        f"Thanks for texting {bank.name}. Is this {p.first}?",
        "Thanks for your message. For security, please log in to the app and open a chat so we can verify you."]))
    return "\n".join(lines)


@en_t("outlook-agent-reply-over-original")
def en_outlook_reply(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    org, dom, title = maybe_org(g, 0.4)
    email = p.work_email(dom) if dom else p.personal_email(g)
    subj = en_subject(g, bank)
    reply = en_agent_reply(g, bank, agent, p.first, ex)
    orig = en_custbody(g, need, ex, bank, p, agent, org, dom)
    cc = f"\nCc: {EnPerson(g).work_email(dom)}" if dom and chance(g, 0.4) else ""
    lines = [
        f"From: {agent.full} <{agent.local(0)}@{bank.dom}>",
        f"Sent: {en_date(g, later(g, dt, 1800, 170000), 1)}",
        f"To: {p.full} <{email}>",
        f"Subject: RE: {subj}",
        "",
        reply,
        "",
        en_bank_footer(g, bank, email),
        "",
        ch(g, ["________________________________", "-----Original Message-----", "________________________________________"]),
        f"From: {p.full} <{email}>",
        f"Sent: {en_date(g, dt, 1)}",
        f"To: {bank.name} {ch(g, ['Support', 'Customer Care', 'Help'])} <{bank.email}>{cc}",
        f"Subject: {subj}",
        "",
        orig,
    ]
    return "\n".join(lines)


@en_t("gmail-on-wrote")
def en_gmail(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    email = p.personal_email(g)
    prev = en_agent_reply(g, bank, agent, p.first)
    t0 = dt - timedelta(hours=g.randint(2, 90))
    who = f"{bank.name} <{bank.email}>" if chance(g, 0.6) else f"{agent.full} <{agent.local(0)}@{bank.dom}>"
    style = g.randrange(4)
    if style == 0:
        hdr = f"On {EN_DAYS[t0.weekday()][:3]}, {EN_MONTHS[t0.month-1][:3]} {t0.day}, {t0.year} at {h12(t0)} {who} wrote:"
    elif style == 1:
        hdr = f"On {t0.day} {EN_MONTHS[t0.month-1][:3]} {t0.year}, at {t0:%H:%M}, {who} wrote:"
    elif style == 2:
        hdr = f"On {t0:%Y-%m-%d %H:%M}, {who} wrote:"
    else:
        hdr = f"On {EN_DAYS[t0.weekday()][:3]}, {t0.day} {EN_MONTHS[t0.month-1][:3]} {t0.year} at {t0:%H:%M}, {who} wrote:"
    mine = "\n\n".join(x for x in [ch(g, ["", f"Hi {agent.first},", "Hello again,", f"Thanks {agent.first}."]),
                                   en_need(g, need, ex), ch(g, ["", p.first, f"{p.first} {p.last[0]}", f"Cheers\n{p.first}"])] if x)
    tail = ch(g, EN_SENT_FROM) if chance(g, 0.4) else ""
    quoted = quote(prev + "\n\n" + en_bank_footer(g, bank, email), ch(g, ["> ", ">"]))
    if chance(g, 0.75):  # top posting
        top = "\n\n".join([mine] + ([tail] if tail else []))
        return top + "\n\n" + hdr + "\n" + quoted
    return hdr + "\n" + quoted + "\n\n" + mine + ("\n\n" + tail if tail else "")


@en_t("original-message-internal-forward")
def en_origmsg(g, need, ex):
    bank, p, boss, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    org = ch(g, EN_ORGS)
    dom = org_domain(org)
    t2 = later(g, dt, 600, 50000)
    top = ch(g, [f"Hi {bank.short} team,\n\nPlease see below from our {ch(g, ['finance lead', 'office manager', 'director'])}. Could you help?",
                 f"Hello,\n\nForwarding this on behalf of {p.first}, who is on leave this week. Replies to me please.",
                 f"Hi,\n\nBelow is from my colleague {p.first}. I've cc'd them in."])
    inner = "\n\n".join(x for x in [ch(g, [f"{boss.first},", f"Hi {boss.first}", f"{boss.first} -", ""]),
                                    en_need(g, need, ex),
                                    ch(g, ["Can you raise with the bank?", "Can you ask them?", "Could you chase?", ""]),
                                    p.first] if x)
    lines = [
        f"From: {boss.full} <{boss.work_email(dom)}>",
        f"To: {bank.email}",
        f"Cc: {p.full} <{p.work_email(dom)}>",
        f"Date: {en_date(g, t2, 0)}",
        f"Subject: FW: {ch(g, ['bank', 'bank q', 'for the bank', bank.short, 'question'])}",
        "",
        top,
        "",
        ch(g, EN_SIGNOFFS),
        en_sig(g, boss, org, dom, ch(g, EN_CUST_TITLES), style=ch(g, [2, 3, 5, 10])),
        "",
        en_org_disclaimer(g, org),
        "",
        "-----Original Message-----",
        f"From: {p.full} <{p.work_email(dom)}>",
        f"Sent: {en_date(g, dt, 1)}",
        f"To: {boss.full} <{boss.work_email(dom)}>",
        f"Subject: {ch(g, ['bank', 'bank q', 'quick q', 'for the bank'])}",
        "",
        inner,
    ]
    return "\n".join(lines)


@en_t("partner-forwarded-message")
def en_partner_fwd(g, need, ex):
    bank, p, pa, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    partner, pdom, what = ch(g, EN_PARTNERS)
    email = p.personal_email(g)
    top = ch(g, [
        f"Hi {bank.short} partner support,\n\nForwarding the below from a shared customer; it looks like one for you rather than us ({what} only on our side).",
        f"Hello team,\n\nThis came into our {what} support queue but relates to the {bank.app} account. Passing over as agreed in the runbook.",
        f"Hi all — another misrouted one, see below. We've told the customer we're passing it on.",
    ])
    lines = [
        top, "",
        ch(g, ["Thanks,", "Best,", "Cheers,"]),
        f"{pa.full} | {ch(g, ['Partner Support', 'Support Operations', 'Escalations'])} | {partner}",
        f"{pa.local(0)}@{pdom} | {en_phone(g)}",
        "",
        "---------- Forwarded message ---------",
        f"From: {p.full} <{email}>",
        f"Date: {en_date(g, dt, 1)}",
        f"Subject: {en_subject(g, bank)}",
        f"To: <support@{pdom}>",
        "",
        en_custbody(g, need, ex, bank, p, None, None, None),
        "",
        f"{partner} Ltd · This message and any attachment are intended for the recipient only.",
    ]
    return "\n".join(lines)


@en_t("mobile-mail-sent-from")
def en_mobile(g, need, ex):
    bank, p = Bank(g), EnPerson(g)
    parts = []
    if chance(g, 0.45):
        parts.append(ch(g, ["Hi", "Hello", "Hi there", f"Hi {bank.short}", "Hey"]) + ch(g, [",", "", "!"]))
    parts.append(en_need(g, need, ex, lead=0.1, trail=0.4))
    if chance(g, 0.6):
        parts.append(ch(g, [p.first, p.full, p.first[0], f"{p.first} ({ch(g, ['account holder', 'customer'])})", ""]))
    tail = ch(g, EN_SENT_FROM)
    if chance(g, 0.25):
        tail += "\n" + ch(g, ["Please excuse typos", "Apologies for brevity",
                              "This email was dictated and may contain errors"])
    txt = "\n\n".join(x for x in parts if x) + "\n\n" + tail
    if chance(g, 0.3):
        txt = f"Subject: {en_subject(g, bank)}\nFrom: {p.personal_email(g)}\n\n" + txt
    return txt


@en_t("ooo-autoreply-then-message")
def en_ooo(g, need, ex):
    bank, p, cov, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    org = ch(g, EN_ORGS)
    dom = org_domain(org)
    back = later(g, dt, 3 * 86400, 14 * 86400)
    ooo = ch(g, [
        f"Thank you for your email. I am out of the office until {EN_DAYS[back.weekday()]} {back.day} {EN_MONTHS[back.month-1]} "
        f"with limited access to email. For anything urgent please contact {cov.full} at {cov.work_email(dom)}.",
        f"I'm currently on annual leave, returning {en_date_only(g, back)}. Your message will not be forwarded.",
        f"Hi, thanks for your message. I'm away at a conference this week and will reply on my return. "
        f"Urgent matters: {cov.first} on {en_phone(g)}.",
        "I am currently out of the office on parental leave. I'll respond when I'm back.",
    ])
    t2 = later(g, back, 3600, 86400 * 3)
    lines = [
        f"Ticket #{g.randint(100000, 999999)} · {ch(g, ['2 messages', '3 messages', 'Thread'])}",
        "",
        f"#1  From: {p.full} <{p.work_email(dom)}>  ·  {en_date(g, dt, 6)}",
        f"    Subject: {ch(g, ['Automatic reply:', 'Out of Office:', 'Auto-Reply:', 'Abwesenheitsnotiz:'])} "
        f"{ch(g, ['Your ' + bank.short + ' statement is ready', 'Important changes to your account terms', 'Your ' + bank.short + ' update'])}",
        "",
        ooo,
        "",
        f"#2  From: {p.full} <{p.work_email(dom)}>  ·  {en_date(g, t2, 6)}",
        f"    Subject: {en_subject(g, bank)}",
        "",
        en_custbody(g, need, ex, bank, p, None, org, dom),
    ]
    return "\n".join(lines)


@en_t("slack-escalation-thread")
def en_slack(g, need, ex):
    bank, p, a1, a2, a3, dt = Bank(g), EnPerson(g), EnPerson(g), EnPerson(g), EnPerson(g), rand_dt(g)
    chan = ch(g, ["#cx-escalations", "#care-floor", "#ask-ops", "#support-l2", "#branch-help", "#social-care"])
    t = dt
    intro = ch(g, [f"Anyone seen this before? Customer on chat ({p.first}) just said:",
                   f"Customer email just came in, not sure which queue:",
                   f"Got this on a call, pasting what they said word for word:",
                   f"Flagging from {ch(g, ['Trustpilot', 'the app reviews', 'Twitter', 'webchat'])}:"])
    msg = en_need(g, need, ex, lead=0, trail=0, tight=True)
    lines = [chan, "", f"{a1.full}  {h12(t)}", intro, "> " + msg,
             f":eyes: {g.randint(1, 5)}  :thinking_face: {g.randint(1, 3)}" if chance(g, 0.7) else ":eyes: 1",
             ch(g, [f"{g.randint(2, 6)} replies", "1 reply", f"{g.randint(2, 4)} replies  Last reply today at {h12(later(g, t, 300, 3000))}"]),
             ""]
    t = later(g, t, 60, 900)
    lines += [f"{a2.full}  {h12(t)}",
              ch(g, ["yep, send it to L2, they'll sort it", f"@{a3.first} is the person for this",
                     "raise a case and drop the ref here pls", "I'd call them back tbh", "not seen it, let me check"])]
    t = later(g, t, 60, 900)
    lines += ["", f"{a1.full}  {h12(t)}  (edited)", ch(g, ["done ✅", "ok ta", "on it", "thanks!! 🙏", "case raised"])]
    if chance(g, 0.4):
        lines += ["", f"{a3.full}  {h12(later(g, t, 60, 900))}", ch(g, [":white_check_mark:", "ack", "picked up"])]
    return "\n".join(lines)


@en_t("whatsapp-export")
def en_whatsapp(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    ios = chance(g, 0.5)
    biz = f"{bank.name}" if chance(g, 0.6) else f"{bank.short} Support"
    cname = ch(g, [p.full, p.first, en_phone(g, bank.country), f"{p.first} {p.last[0]}"])

    def stamp(t):
        if ios:
            return f"[{t.day:02d}/{t.month:02d}/{t.year}, {t:%H:%M:%S}]"
        return f"{t.day:02d}/{t.month:02d}/{str(t.year)[2:]}, {t:%H:%M} -"

    t = dt
    lines = [f"{stamp(t)} {biz}: Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
             f"{stamp(t)} {biz}: This business uses a secure service from Meta to manage this chat."]
    t = later(g, t, 5, 60)
    lines.append(f"{stamp(t)} {biz}: " + ch(g, [
        f"Hi! 👋 You're chatting with {bank.name}. Please don't share your full card number or passwords here. How can we help?",
        f"Welcome to {bank.name} on WhatsApp. Our team replies 8am–8pm, 7 days a week.",
        "Hello, thanks for messaging us. A member of the team will be with you shortly."]))
    if chance(g, 0.35):
        t = later(g, t, 10, 300)
        lines.append(f"{stamp(t)} {cname}: {ch(g, ['This message was deleted', '<Media omitted>', 'image omitted', 'hi'])}")
    for who, txt in en_turns(g, need, ex, p.first):
        t = later(g, t, 10, 400)
        lines.append(f"{stamp(t)} {cname if who == 'c' else biz}: {txt}")
    t = later(g, t, 30, 900)
    lines.append(f"{stamp(t)} {biz}: " + ch(g, [f"Hi {p.first}, {agent.first} here 😊 Let me look into that for you.",
                                                 f"Thanks {p.first}. Could you confirm your date of birth and postcode?",
                                                 "Thanks for waiting. I'm just checking this with the team."]))
    if chance(g, 0.4):
        t = later(g, t, 30, 600)
        lines.append(f"{stamp(t)} {cname}: {ch(g, ['👍', 'ok', 'Thanks', 'sure', 'ta'])}")
    return "\n".join(lines)


@en_t("telegram-desktop-export")
def en_telegram(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    bot = ch(g, [f"{bank.short} Help", f"{bank.app} Support", f"@{slug(bank.short)}_help_bot"])
    t = dt
    out = [ch(g, ["Exported from Telegram Desktop", f"Chat history with {bot}", "Saved messages export"]), ""]

    def stamp(t):
        return f"[{t.day:02d}.{t.month:02d}.{str(t.year)[2:]} {t:%H:%M}]"

    out += [f"{bot}, {stamp(t)}", ch(g, ["Hello! Tap a button below or type your question.",
                                          f"Welcome to {bank.name}. Type 'agent' at any time to reach a person.",
                                          "Hi there 👋 How can we help?"]), ""]
    if chance(g, 0.3):
        t = later(g, t, 5, 60)
        out += [f"{p.full}, {stamp(t)}", "/start", ""]
    for who, txt in en_turns(g, need, ex, p.first):
        t = later(g, t, 10, 400)
        nm = p.full if who == "c" else f"{agent.first} ({bank.short})"
        extra = ""
        if who == "c" and chance(g, 0.2):
            extra = ch(g, ["[Forwarded from " + EnPerson(g).full + "]\n", "In reply to this message\n"])
        out += [f"{nm}, {stamp(t)}", extra + txt, ""]
    t = later(g, t, 30, 600)
    out += [f"{agent.first} ({bank.short}), {stamp(t)}",
            ch(g, ["Thanks, passing you to a colleague now.", "Got it. Checking now.",
                   f"Hi {p.first}, for security please continue in the {bank.app} app chat."])]
    return "\n".join(out).rstrip()


@en_t("viber-backup-csv")
def en_viber(g, need, ex):
    no_quote(need, '"')
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    ph = en_phone(g, bank.country).replace("(0)", "").replace(" ", "").replace("(", "").replace(")", "").replace("-", "")
    rows = ["Date,Time,Sender Name,Sender Phone,Text"]
    t = dt
    rows.append(f"{t.day:02d}/{t.month:02d}/{t.year},{t:%H:%M:%S},{bank.name},,{csv_cell(ch(g, ['Welcome to ' + bank.name + ' on Viber!', 'Hi! How can we help today?']))}")
    for who, txt in en_turns(g, need, ex, p.first):
        t = later(g, t, 10, 500)
        if who == "c":
            rows.append(f"{t.day:02d}/{t.month:02d}/{t.year},{t:%H:%M:%S},{csv_cell(p.full)},{ph},{csv_cell(txt)}")
        else:
            rows.append(f"{t.day:02d}/{t.month:02d}/{t.year},{t:%H:%M:%S},{bank.name},,{csv_cell(txt)}")
    t = later(g, t, 10, 500)
    rows.append(f"{t.day:02d}/{t.month:02d}/{t.year},{t:%H:%M:%S},{bank.name},,{csv_cell(ch(g, ['Thanks ' + p.first + ', an agent will reply soon.', agent.first + ' here, looking into it.']))}")
    return "\n".join(rows)


@en_t("apple-messages-for-business")
def en_abc(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    platform = ch(g, ["LivePerson Conversational Cloud", "Salesforce Digital Engagement", "Genesys Cloud", "Khoros"])
    t = dt
    lines = [f"Apple Messages for Business · {bank.name} · via {platform}",
             f"Customer: urn:mbid:{alnum(g, 40, False)}",
             f"Entry point: {ch(g, ['Safari', 'Maps', 'Siri Search', bank.dom + ' Message us button', 'App Clip'])}"
             f"   Locale: {ch(g, ['en_GB', 'en_US', 'en_IE', 'en_AU'])}   Group: {ch(g, ['retail', 'general', 'business'])}",
             "",
             f"{h12(t)}  {bank.short} (bot): Hi, thanks for messaging {bank.name}! Please choose a topic or just type your question.",
             f"{h12(t)}  {bank.short} (bot): [List picker] Choose a topic — {ch(g, ['My accounts', 'Something else'])} / Something else",
             ]
    if chance(g, 0.4):
        t = later(g, t, 5, 100)
        lines.append(f"{h12(t)}  Customer: [Selected] Something else")
    for who, txt in en_turns(g, need, ex, p.first):
        t = later(g, t, 10, 300)
        lines.append(f"{h12(t)}  {'Customer' if who == 'c' else agent.first}: {txt}")
    t = later(g, t, 20, 400)
    lines += [f"{h12(t)}  — {agent.first} ({ch(g, EN_AGENT_ROLES)}) joined the conversation —",
              f"{h12(later(g, t, 5, 60))}  {agent.first}: {ch(g, ['Hi there, thanks for waiting.', 'Hello! Reading back through now.', 'Hi, I can help with that.'])}",
              "", f"Transcript ID {hexs(g, 8)}-{hexs(g, 4)}-{hexs(g, 4)} · CSAT requested: {ch(g, ['yes', 'no'])}"]
    return "\n".join(lines)


EN_REVIEW_TITLES = ["Meh", "Not impressed", "Could be better", "Hmm", "3 stars for now", "Honest review",
                    "Mixed feelings", "Almost there", "Please read", "A question for the devs", "Frustrating",
                    "Decent but...", "Hoping for a reply", "Used to love this app", "Okay-ish"]


@en_t("app-store-review-with-response")
def en_appstore(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    stars = g.randint(1, 4)
    nick = ch(g, [p.handle(g), f"{p.first}{digits(g, 2)}", f"{p.first} from {ch(g, EN_TOWNS)[0]}", "Disappointed customer",
                  f"{slug(p.first)}_{slug(p.last)[:1]}", "Anonymous", f"Busy mum of {g.randint(2, 4)}"])
    title_need = chance(g, 0.25) and len(need) < 90
    title = need if title_need else ch(g, EN_REVIEW_TITLES)
    body = (ex.sent + " " if ex.sent else "") + ch(g, ["Otherwise decent app.", "Apart from that it's fine.",
                                                       "Please sort it out.", "That's all."]) if title_need \
        else en_need(g, need, ex, lead=0.1, trail=0.2, tight=True)
    rep = ch(g, [f"Hi there, thanks for taking the time to leave a review. We'd love to help — please get in touch through the "
                 f"chat in the app (Help > Chat with us) so we can look into this properly. {agent.first}, {bank.short} Team",
                 f"Sorry to read this. We can't discuss accounts here, but our team is on hand 24/7 in the app. Thanks, the {bank.app} team",
                 f"Hello, thanks for the feedback! Please email {bank.email} with the reference AS{digits(g, 6)} and we'll pick it up."])
    lines = [
        f"{'★' * stars}{'☆' * (5 - stars)}  {title}",
        f"{nick}, {en_date_only(g, dt)}",
        f"Version {g.randint(4, 9)}.{g.randint(0, 40)}.{g.randint(0, 9)} · {ch(g, ['United Kingdom', 'United States', 'Ireland', 'Australia', 'Canada'])}",
        "",
        body,
    ]
    if chance(g, 0.7):
        lines += ["", "Developer Response", en_date_only(g, later(g, dt, 86400, 86400 * 9)), "", rep]
    return "\n".join(lines)


@en_t("play-console-reviews-csv")
def en_play_csv(g, need, ex):
    no_quote(need, '"')
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    pkg = f"com.{slug(bank.short)}.{ch(g, ['mobile', 'banking', 'app', 'android'])}"
    vc = g.randint(400, 2900)
    txt = en_need(g, need, ex, lead=0.1, trail=0.2, tight=True)
    reply = ch(g, ["", f"Hi {p.first}, sorry about this. Please contact us via Help in the app so we can take a look. ^{agent.first[0]}{agent.last[0]}",
                   "Thanks for your feedback. Our team would like to help — please message us in the app."])
    hdr = ("Package Name,App Version Code,App Version Name,Reviewer Language,Device,Review Submit Date and Time,"
           "Review Submit Millis Since Epoch,Review Last Update Date and Time,Review Last Update Millis Since Epoch,"
           "Star Rating,Review Title,Review Text,Developer Reply Date and Time,Developer Reply Millis Since Epoch,"
           "Developer Reply Text,Review Link")
    ms = int((dt - datetime(1970, 1, 1)).total_seconds() * 1000)
    rt = later(g, dt, 86400, 86400 * 6)
    row = [pkg, str(vc), f"{g.randint(4, 9)}.{g.randint(0, 40)}.{g.randint(0, 9)}", ch(g, ["en", "en_GB", "en_US", "en_IN"]),
           ch(g, ["a54x", "oriole", "bluejay", "r11q", "dm1q", "tangorpro", "akita", "sunfish"]),
           f"{dt:%Y-%m-%dT%H:%M:%S}Z", str(ms), f"{dt:%Y-%m-%dT%H:%M:%S}Z", str(ms), str(g.randint(1, 4)), "",
           csv_cell(txt)]
    if reply:
        row += [f"{rt:%Y-%m-%dT%H:%M:%S}Z", str(int((rt - datetime(1970, 1, 1)).total_seconds() * 1000)), csv_cell(reply)]
    else:
        row += ["", "", ""]
    row.append(f"http://play.google.com/console/developers/{digits(g, 19)}/app/{digits(g, 19)}/user-feedback/review-details?reviewId={alnum(g, 12, False)}")
    return ch(g, ["reviews_" + pkg + "_" + f"{dt:%Y%m}" + ".csv\n", ""]) + hdr + "\n" + ",".join(row)


@en_t("trustpilot-review")
def en_trustpilot(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    stars = g.randint(1, 4)
    cc = ch(g, ["GB", "US", "IE", "AU", "CA", "NZ", "DE", "ES"])
    exp = dt - timedelta(days=g.randint(0, 20))
    title = ch(g, EN_REVIEW_TITLES + ["Not the service I expected", "Could do better", "Ok but", "Two stars"])
    lines = [
        ch(g, [p.full, p.first, p.init, f"{p.first[0]}. {p.last}"]),
        f"{cc} · {g.randint(1, 23)} review{'s' if chance(g, 0.8) else ''}",
        "",
        f"Rated {stars} out of 5 stars",
        ch(g, [en_date_only(g, dt), f"{g.randint(2, 23)} hours ago", f"{g.randint(2, 6)} days ago"]),
        ch(g, ["", "Verified", "Invited"]),
        title,
        en_need(g, need, ex, lead=0.15, trail=0.2),
        "",
        f"Date of experience: {EN_MONTHS[exp.month-1]} {exp.day:02d}, {exp.year}",
        ch(g, ["Useful · Share", "Useful 1 · Share", "Useful · Share · Flag"]),
    ]
    if chance(g, 0.6):
        lines += ["", f"Reply from {bank.name}", en_date_only(g, later(g, dt, 7200, 86400 * 4)),
                  ch(g, [f"Hi {p.first}, thank you for your review. We're sorry to hear this. Please send us a message in the app quoting TP{digits(g, 5)} and we'll look into it.",
                         f"Thanks for the feedback {p.first}. {ex.rep(p.first) or ''} Our team is happy to help — contact us at {bank.email}.",
                         "Hello, we'd like to look into this for you. Please get in touch via the app or call us. Kind regards, Customer Relations"])]
    return "\n".join(lines)


@en_t("yelp-branch-review")
def en_yelp(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    br = ch(g, EN_BRANCHES)
    town = bank_town(g, bank)
    stars = g.randint(1, 4)
    lines = [
        f"{bank.name} – {br}",
        f"{g.randint(1, 300)} {ch(g, EN_STREETS)}, {town[0]}{', ' + town[1] if town[1] else ''} {town[2]}",
        f"{ch(g, ['Banks & Credit Unions', 'Banks & Credit Unions, Financial Services'])} · {g.randint(3, 80)} reviews",
        "",
        f"{p.init}",
        f"{town[0]}, {town[1] or town[3]}",
        f"{g.randint(0, 300)} friends · {g.randint(1, 140)} reviews · {g.randint(0, 60)} photos",
        ch(g, ["", "Elite 24", "Elite '23"]),
        "",
        f"{'★' * stars}{'☆' * (5 - stars)}  {dt.month}/{dt.day}/{dt.year}",
        ch(g, ["", "Updated review", "1 check-in"]),
        en_need(g, need, ex, lead=0.2, trail=0.2),
        "",
        f"Useful {g.randint(0, 8)}  Funny {g.randint(0, 2)}  Cool {g.randint(0, 3)}",
    ]
    lines = [x for i, x in enumerate(lines) if x or (i > 0 and lines[i - 1])]
    if chance(g, 0.5):
        lines += ["", f"Comment from {agent.first} {agent.last[0]}. of {bank.name} – {br}",
                  "Business Customer Service", f"{dt.month}/{min(28, dt.day + 1)}/{dt.year}",
                  ch(g, [f"Hi {p.first}, thank you for stopping by. Please ask for me next time you're in, or call the branch directly.",
                         f"{p.first}, thanks for sharing. Our branch manager would like to speak with you — please message us here."])]
    return "\n".join(lines)


@en_t("social-listening-export")
def en_social(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    plat = ch(g, ["X", "Threads", "Facebook", "Instagram", "Reddit", "TikTok (comment)", "Bluesky", "YouTube (comment)"])
    handle = p.handle(g)
    mention = en_need(g, need, ex, lead=0.1, trail=0.15, tight=True)
    if plat in ("X", "Threads", "Bluesky") and chance(g, 0.7):
        mention = f"@{bank.tw} " + mention
    tool = ch(g, ["Brandwatch Consumer Research", "Talkwalker", "Sprout Social", "Meltwater Radar", "Emplifi Listening"])
    fields = [
        ("Source", tool),
        ("Date", en_date(g, dt, ch(g, [4, 8, 5]))),
        ("Platform", plat),
        ("Author", f"@{handle}" + (f" ({p.full})" if chance(g, 0.5) else "")),
        ("Followers", f"{g.randint(3, 48000):,}"),
        ("Location", ch(g, [t[0] for t in EN_TOWNS] + ["Unknown", "—"])),
        ("Sentiment", ch(g, ["Negative", "Neutral", "Mixed", "Negative (auto)"])),
        ("Mention", mention),
        ("URL", {"X": f"https://x.com/{handle}/status/{digits(g, 19)}",
                 "Threads": f"https://www.threads.net/@{handle}/post/{alnum(g, 11, False)}",
                 "Facebook": f"https://www.facebook.com/{slug(bank.short)}/posts/{digits(g, 16)}",
                 "Instagram": f"https://www.instagram.com/p/{alnum(g, 11, False)}/",
                 "Reddit": f"https://www.reddit.com/r/{ch(g, ['UKPersonalFinance', 'personalfinance', 'banking', 'fintech'])}/comments/{alnum(g, 7, False)}/",
                 "Bluesky": f"https://bsky.app/profile/{handle}.bsky.social/post/{alnum(g, 13, False)}"}.get(
                     plat, f"https://www.{'tiktok' if 'TikTok' in plat else 'youtube'}.com/{'@' + handle if 'TikTok' in plat else 'watch?v=' + alnum(g, 11, False)}")),
        ("Matched query", ch(g, [f'"{bank.short}" OR @{bank.tw}', f'{bank.short} AND (help OR support)', f'@{bank.tw}'])),
        ("Assigned to", ch(g, [agent.full, "Social Care queue", "—"])),
        ("Status", ch(g, ["New", "Actioned", "Needs reply"])),
    ]
    g.shuffle(fields) if chance(g, 0.2) else None
    sep = ch(g, [": ", "\t", " | "])
    return "\n".join(f"{k}{sep}{v}" for k, v in fields)


@en_t("nps-survey-export")
def en_nps(g, need, ex):
    bank, p, dt = Bank(g), EnPerson(g), rand_dt(g)
    score = g.randint(0, 8)
    tool = ch(g, ["Medallia", "Delighted", "AskNicely", "Qualtrics XM", "Retently"])
    lines = [
        f"{tool} · Response {digits(g, 9)}",
        f"Survey: {ch(g, ['Relationship NPS', 'Post-onboarding NPS', 'Quarterly pulse', 'App NPS'])} ({ch(g, ['email', 'in-app', 'SMS'])})",
        f"Submitted: {en_date(g, dt, ch(g, [1, 6, 8, 10]))}",
        f"Respondent: {ch(g, [p.full, p.personal_email(g), 'anonymous', p.init])}",
        "",
        f"Q1. How likely are you to recommend {bank.name} to a friend or colleague? (0–10)",
        f"    {score}  [{'Detractor' if score <= 6 else 'Passive'}]",
        "Q2. What is the main reason for your score?",
        "    " + en_need(g, need, ex, lead=0.05, trail=0.1, tight=True),
        "Q3. May we contact you about your feedback?",
        f"    {ch(g, ['Yes', 'No', 'Yes – by email', 'Yes – by phone'])}",
        "",
        f"Properties: segment={ch(g, ['mass', 'affluent', 'student', 'smb'])}; tenure_months={g.randint(1, 160)}; "
        f"region={ch(g, ['North', 'South', 'Midlands', 'Scotland', 'West', 'East'])}; "
        f"app_user={ch(g, ['true', 'false'])}",
    ]
    return "\n".join(lines)


@en_t("csat-after-chat")
def en_csat(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    rating = ch(g, [("😞", "Bad", 1), ("😕", "Poor", 2), ("😐", "Okay", 3), ("🙂", "Good", 4)])
    lines = [
        f"Subject: New CSAT response ({rating[2]}/5) for conversation #{g.randint(100000, 9999999)}",
        "",
        f"Rating: {rating[0]} {rating[1]}",
        f"Customer: {p.full} · {p.personal_email(g)}",
        f"Question: \"{ch(g, ['How would you rate the help you got today?', 'How did we do?', 'Were you happy with the support you received?'])}\"",
        f"Comment: {en_need(g, need, ex, lead=0.05, trail=0.15, tight=True)}",
        "",
        f"Conversation handled by: {agent.full} ({ch(g, EN_TEAMS)})",
        f"Closed: {en_date(g, dt, 6)}   First response: {g.randint(0, 14)}m {g.randint(1, 59)}s",
        "",
        f"View conversation → https://{slug(bank.short)}.{ch(g, ['gorgias.com', 'helpshift.com', 'dixa.io', 'gladly.com'])}/c/{alnum(g, 10, False)}",
    ]
    return "\n".join(lines)


@en_t("ces-microsurvey")
def en_ces(g, need, ex):
    bank, p, dt = Bank(g), EnPerson(g), rand_dt(g)
    journey = ch(g, ["Logged-in home", "After chat", "After call", "Help centre", "Profile page", "App launch"])
    sc = g.randint(1, 5)
    lines = [
        f"CES micro-survey · {bank.app} {ch(g, ['iOS', 'Android', 'Web'])}",
        f"Trigger: {journey}   Shown: {en_date(g, dt, 4)}   User: {hexs(g, 8)}-{hexs(g, 4)}",
        "",
        f"Q1  \"{bank.short} made it easy for me to handle my issue.\"",
        f"    {sc}/7  ({['', 'Strongly disagree', 'Disagree', 'Somewhat disagree', 'Neutral', 'Somewhat agree'][sc]})",
        "Q2  \"What's the main reason for your answer?\"",
        "    " + en_need(g, need, ex, lead=0, trail=0.1, tight=True),
        f"Q3  \"Can we follow up?\"  {ch(g, ['Yes', 'No', 'Skipped'])}",
    ]
    return "\n".join(lines)


@en_t("in-app-feedback-widget")
def en_inapp(g, need, ex):
    bank, p, dt = Bank(g), EnPerson(g), rand_dt(g)
    ios = chance(g, 0.55)
    ver = f"{g.randint(4, 9)}.{g.randint(0, 40)}.{g.randint(0, 9)}"
    dev = ch(g, EN_DEVICES_IOS) if ios else ch(g, EN_DEVICES_ANDROID)
    os_ = f"iOS {ch(g, EN_IOS_VERS)}" if ios else f"Android {ch(g, EN_ANDROID_VERS)} (API {g.randint(31, 35)})"
    tool = ch(g, ["Instabug", "Shake", "Usersnap", "Doorbell", "Bugsee"])
    lines = [
        f"{tool} · New feedback from {bank.app} {'iOS' if ios else 'Android'} {ver} ({ver.replace('.', '')}{g.randint(0, 9)})",
        "",
        f"Reporter: {ch(g, [p.personal_email(g), 'Not provided', p.full])}",
        f"Message: {en_need(g, need, ex, lead=0.05, trail=0.1, tight=True)}",
        "",
        f"Device: {dev} · {os_} · {ch(g, ['en_GB', 'en_US', 'en_IE', 'en_AU', 'pl_PL', 'es_ES'])} · {ch(g, ['Portrait', 'Landscape'])}",
        f"Battery: {g.randint(4, 100)}% ({ch(g, ['Unplugged', 'Charging'])}) · Network: {ch(g, ['WiFi', '4G', '5G', 'LTE', '3G'])}"
        f" · Free memory: {g.randint(80, 3900)} MB",
        f"Current screen: {ch(g, ['HomeFeedViewController', 'MoreMenuFragment', 'DashboardScreen', 'MainTabBarController', 'InboxActivity', 'HelpHubView'])}",
        f"Session duration: {g.randint(0, 40):02d}:{g.randint(0, 59):02d} · Dark mode: {ch(g, ['on', 'off'])}",
        f"User attributes: segment={ch(g, ['standard', 'plus', 'premium', 'business'])}, kyc={ch(g, ['passed', 'passed', 'pending'])}, "
        f"user_id={digits(g, 8)}",
        f"Attachments: {ch(g, ['screenshot_1.png', 'screenshot_1.png, screen_recording.mp4', 'none'])}",
        f"Reported: {en_date(g, dt, 5)}",
    ]
    return "\n".join(lines)


@en_t("call-qa-scorecard")
def en_callqa(g, need, ex):
    ex.spoken(g, EN_WRITTEN_ONLY, EN_CONTEXT, en_fill)
    bank, p, agent, ev, dt = Bank(g), EnPerson(g), EnPerson(g), EnPerson(g), rand_dt(g)
    pct = g.randint(58, 99)
    lines = [
        f"QA Evaluation — Call ID {digits(g, 12)}",
        f"Agent: {agent.full} ({ch(g, EN_TEAMS)})   Evaluator: {ev.full}   Call date: {en_date(g, dt, 3)}",
        f"Duration: {g.randint(2, 38)}m {g.randint(0, 59)}s   Queue: {ch(g, ['General', 'Priority', 'Business', 'Callback'])}",
        "",
        f"1. Greeting & ID&V ............ {ch(g, ['Met', 'Met', 'Partially met'])}",
        f"2. Understanding the need ..... {ch(g, ['Met', 'Met', 'Not met'])}",
        f"   Customer opened with: \"{need}\"",
        f"3. Resolution / next steps .... {ch(g, ['Met', 'Partially met', 'Not met'])}",
        f"4. Tone & empathy ............. {ch(g, ['Met', 'Exceeded', 'Met'])}",
        f"5. Compliance statements ...... {ch(g, ['Met', 'Met', 'Missed recording disclosure'])}",
        "",
        f"Score: {pct}%  ({ch(g, ['Pass', 'Pass', 'Coaching required'])})",
        "Coaching notes: " + ch(g, [f"{agent.first} could have summarised back to the customer before transferring.",
                                    "Good rapport. Remember to offer the survey at the end.",
                                    "Long hold at 04:10 without explaining why.",
                                    f"Nice call overall, {agent.first}."]),
    ]
    if ex.sent:
        lines.insert(7, f"   Customer also said: \"{ex.sent}\"")
    return "\n".join(lines)


EN_FILLERS = ["um", "uh", "erm", "like", "you know", "so", "yeah", "right", "I mean", "basically"]


@en_t("speech-to-text-diarised")
def en_stt(g, need, ex):
    ex.spoken(g, EN_WRITTEN_ONLY, EN_CONTEXT, en_fill)
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    s0, s1 = ch(g, [("SPEAKER_00", "SPEAKER_01"), ("spk_0", "spk_1"), ("Agent", "Caller"), ("A", "B"), ("Channel 1", "Channel 2")])
    secs = g.randint(0, 5)

    def ts():
        return f"[{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}]"

    out = [f"Transcript · {ch(g, ['AWS Transcribe', 'Deepgram nova-2', 'Azure Speech', 'Whisper large-v3', 'Observe.AI'])} · "
           f"call {hexs(g, 12)} · {en_date(g, dt, 8)} · lang {ch(g, ['en-GB', 'en-US', 'en-IE', 'en-AU'])}", ""]
    out.append(f"{ts()} {s0}: thank you for calling {bank.name.lower() if chance(g, 0.5) else bank.name}, "
               f"you're through to {agent.first}, {ch(g, ['who am I speaking with', 'how can I help', 'can I take your name please'])}?")
    secs += g.randint(4, 9)
    out.append(f"{ts()} {s1}: {ch(g, EN_FILLERS)} hi yeah it's {p.first.lower() if chance(g, 0.4) else p.first} {p.last}")
    secs += g.randint(3, 8)
    out.append(f"{ts()} {s0}: thanks {p.first}, and what can I do for you today?")
    secs += g.randint(2, 6)
    pre = " ".join(ch(g, EN_FILLERS) for _ in range(g.randint(1, 3)))
    post = ch(g, ["", " yeah", " so yeah", " um", " that's it really", " if that makes sense"])
    ctx = (" " + ex.sent) if ex.sent and chance(g, 0.5) else ""
    out.append(f"{ts()} {s1}: {pre} {need}{post}{ctx}")
    if ex.sent and not ctx:
        secs += g.randint(3, 9)
        out.append(f"{ts()} {s1}: {ch(g, EN_FILLERS)} {ex.sent}")
    if ex.reply:
        secs += g.randint(2, 6)
        out.append(f"{ts()} {s0}: {ex.rep(p.first)}")
    secs += g.randint(4, 12)
    out.append(f"{ts()} {s0}: {ch(g, ['okay no problem let me just pull up your account', 'right okay bear with me one second', 'sure thing can I just confirm your date of birth first', 'okay I can help with that'])}")
    secs += g.randint(2, 6)
    out.append(f"{ts()} {s1}: {ch(g, ['mhm', 'yeah sure', 'okay', '[inaudible]', 'yep'])}")
    if chance(g, 0.5):
        out.append("")
        out.append(f"avg_confidence={g.uniform(0.71, 0.97):.2f}  silence_pct={g.randint(3, 28)}  overtalk={g.randint(0, 4)}")
    return "\n".join(out)


@en_t("branch-visit-log")
def en_branch(g, need, ex):
    ex.spoken(g, EN_WRITTEN_ONLY, EN_CONTEXT, en_fill)
    bank, p, staff, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    br = ch(g, EN_BRANCHES)
    title = ch(g, ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"])
    lines = [
        f"BRANCH VISIT LOG — {br} ({ch(g, ['sort code', 'branch'])} {digits(g, 2)}-{digits(g, 2)}-{digits(g, 2)})",
        f"Date/time: {en_date(g, dt, ch(g, [3, 10, 7]))}",
        f"Colleague: {staff.full}, {ch(g, ['Customer Service Assistant', 'Personal Banker', 'Branch Manager', 'Community Banker'])}",
        f"Customer: {title} {p.last}" + (f", customer since {g.randint(1994, 2023)}" if chance(g, 0.6) else ""),
        f"ID seen: {ch(g, ['Passport', 'Driving licence', 'Debit card + PIN', 'None – general enquiry', 'Known to branch'])}",
        f"Reason for visit (customer's words): \"{need}\"",
    ]
    if ex.sent:
        lines.append(f"Other comments: {ex.sent}")
    lines += [
        f"Action taken: {ch(g, ['Referred to telephony team', 'Booked appointment with Personal Banker', 'Shown how to use the app', 'Raised service request', 'Gave leaflet, customer to call'])}",
        f"Follow-up required: {ch(g, ['Yes', 'No'])}   Vulnerability flag: {ch(g, ['None', 'None', 'Possible – noted'])}",
        f"Logged by: {staff.init} {dt:%H:%M}",
    ]
    return "\n".join(lines)


@en_t("complaint-register-record")
def en_register(g, need, ex):
    bank, p, owner, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    ref = f"CMP-{str(dt.year)[2:]}-{digits(g, 6)}"
    due = dt + timedelta(weeks=8)
    lines = [
        f"COMPLAINTS REGISTER — {dt.year} Q{(dt.month - 1) // 3 + 1} (extract, row {g.randint(2, 4800)})",
        f"Reference ........ {ref}",
        f"Received ......... {en_date_only(g, dt)} via {ch(g, ['phone', 'email', 'branch', 'letter', 'social', 'chat'])}",
        f"Customer ......... {p.full} (CIF {digits(g, 9)})",
        f"Customer wording . {en_need(g, need, ex, lead=0, trail=0, tight=True)}",
        f"Root cause ....... {ch(g, ['TBC', 'Under investigation', 'Not yet categorised'])}",
        f"Owner ............ {owner.full}",
        f"Status ........... {ch(g, ['Open', 'Acknowledged', 'Summary resolution sent', 'Open – awaiting info'])}",
        f"Final response due {en_date_only(g, due)} (8-week DISP deadline)",
        f"Redress .......... {ch(g, ['£0.00', 'n/a', 'TBC', '£25.00 goodwill'])}",
    ]
    return "\n".join(lines)


@en_t("regulator-referral")
def en_regulator(g, need, ex):
    bank, p, case_h, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    if bank.region == "us" or (bank.region not in ("uk", "ie") and chance(g, 0.5)):
        lines = [
            "CFPB Company Portal — Complaint sent to company",
            f"Complaint ID: {dt:%y%m%d}-{digits(g, 8)}",
            f"Company: {bank.name}",
            "Product: Checking or savings account",
            f"Submitted via: {ch(g, ['Web', 'Referral', 'Phone'])}   Date received: {dt.month}/{dt.day}/{dt.year}",
            f"Consumer: {p.full}, {bank_town(g, bank)[0]}",
            "",
            "What happened:",
            en_need(g, need, ex, lead=0.1, trail=0.1),
            "",
            f"Desired resolution: {ch(g, ['A clear answer.', 'I want this sorted.', 'Please respond to me.', 'Fix it and explain.'])}",
            "Consumer consent to publish narrative: " + ch(g, ["Yes", "No"]),
            f"Company response due: {en_date_only(g, dt + timedelta(days=15))}",
        ]
    else:
        lines = [
            f"Financial Ombudsman Service — new complaint referral",
            f"Our reference: PNX-{digits(g, 7)}-{alnum(g, 4)}",
            f"Business: {bank.name}   Your reference: {ch(g, ['not provided', 'CMP-' + digits(g, 6)])}",
            f"Case handler: {case_h.full}   Date: {en_date_only(g, dt)}",
            "",
            f"{p.full} has asked us to look into a complaint. In their words:",
            "",
            en_need(g, need, ex, lead=0.05, trail=0.05),
            "",
            "Please send us your final response letter and case file within 14 days using the business portal.",
            "We'll let both sides know what happens next.",
        ]
    return "\n".join(lines)


@en_t("chatbot-json-log")
def en_botjson(g, need, ex):
    no_quote(need)
    bank, p, dt = Bank(g), EnPerson(g), rand_dt(g)
    bot = ch(g, ["Penny", "Wren", "Sage", "Juno", "Otis", "Bea"])
    sid = f"{hexs(g, 8)}-{hexs(g, 4)}-{hexs(g, 4)}-{hexs(g, 4)}-{hexs(g, 12)}"
    t = dt
    turns = [{"ts": f"{t:%Y-%m-%dT%H:%M:%S}Z", "role": "bot",
              "text": f"Hi! I'm {bot}, {bank.name}'s virtual assistant. What can I help with?"}]
    for who, txt in en_turns(g, need, ex, ""):
        t = later(g, t, 4, 90)
        d = {"ts": f"{t:%Y-%m-%dT%H:%M:%S}Z", "role": "user" if who == "c" else "agent", "text": txt}
        if who == "c" and txt == need:
            d["nlu"] = {"intent": ch(g, ["fallback", "out_of_scope", "None", "low_confidence"]),
                        "confidence": round(g.uniform(0.08, 0.44), 2)}
        turns.append(d)
    t = later(g, t, 1, 5)
    turns.append({"ts": f"{t:%Y-%m-%dT%H:%M:%S}Z", "role": "bot",
                  "text": ch(g, ["Sorry, I didn't quite get that. Would you like to speak to someone?",
                                 "I'm still learning! Let me connect you with a colleague.",
                                 "Hmm, I'm not sure about that one. Connecting you to the team…"])})
    turns.append({"ts": f"{t:%Y-%m-%dT%H:%M:%S}Z", "role": "system", "event": "handover_requested",
                  "queue": ch(g, ["general", "retail_l1", "digital", "priority"])})
    obj = {"session_id": sid, "channel": ch(g, ["web", "ios", "android"]),
           "locale": ch(g, ["en-GB", "en-US", "en-IE"]), "customer_ref": ch(g, [None, digits(g, 8)]), "turns": turns}
    ind = ch(g, [None, 2])
    return json.dumps(obj, ensure_ascii=False, indent=ind)


@en_t("markdown-ticket-table")
def en_markdown(g, need, ex):
    no_quote(need, "|")
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    rows = [("Ticket", f"#{g.randint(10000, 999999)}"), ("Received", en_date(g, dt, ch(g, [6, 8, 3]))),
            ("Channel", ch(g, ["Email", "Chat", "App", "Phone", "Web form"])), ("Customer", p.full),
            ("Customer message", en_need(g, need, ex, lead=0, trail=0, tight=True)),
            ("Owner", f"@{agent.first.lower()}"), ("Status", ch(g, ["open", "in progress", "new"])),
            ("Next step", ch(g, ["call back", "await reply", "route to L2", "TBC"]))]
    head = ch(g, [f"### Escalation log – {en_date_only(g, dt)}", f"## {bank.short} care handover", "**Case summary**", ""])
    out = ([head, ""] if head else []) + ["| Field | Value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    if chance(g, 0.4):
        out += ["", f"_Added by {agent.full}. Please update the table rather than replying in thread._"]
    return "\n".join(out)


@en_t("html-leftover-export")
def en_html(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    greet = en_greet(g, bank).replace(" ", "&nbsp;", 1)
    msg = en_need(g, need, ex, lead=0.1, trail=0.2, tight=True)
    sig = f"{p.full}<br>{ch(g, [en_phone(g), p.personal_email(g), ch(g, EN_SENT_FROM)])}"
    quoted = ch(g, [
        f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On {en_date(g, dt - timedelta(days=1), 1)} {bank.name} &lt;{bank.email}&gt; wrote:<br></div>'
        f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
        f"Hi {p.first},<br><br>Thanks for your message. We'll be in touch shortly.<br><br>{agent.first}</blockquote></div>",
        f'<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
        f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"><b>From:</b> {bank.name} &lt;{bank.email}&gt;<br>'
        f"<b>Sent:</b> {en_date(g, dt - timedelta(hours=5), 1)}<br><b>To:</b> {p.full}<br><b>Subject:</b> Your enquiry</font></div>",
        "", ""])
    html = (f'<div dir="ltr"><p class="MsoNormal">{greet}<o:p></o:p></p><p class="MsoNormal">&nbsp;</p>'
            f'<p class="MsoNormal">{msg}</p><p>&nbsp;</p><p>{ch(g, ["Thanks", "Regards", "Cheers"])},<br>{sig}</p></div>{quoted}')
    if chance(g, 0.4):
        html = html.replace("</p><p", "</p>\n<p")
    return ch(g, ["", f"body_html: ", f"[{en_date(g, dt, 8)}] inbound html body:\n"]) + html


@en_t("escaped-json-string-log")
def en_escaped(g, need, ex):
    no_quote(need)
    bank, p, dt = Bank(g), EnPerson(g), rand_dt(g)
    body = en_custbody(g, need, ex, bank, p, None, None, None)
    if chance(g, 0.4):
        body += "\n\n" + ch(g, EN_SENT_FROM)
    esc = body.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    subj = en_subject(g, bank)
    return (f"{dt:%Y-%m-%dT%H:%M:%S}.{digits(g, 3)}Z INFO {ch(g, ['inbound-email-parser', 'mail-ingest', 'sendgrid-webhook', 'postmark-inbound'])} "
            f"msg_id=<{alnum(g, 16, False)}@{ch(g, ['mail.gmail.com', 'outlook.com', 'icloud.com', 'yahoo.com'])}> "
            f"payload={{\"from\":\"{p.full} <{p.personal_email(g)}>\",\"to\":\"{bank.email}\",\"subject\":\"{subj}\","
            f"\"text\":\"{esc}\",\"spam_score\":{g.uniform(0, 3):.1f},\"attachments\":{g.randint(0, 2)}}}")


@en_t("csm-account-note")
def en_csm(g, need, ex):
    bank, p, csm, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    org = ch(g, EN_ORGS)
    title = ch(g, EN_CUST_TITLES)
    others = [EnPerson(g) for _ in range(g.randint(0, 2))]
    lines = [
        f"{ch(g, ['Account note', 'Relationship call notes', 'RM visit summary', 'Check-in notes'])} — {org}",
        f"{ch(g, ['Segment', 'Book'])}: {ch(g, ['Business Banking', 'SME', 'Commercial', 'Charities & Clubs'])} · "
        f"RM: {csm.full} · {en_date_only(g, dt)}",
        f"Attendees: {p.full} ({title})" + "".join(f", {o.full}" for o in others) + f", {csm.first} ({bank.short})",
        "",
        ch(g, ["Summary", "Notes", "Discussion"]) + ":",
        "- " + ch(g, ["General temperature fine, they're busy with year end.",
                      "Trading up on last year, hiring two more staff.",
                      f"{p.first} was positive overall about the relationship.",
                      "Quick call, they were between meetings."]),
        f"- {p.first} raised: \"{need}\"",
    ]
    if ex.sent:
        lines.append(f"- Also said: \"{ex.sent}\"")
    lines += [
        "- " + ch(g, ["No other issues.", "Asked for an intro to our FX partner.", "Said they'd fill in the survey.",
                      "Mentioned they might open a second location next year."]),
        "",
        "Next steps:",
        f"- {csm.first} to {ch(g, ['come back by Friday', 'check with ops', 'loop in the right team', 'send a follow-up email'])}",
        f"- Next check-in: {en_date_only(g, dt + timedelta(days=g.randint(20, 95)))}",
    ]
    return "\n".join(lines)


@en_t("sms-two-way")
def en_sms(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    code = ch(g, [str(g.randint(60000, 89999)), en_phone(g, bank.country)])
    t = dt
    lines = [f"SMS thread · short code {code} · {p.first} {p.last[0]}.", ""]
    lines.append(f"{h12(t)}  {bank.short}: Hi {p.first}, thanks for contacting {bank.name}. Reply to this message to chat with us. "
                 f"Msg&data rates may apply. Reply STOP to opt out.")
    for who, txt in en_turns(g, need, ex, p.first):
        t = later(g, t, 20, 900)
        lines.append(f"{h12(t)}  {'Customer' if who == 'c' else bank.short}: {txt}")
    t = later(g, t, 5, 30)
    lines.append(f"{h12(t)}  {bank.short}: " + ch(g, [
        "Thanks! An agent will reply shortly. Our SMS line is open 8am-8pm.",
        f"Thanks, {agent.first} will be with you in a few minutes.",
        "Got it. For your security we'll never ask for your full PIN or password by text."]))
    return "\n".join(lines)


@en_t("web-contact-form-notification")
def en_webform(g, need, ex):
    bank, p, dt = Bank(g), EnPerson(g), rand_dt(g)
    plugin = ch(g, ["WPForms", "Gravity Forms", "Webflow", "Formstack", "Jotform", "HubSpot Forms"])
    fields = [
        ("Name", ch(g, [p.full, p.first, f"{p.first} {p.last.upper()}"])),
        ("Email", p.personal_email(g)),
        ("Phone", ch(g, [en_phone(g, bank.country), "", "n/a"])),
        ("Are you an existing customer?", ch(g, ["Yes", "No", "Yes"])),
        ("Preferred contact method", ch(g, ["Email", "Phone", "Either"])),
        ("Message", en_need(g, need, ex, lead=0.1, trail=0.3)),
        ("Consent", "I agree to the privacy policy"),
    ]
    lines = [f"Subject: New Entry: {ch(g, ['Contact Us', 'Contact form', 'Get in touch', 'Website enquiry'])}",
             f"From: {plugin} <noreply@{bank.dom}>", ""]
    for k, v in fields:
        if not v:
            continue
        lines += ([f"{k}", v, ""] if chance(g, 0.5) else [f"{k}: {v}"])
    lines += ["---", f"Sent from {bank.name} website https://www.{bank.dom}/contact",
              f"User IP: {g.randint(2, 223)}.{g.randint(0, 255)}.{g.randint(0, 255)}.{g.randint(1, 254)}",
              f"User agent: {ch(g, ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0', 'Mozilla/5.0 (Linux; Android 14) Chrome/123.0 Mobile'])}",
              f"Powered by {plugin}"]
    return "\n".join(lines)


@en_t("instagram-comment")
def en_instagram(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    town = bank_town(g, bank)[0]
    post = ch(g, EN_SOCIAL_POSTS).format(town=town, bank=bank.short)
    h = p.handle(g)
    lines = [f"New comment on your post · @{bank.tw.lower()}",
             f"Post: \"{post}\" · {g.randint(40, 9000)} likes",
             "",
             f"@{h}  {en_need(g, need, ex, lead=0, trail=0.15, tight=True)}",
             f"{ch(g, ['2h', '5h', '1d', '3d', '12m'])} · {g.randint(0, 40)} likes · Reply"]
    if chance(g, 0.6):
        lines += [f"    @{bank.tw.lower()}  @{h} " + ch(g, [
            "Hi! Please send us a DM so we can help 💬", f"Hey {p.first}, we've sent you a DM 📩",
            "Sorry to hear that! Pop us a message and we'll take a look."]),
            f"    {ch(g, ['1h', '4h', '20h'])} · Reply"]
    if chance(g, 0.3):
        lines += [f"@{EnPerson(g).handle(g)}  {ch(g, ['same 😩', '+1', '👀', 'following'])}", "1d · Reply"]
    return "\n".join(lines)


@en_t("webvtt-meeting-transcript")
def en_vtt(g, need, ex):
    ex.spoken(g, EN_WRITTEN_ONLY, EN_CONTEXT, en_fill)
    bank, p, rm, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    s = g.randint(300, 3000)

    def cue(dur):
        nonlocal s
        a = s
        s += dur
        f = lambda x: f"{x // 3600:02d}:{x // 60 % 60:02d}:{x % 60:02d}.{g.randint(0, 999):03d}"
        return f"{f(a)} --> {f(s)}"

    out = ["WEBVTT", ""]
    if chance(g, 0.5):
        out += [f"NOTE {ch(g, ['Microsoft Teams', 'Zoom', 'Google Meet'])} transcript · {bank.short} quarterly review · {en_date_only(g, dt)}", ""]
    out += [f"{hexs(g, 8)}-{g.randint(1, 40)}", cue(g.randint(3, 7)),
            f"<v {rm.full}>{ch(g, ['Okay, anything else on your side before we wrap up?', 'So is there anything you wanted to raise today?', 'Brilliant. Any questions for me?'])}</v>", ""]
    s += g.randint(0, 2)
    txt = en_need(g, need, ex, lead=0.25, trail=0.1, tight=True)
    out += [f"{hexs(g, 8)}-{g.randint(41, 80)}", cue(g.randint(5, 14)), f"<v {p.full}>{txt}</v>", ""]
    out += [f"{hexs(g, 8)}-{g.randint(81, 120)}", cue(g.randint(3, 9)),
            f"<v {rm.full}>{ch(g, ['Good question, let me take that away.', 'Okay, I will check with the team and come back to you.', 'Right, noted.'])}</v>"]
    return "\n".join(out)


@en_t("webinar-qa-report")
def en_webinar(g, need, ex):
    no_quote(need, '"')
    bank, p, host, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    topic = ch(g, ["Meet your new relationship team", "Customer forum — spring session", "Ask us anything: quarterly customer panel",
                   f"{bank.short} community open hour", "Small business owners' networking evening"])
    q = en_need(g, need, ex, lead=0, trail=0, tight=True)
    lines = [
        "Webinar Q&A Report",
        f"Topic,{csv_cell(topic)}",
        f"Webinar ID,{digits(g, 3)} {digits(g, 4)} {digits(g, 4)}",
        f"Actual Start Time,{en_date(g, dt, 2)}",
        f"Host,{host.full}",
        "",
        "Question Details",
        "#,Question,Asker Name,Asker Email,Answer(s)",
        f"1,{csv_cell(q)},{csv_cell(p.full)},{p.personal_email(g)},"
        + csv_cell(ch(g, ["live answered", f"{host.first}: We'll follow up by email after the session.",
                          "Thanks — our team will contact you directly.", ""])),
    ]
    return "\n".join(lines)


@en_t("email-need-in-subject")
def en_subj(g, need, ex):
    bank, p, dt = Bank(g), EnPerson(g), rand_dt(g)
    body = ch(g, ["", "As above.", "See subject.", "Thanks", "^", "Title says it all.", "Please advise.",
                  "Sorry, sent from my phone.", "Thanks in advance"])
    if ex.sent:
        body = (body + " " + ex.sent).strip()
    lines = [f"From: {p.full} <{p.personal_email(g)}>", f"To: {bank.email}", f"Date: {en_date(g, dt, 0)}",
             f"Subject: {need}", ""]
    if body:
        lines.append(body)
    if chance(g, 0.5):
        lines += ["", ch(g, EN_SENT_FROM)]
    elif chance(g, 0.5):
        lines += ["", p.first]
    return "\n".join(lines)


@en_t("nested-quote-thread")
def en_nested(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    t0 = dt - timedelta(days=g.randint(1, 6))
    t1 = later(g, t0, 3600, 80000)
    first = ch(g, ["Hi, is it possible to speak to someone about my account please?", "Hello, I have a question, who should I ask?",
                   "Hi, I tried to call but couldn't get through. Can someone email me?"])
    agent_msg = ch(g, [f"Hi {p.first}, of course — what's your question?",
                       f"Hello {p.first}, you're in the right place. What can we help with?",
                       f"Hi {p.first}, happy to help by email. What do you need?"])
    mine = en_need(g, need, ex)
    hdr1 = f"On {en_date(g, t1, ch(g, [1, 7, 12]))}, {agent.full} <{agent.local(0)}@{bank.dom}> wrote:"
    hdr0 = f"On {en_date(g, t0, ch(g, [1, 7, 12]))}, {p.full} <{p.personal_email(g)}> wrote:"
    if chance(g, 0.5):  # bottom posting, interleaved
        return "\n".join([hdr1, f"> {agent_msg}", ">", f"> {agent.first}", ">", f"> {hdr0}", f">> {first}", "",
                          mine, "", p.first])
    return "\n".join([mine, "", ch(g, ["Thanks", "Cheers", "Regards"]) + f"\n{p.first}", "", hdr1, f"> {agent_msg}", ">",
                      f"> {agent.first} | {bank.name}", ">", f"> {hdr0}", ">>", f">> {first}", ">>",
                      f">> {ch(g, EN_SENT_FROM)}"])


@en_t("gladly-timeline")
def en_gladly(g, need, ex):
    bank, p, agent, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    t = dt
    lines = [f"Customer: {p.full}   ·   {p.personal_email(g)}   ·   {en_phone(g, bank.country)}",
             f"Customer since {g.randint(2008, 2023)} · Lifetime conversations: {g.randint(1, 30)}", "", "Timeline"]
    lines.append(f"  ─ {ch(g, ['Email received', 'Chat started', 'SMS received', 'Voice call (inbound)'])} · {en_date(g, t, 6)}")
    for ln in en_need(g, need, ex).split("\n"):
        lines.append("      " + ln if ln else "")
    t = later(g, t, 30, 900)
    lines.append(f"  ─ Topic added: {ch(g, ['General Inquiry', 'Uncategorised', 'Other'])} by {agent.full} · {h12(t)}")
    t = later(g, t, 30, 900)
    lines.append(f"  ─ Conversation assigned to {agent.full} ({ch(g, EN_TEAMS)}) · {h12(t)}")
    if ex.reply:
        t = later(g, t, 30, 900)
        lines.append(f"  ─ {agent.first} replied · {h12(t)}")
        lines.append(f"      {ex.rep(p.first)}")
    if chance(g, 0.5):
        t = later(g, t, 30, 900)
        lines.append(f"  ─ Task created: \"{ch(g, ['Call customer back', 'Check with ops', 'Follow up Monday'])}\" due {en_date_only(g, t + timedelta(days=2))}")
    return "\n".join(lines)


@en_t("help-article-feedback")
def en_article(g, need, ex):
    bank, p, dt = Bank(g), EnPerson(g), rand_dt(g)
    art = ch(g, ["How to contact us", "Our opening hours", "Getting started with the app", "Using the help centre",
                 "Updating the app", "Accessibility at " + bank.short, "Making a complaint", "Our service status page"])
    lines = [
        f"Article feedback · help.{bank.dom}",
        f"Article: \"{art}\" (id {digits(g, 11)})",
        f"Was this article helpful?  {ch(g, ['No', 'No', 'Yes'])}",
        "What could we improve?",
        en_need(g, need, ex, lead=0.05, trail=0.1),
        "",
        f"Visitor: {ch(g, ['anonymous', 'signed in – ' + p.personal_email(g)])} · {en_date(g, dt, ch(g, [4, 8]))} · "
        f"{ch(g, ['mobile', 'desktop', 'tablet'])}",
    ]
    return "\n".join(lines)


@en_t("google-maps-qa")
def en_maps_qa(g, need, ex):
    bank, p, mgr, dt = Bank(g), EnPerson(g), EnPerson(g), rand_dt(g)
    br = ch(g, EN_BRANCHES)
    lines = [f"{bank.name} {br} · Questions & answers", "",
             f"Q: {en_need(g, need, ex, lead=0, trail=0.1, tight=True)}",
             f"   {p.first} {p.last[0]}. · {ch(g, ['Local Guide · Level 4', 'Level 2', ''])} · {ch(g, ['2 weeks ago', 'a month ago', '5 days ago', '3 months ago'])}"
             .replace(" ·  · ", " · "),
             f"   👍 {g.randint(0, 12)}"]
    if chance(g, 0.6):
        lines += ["", f"A: {ch(g, ['Hi, thanks for asking! Our team can help with this in branch or by phone.', 'Hello, please pop in or call us and a colleague will help.', 'Thanks for your question — please contact us via the app chat.'])}",
                  f"   {bank.name} (Owner) · {ch(g, ['a week ago', '3 weeks ago', '2 days ago'])}"]
    elif chance(g, 0.5):
        lines += ["", f"A: {ch(g, ['Not sure, try calling them', 'I had the same question, they told me to ring up', 'Ask at the counter'])}",
                  f"   {EnPerson(g).first} · {ch(g, ['a week ago', '4 days ago'])}"]
    return "\n".join(lines)


@en_t("executive-office-escalation")
def en_exec(g, need, ex):
    bank, p, ea, handler, dt = Bank(g), EnPerson(g), EnPerson(g), EnPerson(g), rand_dt(g)
    ceo = EnPerson(g)
    lines = [
        f"From: {ea.full} <{ea.local(0)}@{bank.dom}>",
        f"To: Executive Complaints <exec.office@{bank.dom}>",
        f"Cc: {handler.full} <{handler.local(0)}@{bank.dom}>",
        f"Subject: CEO mailbox – {p.last} – please log and respond",
        "",
        f"Hi team,",
        "",
        f"The below came into {ceo.first}'s inbox {ch(g, ['this morning', 'yesterday', 'over the weekend'])}. "
        f"Please log under the exec process and reply within 5 working days. Copying {handler.first} as it may need their team.",
        "",
        f"Thanks\n{ea.first}\nExecutive Assistant to {ceo.full}, Chief Executive",
        "",
        "From: " + f"{p.full} <{p.personal_email(g)}>",
        f"Sent: {en_date(g, dt, 1)}",
        f"To: {ceo.full} <{ceo.local(0)}@{bank.dom}>",
        f"Subject: {ch(g, ['For the attention of the CEO', 'Personal attention please', 'Dear ' + ceo.first, 'Complaint'])}",
        "",
        f"Dear {ch(g, ['Mr', 'Ms', 'Dr'])} {ceo.last},",
        "",
        en_need(g, need, ex, lead=0.3, trail=0.2),
        "",
        ch(g, ["Yours sincerely,", "Regards,", "Yours faithfully,"]),
        en_sig(g, p, style=ch(g, [1, 8, 11])),
    ]
    return "\n".join(lines)


# ===========================================================================
# Chinese pools (all invented for this set)
# ===========================================================================

# surname:pinyin
ZH_SURNAMES = [tuple(x.split(":")) for x in (
    "王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 胡:hu "
    "郭:guo 林:lin 何:he 高:gao 罗:luo 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 韩:han 柳:liu 蓝:lan 闫:yan "
    "岳:yue 穆:mu 詹:zhan 向:xiang 殷:yin 温:wen 裴:pei 章:zhang 葛:ge 庞:pang 符:fu 艾:ai 阮:ruan 牛:niu "
    "甘:gan 左:zuo 屈:qu 宁:ning 俞:yu 骆:luo 戚:qi 谷:gu 车:che 滕:teng 凌:ling 霍:huo 虞:yu 莫:mo 伍:wu "
    "申:shen 冉:ran 桑:sang 尚:shang 柴:chai 瞿:qu 聂:nie 辛:xin 简:jian 饶:rao 关:guan 游:you 邢:xing 武:wu "
    "贺:he 毛:mao 皇甫:huangfu 端木:duanmu 夏侯:xiahou").split()]
# given:initials
ZH_GIVEN = [tuple(x.split(":")) for x in (
    "桂兰:gl 淑珍:sz 玉珍:yz 秀梅:xm 凤兰:fl 宝华:bh 福生:fs 建设:js 援朝:yc 胜利:sl 庆丰:qf 长林:cl 水生:ss "
    "金花:jh 翠萍:cp 德旺:dw 兰英:ly 秀云:xy 国富:gf 根生:gs 满堂:mt 海峰:hf 立群:lq 晓军:xj 卫红:wh 红英:hy "
    "雅丽:yl 建伟:jw 志华:zh 文军:wj 晓红:xh 春华:ch 海军:hj 晓晖:xh 国伟:gw 立军:lj 艳红:yh 亚军:yj 晓华:xh "
    "玉洁:yj 秀红:xh 建明:jm 新民:xm 小红:xh 美华:mh 惠芳:hf 锦荣:jr 耀祖:yz 耀先:yx 紫萱:zx 欣妍:xy 梓晨:zc "
    "一航:yh 俊宇:jy 子健:zj 晨希:cx 沐晴:mq 若溪:rx 语汐:yx 锦汐:jx 亦菲:yf 可欣:kx 奕博:yb 浩晨:hc 宇泽:yz "
    "博涵:bh 雨萱:yx 明哲:mz 芊芊:qq 昱辰:yc 曼婷:mt 煜城:yc 秋实:qs 砚秋:yq 子骞:zq 语嫣:yy 嘉懿:jy 若楠:rn "
    "俊驰:jc 蔓蔓:mm 书航:sh 晏清:yq 星野:xy 南星:nx 知夏:zx 鹿鸣:lm 闻笛:wd 溪月:xy 云起:yq 听澜:tl 既白:jb "
    "慕远:my 志远:zy 家明:jm 永康:yk 宏亮:hl 文华:wh 少杰:sj 国平:gp 伟民:wm 德福:df 丽珍:lz 慧琳:hl 静雯:jw "
    "佩琪:pq 婉仪:wy 远航:yh 天赐:tc 子谦:zq 晓彤:xt 佳慧:jh 雪晴:xq 梦洁:mj 海洋:hy 泽川:zc 俊峰:jf 鹏程:pc "
    "宇飞:yf 凯歌:kg 思妤:sy 语晨:yc 朝颜:zy 欣悦:xy 浩川:hc 家骏:jj 嘉豪:jh 梓桐:zt 安宁:an 文娴:wx 秀娟:xj "
    "燕:y 敏:m 磊:l 鑫:x 婷:t 超:c 琳:l 杰:j 萍:p 丹:d 娜:n 勇:y 斌:b 军:j 静:j 霞:x 刚:g 颖:y 悦:y 琦:q 蕾:l "
    "瑶:y 倩:q 帅:s 峰:f 涛:t 强:q 楠:n 昊:h 骁:x").split()]
ZH_EN_NICK = ["Vera", "Winnie", "Derek", "Sherry", "Bob", "Yoyo", "Coco", "Jerry", "Ivan", "Rita", "Summer",
              "Momo", "Kiki", "Joey", "Nina", "Oscar", "Doris", "Hank", "Zoey", "Allen", "Sandy", "Mandy"]
# consumer-electronics brands: (company, short, domain, assistant, wake word, products)
ZH_BRANDS = [
    ("深圳澄音科技有限公司", "澄音", "chengyin-tech.com", "小澄", "小澄小澄",
     ["澄音智能音箱 S2", "澄音 Pro 带屏音箱", "澄音 Mini 3", "澄音儿童故事机 K1", "澄音车载助手 C5"]),
    ("杭州栖梧电子股份有限公司", "栖梧", "qiwu-elec.cn", "梧桐同学", "梧桐同学",
     ["栖梧手表 W5", "栖梧耳机 Air 3", "栖梧智慧屏 65E", "栖梧智能音箱 Sound 2", "栖梧学习平板 P11"]),
    ("拾穗智能科技（苏州）有限公司", "拾穗", "shisui-ai.com", "穗穗", "你好穗穗",
     ["拾穗 AI 音箱 M1", "拾穗带屏音箱 Show 8", "拾穗智能台灯 L2", "拾穗耳机 Buds Pro", "拾穗手表 GT"]),
    ("广州鲸屿科技有限公司", "鲸屿", "jingyu-tech.cn", "小屿", "嘿小屿",
     ["鲸屿音箱 Nano", "鲸屿音箱 Max", "鲸屿智能中控屏 H7", "鲸屿儿童手表 Q3", "鲸屿车机助手 V2"]),
    ("成都若木电子有限公司", "若木", "ruomu.com.cn", "阿木", "阿木阿木",
     ["若木智能音箱 R1", "若木投影 Go", "若木手环 B6", "若木带屏音箱 R8", "若木 TWS 耳机 E3"]),
]
ZH_DEALERS = ["佛山顺达数码城", "嘉兴南湖电器行", "徐州云龙通讯", "芜湖鸠江数码广场", "赣州章贡家电城", "柳州鱼峰电器",
              "遵义红花岗数码店", "绵阳涪城通讯器材", "宜昌西陵家电", "襄阳樊城电子商行", "株洲芦淞数码",
              "潍坊奎文电器城", "临沂兰山通讯", "唐山路北数码港", "保定竞秀电器", "银川兴庆数码", "三亚吉阳家电"]
ZH_CLIENT_ORGS = ["嘉兴禾丰酒店管理有限公司", "绍兴越城幼教集团", "芜湖江岸物业服务有限公司", "柳州桂中康养中心",
                  "株洲湘江连锁超市", "绵阳蜀北民宿联盟", "唐山冀东月子会所", "宜昌三峡商务酒店", "遵义黔北老年大学",
                  "三亚椰林度假酒店"]
ZH_CITIES = [("深圳", ["南山区", "宝安区", "龙华区"]), ("嘉兴", ["南湖区", "秀洲区"]), ("徐州", ["云龙区", "鼓楼区"]),
             ("芜湖", ["鸠江区", "镜湖区"]), ("赣州", ["章贡区", "南康区"]), ("柳州", ["城中区", "鱼峰区"]),
             ("遵义", ["红花岗区", "汇川区"]), ("绵阳", ["涪城区", "游仙区"]), ("宜昌", ["西陵区", "伍家岗区"]),
             ("襄阳", ["樊城区", "襄城区"]), ("株洲", ["芦淞区", "天元区"]), ("潍坊", ["奎文区", "潍城区"]),
             ("临沂", ["兰山区", "河东区"]), ("唐山", ["路北区", "路南区"]), ("保定", ["竞秀区", "莲池区"]),
             ("银川", ["兴庆区", "金凤区"]), ("三亚", ["吉阳区", "天涯区"]), ("珠海", ["香洲区", "金湾区"]),
             ("北京", ["通州区", "昌平区"]), ("上海", ["松江区", "嘉定区"]), ("广州", ["番禺区", "白云区"]),
             ("杭州", ["萧山区", "临平区"])]
ZH_ROADS = ["梧桐路", "凤凰大道", "明珠路", "锦绣路", "白沙路", "兴华街", "迎宾大道", "荷花池路", "翠竹路", "金桂街",
            "向阳路", "石榴巷", "紫荆大道", "槐树街", "朝晖路"]
ZH_STAFF_ROLES = ["售后工程师", "客服主管", "线上客服", "门店店长", "区域督导", "技术支持", "产品运营", "语音交互产品经理",
                  "数据标注员", "NLP 算法工程师", "质检组长", "渠道经理", "维修技师", "会员运营", "口碑运营", "用研专员",
                  "话务员", "社群运营", "电商客服", "固件测试工程师"]
ZH_DEPTS = ["用户服务中心", "售后与维修部", "智能语音事业部", "直营零售部", "电商运营部", "品质部", "IoT 平台部",
            "客户联络中心", "口碑运营组", "渠道与经销商管理部", "语音助手产品组", "对话算法组"]
ZH_NICK_A = ["爱喝", "一颗", "暴富的", "山里的", "早八的", "周末的", "北漂的", "沪漂", "深夜", "会飞的", "嗑盐的",
             "发光的", "爱睡觉的", "不想上班的", "碎碎念的"]
ZH_NICK_B = ["柠檬精", "小熊", "椰子", "胖虎", "杏仁", "酸奶", "米饭", "仙女", "社畜", "小狐狸", "芒果", "布丁", "汤圆",
             "老表", "阿花"]
ZH_WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
ZH_WEEKDAYS_L = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
ZH_PHONE_BRANDS = ["华为 Mate 50", "荣耀 X50", "小米 13", "Redmi Note 13", "OPPO Reno10", "vivo Y78", "iPhone 13",
                   "iPhone 15", "一加 Ace 2", "华为 nova 12", "魅族 20", "realme 真我 12"]

ZH_CONTEXT = [
    "我们公司用了三年了。", "家里买了两台你们的音箱。", "我是从第一代就开始用的老用户。", "平时主要是我爸妈在用。",
    "我是在{city}的线下门店买的。", "东西是朋友送的。", "之前也找过一次客服。", "我不太懂这些，见谅。",
    "用了快{n}年了，总体还行。", "我们店里放了{n}台。", "上周刚买的。", "我是帮我奶奶问的。", "打字慢，见谅。",
    "我是你们的会员。", "产品本身还是挺喜欢的。", "家里老人普通话不太标准。", "我一般晚上才有空看消息。",
    "我们酒店客房里都配了你们的设备。",
]
ZH_CONTEXT_REPLIES = ["感谢您一直以来的支持！", "好的，了解了～", "好的，您说～", "感谢信任～", "收到，谢谢您告知。",
                      "谢谢亲的支持呀～", "明白的，这边帮您记录一下。", "好的{first}，感谢说明。"]
ZH_AGENT_LINES = [
    "您好，这边已经收到，马上帮您核实一下。", "亲，请稍等，正在为您查询～", "您好，麻烦提供一下设备序列号，方便我们排查。",
    "好的，这个问题我帮您登记并转给技术同事，24小时内回复您。", "亲亲，您可以先试试重启设备，如果还不行我们再看～",
    "您好，非常抱歉给您带来不便，已为您加急处理。", "收到，稍后会有专员电话联系您，请留意来电。",
    "您好，麻烦发一下订单号或者购买凭证哦。", "好的，已经记录，感谢您的反馈！", "亲，这边帮您升级到二线处理了哦。",
]
ZH_GREETS = ["您好，", "你好，", "在吗？", "客服你好，", "你好客服，", "打扰一下，", "您好！", "hi，", "哈喽，", "麻烦问一下，", "", ""]
ZH_CLOSERS = ["谢谢！", "辛苦了。", "麻烦尽快回复。", "感谢～", "盼复，谢谢。", "有消息告诉我一声。", "谢谢啦", "多谢", "拜托了🙏", ""]


class ZhPerson:
    def __init__(self, g):
        self.sur, self.sur_py = ch(g, ZH_SURNAMES)
        self.given, self.ini = ch(g, ZH_GIVEN)
        self.full = self.sur + self.given
        self.masked = self.sur + "*" * len(self.given)
        self.call = self.sur + ch(g, ["先生", "女士", "工", "总", "经理", "老师", "姐", "哥"])
        self.en = ch(g, ZH_EN_NICK)
        self.qq = str(g.randint(10_000_000, 3_999_999_999))
        self.mobile = f"1{ch(g, '3456789')}{digits(g, 9)}"

    def work_email(self, g, dom):
        return ch(g, [f"{self.sur_py}{self.ini}@{dom}", f"{self.en.lower()}.{self.sur_py}@{dom}",
                      f"{self.sur_py}.{self.ini}{digits(g, 2)}@{dom}"])

    def personal_email(self, g):
        return ch(g, [f"{self.qq}@qq.com", f"{self.sur_py}{self.ini}{digits(g, 4)}@163.com",
                      f"{self.en.lower()}{digits(g, 3)}@126.com", f"{self.sur_py}_{self.ini}@foxmail.com",
                      f"{self.mobile}@139.com", f"{self.sur_py}{self.ini}@sina.cn"])

    def masked_phone(self):
        return self.mobile[:3] + "****" + self.mobile[-4:]


class Brand:
    def __init__(self, g):
        self.co, self.short, self.dom, self.asst, self.wake, prods = ch(g, ZH_BRANDS)
        self.product = ch(g, prods)
        self.hotline = ch(g, [f"400-{digits(g, 3)}-{digits(g, 4)}", f"400{digits(g, 7)}"])


def zh_nick(g):
    return ch(g, [ch(g, ZH_NICK_A) + ch(g, ZH_NICK_B), ch(g, ZH_NICK_A) + ch(g, ZH_NICK_B) + digits(g, 2),
                  ch(g, ZH_NICK_B) + "_" + digits(g, 4), "用户" + digits(g, 10), ch(g, ZH_NICK_B) + "不" + ch(g, ["加班", "熬夜", "吃辣"])])


def zh_city(g):
    c, ds = ch(g, ZH_CITIES)
    return c, ch(g, ds)


def zh_addr(g):
    c, d = zh_city(g)
    return f"{c}市{d}{ch(g, ZH_ROADS)}{g.randint(1, 288)}号" + ch(g, ["", f"{g.randint(1, 30)}栋{g.randint(1, 30)}0{g.randint(1, 6)}室", "附近", f"{ch(g, '东西南北')}门"])


def zh_fill(g, s):
    return s.format(city=zh_city(g)[0], n=ch(g, ["两", "三", "四", "五", "好几"]))


def zh_date(g, dt, style=None):
    s = g.randrange(12) if style is None else style
    wd = dt.weekday()
    ap = "上午" if dt.hour < 12 else ("下午" if dt.hour < 18 else "晚上")
    h = dt.hour if dt.hour <= 12 else dt.hour - 12
    if s == 0:
        return f"{dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M}"
    if s == 1:
        return f"{dt:%Y-%m-%d %H:%M:%S}"
    if s == 2:
        return f"{dt:%m-%d %H:%M}"
    if s == 3:
        return f"{dt.month}月{dt.day}日 {ap}{h}:{dt.minute:02d}"
    if s == 4:
        return f"{dt.year}/{dt.month}/{dt.day} {ZH_WEEKDAYS[wd]} {dt:%H:%M}"
    if s == 5:
        return f"{dt.year}年{dt.month}月{dt.day}日（{ZH_WEEKDAYS_L[wd]}）{ap}{h}:{dt.minute:02d}"
    if s == 6:
        return f"{dt:%Y.%m.%d %H:%M}"
    if s == 7:
        return f"{dt:%Y-%m-%dT%H:%M:%S}+08:00"
    if s == 8:
        return f"{dt:%Y/%m/%d %H:%M:%S}"
    if s == 9:
        return ch(g, ["昨天 ", "前天 ", "今天 "]) + f"{dt:%H:%M}"
    if s == 10:
        return f"{dt.month}月{dt.day}日 {dt:%H:%M}"
    return f"{dt:%Y%m%d %H%M%S}"


ZH_END_PUNCT = "。！？!?～~…）)」”.；;，,：:"


def zh_glue(g, a):
    """Separator after a Chinese fragment: nothing if it already ends a clause."""
    if not a or a[-1] in ZH_END_PUNCT or a[-1].isspace():
        return ""
    return ch(g, ["，", "，", "。", " ", "！"])


def zh_day(dt):
    return f"{dt.year}年{dt.month}月{dt.day}日"


def zh_need(g, need, ex, lead=0.25, trail=0.3, tight=False):
    s = need
    if chance(g, lead):
        s = ch(g, ["麻烦问一下，", "请问一下，", "想咨询下，", "那个，", "就是说，", "有个问题：", "急！", "打扰了，",
                   "你好，我想问一下", "额，"]) + s
    if chance(g, trail):
        c = ch(g, ZH_CLOSERS)
        if c:
            s = s + ((zh_glue(g, s) or "") if tight or chance(g, 0.7) else "\n") + c
    if ex.sent:
        if chance(g, 0.5):
            s = ex.sent + ("" if tight or chance(g, 0.6) else "\n") + s
        else:
            s = s + (zh_glue(g, s) if tight or chance(g, 0.6) else "\n") + ex.sent
    return s


def zh_turns(g, need, ex, first=""):
    return en_turns(g, need, ex, first)


def zh_sig(g, p, brand=None, org=None, role=None, style=None):
    s = g.randrange(6) if style is None else style
    if org or not brand:  # a customer's signature, not a brand employee's
        role = role or ch(g, ["前台经理", "工程部主管", "采购专员", "行政主管", "运营经理", "IT 专员", "财务", "总经理助理"])
        dept = ch(g, ["工程部", "采购部", "行政部", "前厅部", "信息部", "运营部"])
    else:
        dept = ch(g, ZH_DEPTS)
    company = org or (brand.co if brand else ch(g, ZH_CLIENT_ORGS))
    dom = brand.dom if brand else f"{slug(p.en)}-{digits(g, 2)}.com"
    if s == 0:
        return p.full
    if s == 1:
        return f"{p.full}\n{company}\n手机：{p.mobile}"
    if s == 2:
        return (f"{p.full} {p.en}\n{role or ch(g, ZH_STAFF_ROLES)} | {dept}\n{company}\n"
                f"电话：{p.mobile}  邮箱：{p.work_email(g, dom)}\n地址：{zh_addr(g)}")
    if s == 3:
        return f"—— {p.full}（{role or ch(g, ZH_STAFF_ROLES)}）\n微信同号 {p.mobile}"
    if s == 4:
        return f"{p.sur}{ch(g, ['', '*'])}{p.given[-1]}\n{ch(g, ['发自我的华为手机', '发自我的iPhone', '来自 vivo 手机', '发自网易邮箱大师', '来自QQ邮箱手机版', '发自我的荣耀手机'])}"
    return f"{p.en} {p.full}\n{company} · {role or ch(g, ZH_STAFF_ROLES)}\nTel: 0{g.randint(10, 999)}-{digits(g, 8)} 转 {digits(g, 3)}"


ZH_DISCLAIMERS = [
    "本邮件及其附件含有{co}的保密信息，仅限于发送给上面地址中列出的个人或群组。禁止任何其他人以任何形式使用（包括但不限于全部或部分地泄露、复制、或散发）本邮件中的信息。如果您错收了本邮件，请您立即电话或邮件通知发件人并删除本邮件！",
    "【温馨提示】{co}工作人员不会以任何理由要求您提供验证码或转账，请谨防诈骗。",
    "此邮件由系统自动发送，请勿直接回复。如需帮助请拨打服务热线 {hotline}。",
    "保密声明：本邮件内容仅供指定收件人阅读，未经许可不得转发或对外披露。",
    "绿色环保，打印前请三思。",
    "{co} | 让每个家庭都有一个贴心的助手 | 官网 www.{dom}",
]


def zh_disc(g, brand):
    return ch(g, ZH_DISCLAIMERS).format(co=brand.co, hotline=brand.hotline, dom=brand.dom)


def zh_sn(g, brand):
    return f"{slug(brand.dom)[:2].upper()}{g.randint(1, 9)}{alnum(g, 3)}{digits(g, 8)}"


def zh_fw(g):
    return f"V{g.randint(1, 4)}.{g.randint(0, 12)}.{g.randint(0, 60)}.{digits(g, 4)}"


def zh_appver(g):
    return f"{g.randint(3, 9)}.{g.randint(0, 30)}.{g.randint(0, 9)}"


# ===========================================================================
# Chinese templates
# ===========================================================================

def zh_agent_line(g, ex=None, first=""):
    pre = (ex.rep(first) if ex is not None and ex.reply else "")
    return pre + ch(g, ZH_AGENT_LINES)


@zh_t("公众号后台留言")
def zh_mp(g, need, ex):
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    art = ch(g, ["新品发布会回顾｜一图看懂", "春季焕新季，老用户专享福利来了", "用户故事｜住在山城的一家人", "客服升级公告",
                 f"{b.short}{ch(g, ['五', '六', '七'])}周年，感谢有你", "固件升级说明（第" + str(g.randint(3, 30)) + "期）"])
    lines = [f"公众号：{b.short}{ch(g, ['服务号', '官方服务号', '智能生活', '用户中心'])}",
             f"文章：《{art}》", "",
             f"留言用户：{zh_nick(g)}", f"留言时间：{zh_date(g, dt, ch(g, [3, 10, 0]))}",
             f"留言内容：{zh_need(g, need, ex, lead=0.2, trail=0.3, tight=True)}",
             f"状态：{ch(g, ['未精选', '已精选', '未精选'])}    赞 {g.randint(0, 30)}"]
    if chance(g, 0.5):
        lines += [f"作者回复：{ch(g, ['您好，已私信您，请查收～', '感谢留言！麻烦在菜单栏「服务」-「在线客服」联系我们哦', '收到，已转交相关同事跟进～', '亲，小编已记录，稍后会有客服联系您'])}",
                  f"回复时间：{zh_date(g, later(g, dt, 600, 90000), 10)}"]
    return "\n".join(lines)


@zh_t("企业微信外部群")
def zh_wecom_group(g, need, ex):
    b, p, a1, a2, dt = Brand(g), ZhPerson(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    org = ch(g, ZH_CLIENT_ORGS)
    t = dt
    lines = [f"【{org[:4]} & {b.short}服务群】（外部群 · {g.randint(5, 38)}人）", "", zh_date(g, t, 1)[:16]]
    lines.append(f"{a1.full}@{b.short}：各位好，我是本群对接人{ch(g, [a1.sur + '工', a1.sur + '经理', a1.full, a1.given])}，有问题直接@我就行🤝")
    t = later(g, t, 3600, 86400 * 5)
    lines += ["", zh_date(g, t, 1)[:16]]
    if chance(g, 0.5):
        lines.append(f"\"{p.full}@{org[:4]}\" 撤回了一条消息")
    who = f"{p.full}@{org[:4]}"
    for k, (w, txt) in enumerate(zh_turns(g, need, ex, p.given)):
        if w == "c":
            at = f"@{a1.full} " if k == 0 and chance(g, 0.7) else ""
            lines.append(f"{who}：{at}{txt}")
        else:
            lines.append(f"{a1.full}@{b.short}：{txt}")
    t = later(g, t, 60, 1800)
    lines.append(f"{a1.full}@{b.short}：{ch(g, ['收到，我拉一下技术同事', '好的，马上看', '@' + a2.full + ' 帮忙看下这个', '收到👌'])}")
    if chance(g, 0.5):
        lines.append(f"{a2.full}@{b.short}：{ch(g, ['好的', '我来跟', '稍等我查下日志', '[OK]'])}")
    return "\n".join(lines)


@zh_t("钉钉渠道群")
def zh_dingtalk(g, need, ex):
    b, p, a1, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    dealer = ch(g, ZH_DEALERS)
    t = dt
    lines = [f"钉钉 · {b.short}{ch(g, ['渠道服务群', '华中区经销商群', '门店支持群', '售后技术支持群'])}", ""]
    lines.append(f"{p.full}（{dealer}） {t:%H:%M}")
    msg = zh_need(g, need, ex, lead=0.1, trail=0.2, tight=True)
    lines.append(ch(g, [f"@{a1.full} 顾客来店里问：{msg}", f"@{a1.full} {msg}", f"有个顾客反馈：{msg} @{a1.full}"]))
    lines.append(f"{g.randint(2, 12)}人已读 · {g.randint(0, 30)}人未读")
    t = later(g, t, 60, 2400)
    lines += ["", f"{a1.full}（{b.short}{ch(g, ZH_STAFF_ROLES)}） {t:%H:%M}",
              ch(g, ["收到，稍后电话联系你", "好的，我这边记录一下", "让顾客加一下售后企业微信", "收到"])]
    if chance(g, 0.35):
        lines += ["", f"[DING] {a1.full} 发送了一条DING消息给{p.full}：{ch(g, ['请回电', '请查看群消息', '已处理，请确认'])}"]
    return "\n".join(lines)


@zh_t("飞书话题群")
def zh_feishu(g, need, ex):
    b, p, a1, a2, dt = Brand(g), ZhPerson(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    grp = ch(g, ["用户声音", "内测用户反馈", "客服-产品对接", f"{b.asst}体验问题", "售后升级"])
    lines = [f"话题 · {grp}", "",
             f"{a1.full} 发起了话题 · {zh_date(g, dt, ch(g, [9, 10, 2]))}",
             ch(g, ["转一条用户原话：", "今天热线里用户说的：", "用户在App里反馈：", "同步一个用户问题，原话如下："]),
             "「" + zh_need(g, need, ex, lead=0, trail=0, tight=True) + "」",
             f"👍 {g.randint(0, 6)}  ✅ {g.randint(0, 3)}  👀 {g.randint(0, 4)}",
             f"回复 {g.randint(1, 6)} 条"]
    lines.append(f"  {a2.full}：{ch(g, ['我看下', '+1 这周已经第二个了', '拉个单跟一下吧', '@' + a1.full + ' 有设备序列号吗'])}")
    if chance(g, 0.5):
        lines.append("  此消息已撤回")
    lines.append(f"  {a1.full}：{ch(g, ['已建单', '好', '我问下用户', '收到'])}")
    return "\n".join(lines)


@zh_t("淘宝旺旺聊天记录")
def zh_taobao(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    store = f"{b.short}{ch(g, ['官方旗舰店', '数码专营店', '智能家居旗舰店'])}"
    buyer = ch(g, [f"tb{digits(g, 9)}", zh_nick(g), f"t_{digits(g, 13)}"])
    agent = f"{store}:{ch(g, ['小橘', '阿满', '七七', '小麦', '豆豆', '木木'])}"
    t = dt
    lines = [f"------ 聊天记录 {store} ------",
             f"[系统消息] 顾客从商品页进入：{b.product}", ""]
    for w, txt in zh_turns(g, need, ex):
        t = later(g, t, 5, 200)
        name = buyer if w == "c" else agent
        lines += [f"{name} ({t:%Y-%m-%d %H:%M:%S}):", f"  {txt}"]
    t = later(g, t, 5, 90)
    lines += [f"{agent} ({t:%Y-%m-%d %H:%M:%S}):", f"  {ch(g, ['亲，在的呢～', '亲爱的，小店客服为您服务，请稍等哦～', '亲，稍等，帮您问下技术～', zh_agent_line(g)])}"]
    if chance(g, 0.4):
        t = later(g, t, 30, 600)
        lines += [f"[系统消息] {t:%H:%M} 顾客已离开会话"]
    return "\n".join(lines)


@zh_t("京东咚咚会话")
def zh_jd(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    store = f"{b.short}京东自营旗舰店" if chance(g, 0.5) else f"{b.short}数码京东旗舰店"
    pin = ch(g, [f"jd_{alnum(g, 12, False)}", f"jd{digits(g, 10)}", zh_nick(g)])
    t = dt
    lines = [f"京东咚咚 | {store} | 会话ID {digits(g, 14)}",
             f"【订单卡片】订单号：{g.randint(2, 3)}{digits(g, 11)}  商品：{b.product}  实付：¥{g.randint(99, 3999)}.00  "
             f"状态：{ch(g, ['已完成', '等待收货', '已签收'])}", ""]
    for w, txt in zh_turns(g, need, ex):
        t = later(g, t, 5, 300)
        lines += [f"{pin if w == 'c' else '客服' + ch(g, ['小京', '一号', '欢欢', '阿杰'])}  {t:%Y-%m-%d %H:%M:%S}", txt, ""]
    t = later(g, t, 5, 90)
    lines += [f"客服{ch(g, ['小京', '一号', '欢欢'])}  {t:%Y-%m-%d %H:%M:%S}", zh_agent_line(g)]
    return "\n".join(lines)


@zh_t("抖店飞鸽客服")
def zh_feige(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    nick = zh_nick(g)
    t = dt
    lines = ["抖店 · 飞鸽客服工作台",
             f"用户：{nick}（抖音号：{ch(g, ['dy', ''])}{alnum(g, 9, False)}）  来源：{ch(g, ['直播间', '商品详情页', '短视频橱窗', '订单详情'])}",
             f"[商品] {b.product}  ¥{g.randint(99, 2999)}", ""]
    t = later(g, t, 1, 5)
    lines.append(f"机器人 {t:%H:%M:%S}  亲，欢迎光临{b.short}官方旗舰店～有什么可以帮您？")
    for w, txt in zh_turns(g, need, ex):
        t = later(g, t, 3, 200)
        lines.append(f"{'用户' if w == 'c' else '客服'} {t:%H:%M:%S}  {txt}")
    t = later(g, t, 1, 10)
    lines.append(f"机器人 {t:%H:%M:%S}  {ch(g, ['正在为您转接人工客服，请稍候～', '亲，您的问题小助手暂时无法解答，已为您转人工～'])}")
    lines.append(f"[系统] 人工客服 {ch(g, ['阿桃', '小鱼', '十一', '暖暖'])} 已接入")
    return "\n".join(lines)


@zh_t("美洽工单")
def zh_meiqia(g, need, ex):
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    fields = [("工单编号", f"#{g.randint(100000, 999999)}"),
              ("标题", ch(g, ["用户咨询", "App 留言转工单", "设备问题反馈", "售后咨询", "（无标题）"])),
              ("客户", f"{p.full}（{p.masked_phone()}）"),
              ("渠道", ch(g, ["网页插件", "微信公众号", "App SDK", "小程序"])),
              ("优先级", ch(g, ["普通", "高", "紧急", "低"])),
              ("受理客服组", ch(g, ["一线客服", "售后组", "技术支持", "VIP 组"])),
              ("受理人", a.full),
              ("状态", ch(g, ["待处理", "处理中", "已回复"])),
              ("创建时间", zh_date(g, dt, 1)),
              ("自定义字段·设备型号", b.product),
              ("问题描述", zh_need(g, need, ex))]
    lines = [f"{k}：{v}" for k, v in fields]
    if chance(g, 0.6):
        lines += ["", "—— 处理记录 ——", f"{zh_date(g, later(g, dt, 300, 20000), 1)} {a.full}：{zh_agent_line(g, ex, p.given)}"]
    return "\n".join(lines)


@zh_t("腾讯企点会话记录")
def zh_qidian(g, need, ex):
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    t = dt
    lines = [f"腾讯企点 · 会话记录导出", f"访客：{ch(g, [p.full, zh_nick(g), '访客' + digits(g, 6)])}  地区：{zh_city(g)[0]}  "
                                  f"入口：{ch(g, ['官网', '公众号菜单', 'QQ', '小程序'])}",
             f"接待客服：{a.full}（工号 {digits(g, 5)}）  会话时长：{g.randint(1, 25)}分{g.randint(0, 59)}秒", ""]
    lines.append(f"{t:%H:%M:%S} 系统：访客已进入会话，排队 {g.randint(0, 9)} 人")
    t = later(g, t, 5, 120)
    lines.append(f"{t:%H:%M:%S} {a.full}：您好，{b.short}客服{ch(g, [a.given, '小' + a.sur, '工号' + digits(g, 3)])}很高兴为您服务～")
    for w, txt in zh_turns(g, need, ex, p.given):
        t = later(g, t, 5, 200)
        lines.append(f"{t:%H:%M:%S} {'访客' if w == 'c' else a.full}：{txt}")
    t = later(g, t, 5, 200)
    lines.append(f"{t:%H:%M:%S} {a.full}：{zh_agent_line(g)}")
    lines.append(f"满意度：{ch(g, ['未评价', '满意', '一般', '不满意'])}")
    return "\n".join(lines)


ZH_FILLERS = ["嗯", "那个", "就是", "呃", "就是说", "然后", "对", "啊", "怎么说呢"]


@zh_t("400热线语音转写")
def zh_hotline_asr(g, need, ex):
    ex.spoken(g, ['打字慢', '我一般晚上才有空看消息'], ZH_CONTEXT, zh_fill)
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    sys_ = ch(g, ["合力亿捷", "容联七陌", "讯飞听见", "阿里云智能语音"])
    s = g.randint(0, 4)

    def ts():
        return f"{s // 60:02d}:{s % 60:02d}"

    lines = [f"【{sys_} 通话转写】呼入 {b.hotline}  主叫 {p.masked_phone()}  {zh_date(g, dt, 1)}", ""]
    lines.append(f"[{ts()}] 坐席：您好，{b.short}客服中心，工号{digits(g, 4)}，很高兴为您服务，请问有什么可以帮您？")
    s += g.randint(5, 12)
    pre = "，".join(ch(g, ZH_FILLERS) for _ in range(g.randint(1, 3)))
    post = ch(g, ["", "，嗯", "，就这个", "，对", "，就是这个事儿"])
    lines.append(f"[{ts()}] 客户：{pre}，{need}{post}")
    if ex.sent:
        s += g.randint(3, 8)
        lines.append(f"[{ts()}] 客户：{ch(g, ZH_FILLERS)}，{ex.sent}")
        if ex.reply:
            s += g.randint(2, 5)
            lines.append(f"[{ts()}] 坐席：{ex.rep(p.call)}")
    s += g.randint(3, 9)
    lines.append(f"[{ts()}] 坐席：{ch(g, ['好的，我先帮您查一下，请问设备是哪个型号？', '好的，麻烦您报一下注册的手机号。', '明白，您稍等，我帮您看一下。'])}")
    s += g.randint(3, 9)
    lines.append(f"[{ts()}] 客户：{ch(g, ['嗯', '好', '[听不清]', '行，你查吧', '哦好的'])}")
    if chance(g, 0.5):
        lines += ["", f"情绪识别：{ch(g, ['平稳', '轻微不满', '焦虑'])}  静音占比：{g.randint(2, 30)}%  关键词命中：无"]
    return "\n".join(lines)


@zh_t("天润通话小结")
def zh_tianrun(g, need, ex):
    ex.spoken(g, ['打字慢', '我一般晚上才有空看消息'], ZH_CONTEXT, zh_fill)
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    c = zh_city(g)[0]
    lines = [f"通话记录 | 天润融通 | 录音ID {hexs(g, 24)}",
             f"来电号码：{p.masked_phone()}（{c}{ch(g, ['移动', '联通', '电信'])}）",
             f"IVR 路径：{ch(g, ['1-产品咨询 > 0-人工', '2-售后服务 > 1-设备问题 > 0-人工', '3-其他 > 0-人工'])}",
             f"接听坐席：{a.full}（{digits(g, 4)}）  通话时长：{g.randint(1, 18)}分{g.randint(0, 59)}秒",
             f"开始时间：{zh_date(g, dt, 1)}",
             "",
             "通话小结：",
             ch(g, [f"客户{p.call}来电，原话：“{need}”", f"客户反映：{need}", f"{p.call}问：{need}"])]
    if ex.sent:
        lines.append(f"补充：客户称“{ex.sent}”")
    lines += [f"处理结果：{ch(g, ['已解答', '已建工单转二线', '需回电', '客户挂机'])}",
              f"满意度按键：{ch(g, ['1-满意', '2-一般', '未按键', '3-不满意'])}"]
    return "\n".join(lines)


@zh_t("小红书笔记")
def zh_xhs(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    c = zh_city(g)[0]
    title = ch(g, [f"{b.short}用户求助🆘", "有没有懂的姐妹😭", "入手三个月的真实感受", f"关于{b.short}的一点小吐槽",
                   "求问‼️", "踩坑记录 | 智能家居", "打工人的桌搭好物（附问题）"])
    body = zh_need(g, need, ex, lead=0.2, trail=0.2)
    tags = " ".join("#" + x for x in g.sample([b.short, "智能家居", "数码好物", "求助", "踩坑", "家居好物", "打工人",
                                                   "生活小妙招", b.short + b.product.split()[-1], "好物分享"], g.randint(2, 5)))
    lines = [title, "", body + ch(g, ["", "🙏", "😮‍💨", "🥲", "🤔"]), "", tags, "",
             f"编辑于 {zh_date(g, dt, 2)} {c}", f"❤ {g.randint(0, 400)}  ⭐ {g.randint(0, 80)}  💬 {g.randint(0, 60)}"]
    if chance(g, 0.6):
        lines += ["", f"{b.short}官方：{ch(g, ['宝子你好～麻烦私信小编一下哦，帮你看看💗', '抱歉给你带来困扰啦，已私信～', '收到！小编已反馈给产品同学📝'])}"]
    if chance(g, 0.4):
        lines.append(f"{zh_nick(g)}：{ch(g, ['同问', '蹲一个', '我也是！', '+1', '码住'])}")
    return "\n".join(lines)


@zh_t("微博吐槽")
def zh_weibo(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    nick = zh_nick(g)
    src = ch(g, ZH_PHONE_BRANDS)
    txt = zh_need(g, need, ex, lead=0.1, trail=0.2, tight=True)
    if chance(g, 0.7):
        txt = f"@{b.short}客服 " + txt if chance(g, 0.6) else txt + f" @{b.short}{ch(g, ['官方微博', '科技', '客服'])}"
    lines = [nick, f"{zh_date(g, dt, ch(g, [3, 10]))} 来自 {src}" + ch(g, ["", " 已编辑"]), "", txt,
             "", f"转发 {g.randint(0, 30)}  |  评论 {g.randint(0, 60)}  |  赞 {g.randint(0, 300)}"]
    if chance(g, 0.5):
        lines += [f"{b.short}客服：@{nick} 您好，已私信您，请查收～{ch(g, ['', '[心]', '[抱抱]'])}"]
    return "\n".join(lines)


@zh_t("知乎提问")
def zh_zhihu(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    if chance(g, 0.5) and len(need) < 60:
        lines = [f"问题：{need}", "",
                 f"问题描述：{ex.sent or ch(g, ['如题。', '设备是' + b.product + '，求解答。', '有没有用过的朋友说说？', ''])}".rstrip("："),
                 "", f"话题：{b.short}  智能音箱  智能家居  数码",
                 f"关注者 {g.randint(1, 90)} · 被浏览 {g.randint(20, 9000)}",
                 f"发布于 {zh_date(g, dt, 1)[:16]}"]
    else:
        lines = [f"问题：{ch(g, ['智能音箱哪个牌子的语音助手比较好用？', '大家用过' + b.short + '的产品吗，体验怎么样？', '家里老人用智能音箱是一种什么体验？'])}",
                 "", f"{zh_nick(g)} 的回答 · {ch(g, ['', '数码爱好者', '产品经理'])}",
                 ch(g, ["用了半年说点真实的。", "利益无关，纯用户。", "说下我家的情况。"]),
                 zh_need(g, need, ex, lead=0.2, trail=0.1),
                 ch(g, ["其他方面还可以。", "总体来说凑合。", "就这些，欢迎讨论。"]),
                 f"编辑于 {zh_date(g, dt, 1)[:16]} · IP 属地{ch(g, ['广东', '浙江', '四川', '湖北', '山东', '江苏'])}",
                 f"赞同 {g.randint(0, 200)} · 评论 {g.randint(0, 40)}"]
    return "\n".join(x for x in lines)


@zh_t("什么值得买评论")
def zh_smzdm(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    lines = [f"什么值得买 · {ch(g, ['好价', '晒物', '众测'])} | {b.product} {ch(g, ['到手价', '史低', '好价'])} ¥{g.randint(99, 1999)}",
             f"值 {g.randint(0, 200)}  不值 {g.randint(0, 40)}  收藏 {g.randint(0, 300)}  评论 {g.randint(1, 90)}", "",
             "—— 评论 ——",
             f"{zh_nick(g)}  Lv{g.randint(1, 9)}  {zh_date(g, dt, 2)}",
             zh_need(g, need, ex, lead=0.2, trail=0.1, tight=True),
             f"  赞 {g.randint(0, 40)}  回复"]
    if chance(g, 0.5):
        lines += [f"  └ {zh_nick(g)}：{ch(g, ['同问', '问客服啊', '我的也是', '坐等回复'])}"]
    return "\n".join(lines)


@zh_t("应用商店评论含开发者回复")
def zh_store_review(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    store = ch(g, ["华为应用市场", "小米应用商店", "App Store（中国）", "OPPO 软件商店", "vivo 应用商店", "荣耀应用市场"])
    app = f"{b.short}{ch(g, ['智能', '生活', '智家', ''])} App"
    st = g.randint(1, 4)
    lines = [f"{store} · {app}", f"{'★' * st}{'☆' * (5 - st)}  {zh_nick(g)}  {zh_date(g, dt, ch(g, [0, 1, 6]))}",
             f"版本：{zh_appver(g)}  机型：{ch(g, ZH_PHONE_BRANDS)}", "",
             zh_need(g, need, ex, lead=0.1, trail=0.2)]
    if chance(g, 0.65):
        lines += ["", f"开发者回复（{zh_date(g, later(g, dt, 7200, 86400 * 4), 0)}）：",
                  ch(g, [f"您好，感谢您的反馈。请在 App「我的-帮助与反馈」中提交日志，我们会尽快排查。",
                         f"亲爱的用户，非常抱歉给您带来不好的体验，可拨打 {b.hotline} 联系我们～",
                         "您好，您反馈的问题已记录，后续版本会持续优化，感谢支持！"])]
    return "\n".join(lines)


@zh_t("问卷星答卷详情")
def zh_wjx(g, need, ex):
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    lines = [f"问卷星 · 答卷详情（序号 {g.randint(1, 4000)}）",
             f"问卷：{b.short}{ch(g, ['用户满意度调研', '新品使用体验问卷', '售后服务回访问卷', '语音助手体验调研'])}",
             f"提交时间：{zh_date(g, dt, 1)}  所用时间：{g.randint(40, 900)}秒  来源：{ch(g, ['微信', '链接', '手机提交', '二维码'])}",
             f"来自IP：{g.randint(27, 223)}.{g.randint(0, 255)}.*.*（{zh_city(g)[0]}）", "",
             f"1. 您使用的设备型号：{b.product}",
             f"2. 您使用{b.short}产品多久了：{ch(g, ['不到1个月', '1-6个月', '半年到1年', '1年以上'])}",
             f"3. 您对产品整体满意度打分（1-10）：{g.randint(2, 9)}",
             "4. 还有什么想对我们说的？",
             zh_need(g, need, ex, lead=0.05, trail=0.1),
             f"5. 是否愿意接受回访：{ch(g, ['是', '否'])}"]
    return "\n".join(lines)


@zh_t("腾讯问卷CSV")
def zh_txwj(g, need, ex):
    no_quote(need, '"')
    b, dt = Brand(g), rand_dt(g)
    hdr = "编号,开始答题时间,结束答题时间,答题时长,地理位置,1.您的设备,2.推荐意愿(0-10),3.请说说原因"
    t2 = later(g, dt, 30, 600)
    row = [str(g.randint(1, 9000)), f"{dt:%Y-%m-%d %H:%M:%S}", f"{t2:%Y-%m-%d %H:%M:%S}", f"{(t2 - dt).seconds}秒",
           f"{zh_city(g)[0]}", b.product, str(g.randint(0, 8)), csv_cell(zh_need(g, need, ex, lead=0, trail=0.1, tight=True))]
    return f"{b.short}NPS调研_{dt:%Y%m%d}.csv\n{hdr}\n" + ",".join(row)


@zh_t("邮件转发含免责声明")
def zh_mail_fwd(g, need, ex):
    b, p, a1, a2, dt = Brand(g), ZhPerson(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    t2 = later(g, dt, 600, 86400)
    style = g.randrange(2)
    sep = "-------- 转发邮件信息 --------" if style == 0 else "------------------ 原始邮件 ------------------"
    lines = [f"{a2.sur}{ch(g, ['工', '经理', '总'])}：", "",
             ch(g, ["转一封用户来信，请协助处理，谢谢。", "以下用户邮件请售后组跟进，今天内给个回复。", "用户直接发到了市场部邮箱，转给你们看看。"]),
             "", ch(g, ["谢谢", "顺祝商祺", "祝好", "Best regards"]), zh_sig(g, a1, b, style=ch(g, [2, 5])), "",
             zh_disc(g, b), "", sep]
    if style == 0:
        lines += [f"发件人：\"{p.full}\" <{p.personal_email(g)}>", f"发送日期：{zh_date(g, dt, 0)}",
                  f"收件人：\"{b.short}客服\" <service@{b.dom}>", f"主题：{ch(g, ['咨询', '问题', '您好', '设备问题', '（无主题）'])}"]
    else:
        lines += [f"发件人: \"{p.full}\"<{p.personal_email(g)}>;", f"发送时间: {zh_date(g, dt, 5)}",
                  f"收件人: \"service\"<service@{b.dom}>;", f"主题: {ch(g, ['咨询', '问题反馈', '求助'])}"]
    lines += ["", ch(g, ZH_GREETS[:6]), zh_need(g, need, ex), "", zh_sig(g, p, style=ch(g, [0, 1, 4]))]
    return "\n".join(lines)


@zh_t("Outlook回复原邮件")
def zh_mail_reply(g, need, ex):
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    org = ch(g, ZH_CLIENT_ORGS)
    subj = ch(g, ["关于设备的问题", "咨询", "客房设备问题", "贵司产品使用问题", "采购设备售后"])
    t2 = later(g, dt, 1800, 100000)
    reply = f"{p.call}，您好：\n\n{zh_agent_line(g, ex, p.call)}\n\n{zh_sig(g, a, b, style=2)}\n\n{zh_disc(g, b)}"
    dom = f"{slug(p.sur_py)}{digits(g, 2)}-hotel.com"
    orig = "\n\n".join([ch(g, ["您好：", f"{b.short}客服：", "你好，", "各位好："]), zh_need(g, need, ex),
                        ch(g, ["谢谢！", "盼复。", "麻烦了。"]), zh_sig(g, p, org=org, style=ch(g, [1, 2, 5]))])
    lines = [f"主题：答复: {subj}", "", reply, "", "________________________________",
             f"发件人: {p.full} <{p.work_email(g, dom)}>", f"发送时间: {zh_date(g, dt, 5)}",
             f"收件人: service@{b.dom}", f"抄送: {ZhPerson(g).full}", f"主题: {subj}", "", orig]
    return "\n".join(lines)


@zh_t("飞书妙记纪要")
def zh_minutes(g, need, ex):
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    ppl = [ZhPerson(g) for _ in range(g.randint(3, 5))]
    lines = [f"飞书妙记 · {ch(g, ['用户声音周会', '客服-产品周例会', '售后问题复盘会', f'{b.asst}体验评审'])}",
             f"{zh_date(g, dt, 5)} · 时长 {g.randint(20, 80)} 分钟 · 参会人：" + "、".join(x.full for x in ppl), "",
             "智能纪要", "一、本周概况", f"- 热线进线量环比{ch(g, ['上升', '下降', '持平'])}{g.randint(1, 18)}%，满意度 {g.randint(80, 97)}%",
             "二、典型用户原声",
             f"- {ppl[0].full}分享了一位用户原话：“{need}”"]
    if ex.sent:
        lines.append(f"  用户还提到：“{ex.sent}”")
    lines += ["三、待办", f"- [ ] {ppl[1].full}：{ch(g, ['本周内回访该用户', '拉取设备日志分析', '同步到需求池'])}",
              f"- [ ] {ppl[-1].full}：{ch(g, ['更新话术', '整理同类问题数量', '下周会上汇报进展'])}",
              "", "以上内容由 AI 生成，仅供参考"]
    return "\n".join(lines)


@zh_t("客服日报")
def zh_daily(g, need, ex):
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    lines = [f"【日报】{dt.month}月{dt.day}日 {p.full}（{ch(g, ['线上客服', '热线组', '售后组', '电商客服'])}）", "",
             "今日完成：",
             f"1. 接待会话 {g.randint(30, 160)} 通，工单 {g.randint(3, 40)} 个",
             f"2. 回访 {g.randint(0, 15)} 位用户",
             "需协调：",
             ch(g, ["3. 有位用户反馈：", "3. 用户原话如下，需产品同学确认：", "3. 转述一条用户问题："]) + need]
    if ex.sent:
        lines.append(f"   （用户补充：{ex.sent}）")
    lines += ["明日计划：", f"1. 跟进{ch(g, ['遗留工单', '退换货申请', '差评回复'])}", "2. 参加话术培训",
              "", f"@{ZhPerson(g).full} 请查阅"]
    return "\n".join(lines)


@zh_t("售后维修单")
def zh_repair(g, need, ex):
    b, p, tech, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    lines = [f"{b.co} 售后服务单", f"单号：RMA{dt:%Y%m%d}{digits(g, 5)}    受理网点：{zh_city(g)[0]}{ch(g, ['服务中心', '授权维修点', '直营店'])}",
             f"客户：{p.masked}  电话：{p.masked_phone()}",
             f"产品：{b.product}", f"设备序列号：{zh_sn(g, b)}", f"固件版本：{zh_fw(g)}    App 版本：{zh_appver(g)}",
             f"购买日期：{zh_day(dt - timedelta(days=g.randint(20, 700)))}  保修状态：{ch(g, ['在保', '在保', '过保'])}",
             f"外观：{ch(g, ['完好', '轻微划痕', '底部磨损', '无明显损伤'])}    附件：{ch(g, ['电源适配器', '无', '原包装+电源'])}",
             "", f"客户描述：{zh_need(g, need, ex, lead=0, trail=0, tight=True)}", "",
             f"检测结果：{ch(g, ['待检测', '复现中', '未复现，已升级固件', '待工程师确认'])}",
             f"维修工程师：{tech.full}    受理时间：{zh_date(g, dt, 1)}",
             "客户签字：____________"]
    return "\n".join(lines)


@zh_t("门店巡检记录")
def zh_inspection(g, need, ex):
    b, sup, clerk, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    c, d = zh_city(g)
    lines = [f"{b.short}直营门店巡检记录表", f"门店：{c}{d}{ch(g, ['万达', '吾悦', '龙湖天街', '银泰', '万象汇'])}店    巡检人：{sup.full}（区域督导）",
             f"日期：{zh_day(dt)}    店长：{clerk.full}", "",
             f"1. 陈列：{ch(g, ['合格', '合格', '样机价签缺失'])}", f"2. 样机：{ch(g, ['全部在线', '1台离线', '合格'])}",
             f"3. 人员着装：{ch(g, ['合格', '合格', '1人未佩戴工牌'])}", "4. 顾客声音（现场记录）：",
             f"   顾客问店员：“{need}”"]
    if ex.sent:
        lines.append(f"   顾客还说：“{ex.sent}”")
    lines += [f"   店员回应：{ch(g, ['已解答', '未能解答，已登记', '引导扫码联系线上客服'])}",
              f"5. 整改项：{ch(g, ['无', '补齐价签', '加强产品培训'])}", f"评分：{g.randint(78, 100)}"]
    return "\n".join(lines)


@zh_t("App意见反馈含设备信息")
def zh_inapp(g, need, ex):
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    lines = [f"【意见反馈】{b.short}智能 App", f"反馈ID：{digits(g, 12)}    时间：{zh_date(g, dt, 1)}",
             f"用户：{p.masked_phone()}（UID {digits(g, 9)}）", f"反馈类型：{ch(g, ['功能建议', '使用问题', '其他', '设备问题'])}",
             f"反馈内容：{zh_need(g, need, ex, lead=0.05, trail=0.1, tight=True)}",
             f"联系方式：{ch(g, [p.masked_phone(), '未填写', 'QQ ' + p.qq])}",
             "—— 设备信息 ——", f"绑定设备：{b.product}    序列号：{zh_sn(g, b)}",
             f"固件：{zh_fw(g)}    App：{zh_appver(g)}（{ch(g, ['Android', 'iOS', 'HarmonyOS'])}）",
             f"手机：{ch(g, ZH_PHONE_BRANDS)}    网络：{ch(g, ['WiFi 2.4G', 'WiFi 5G', '4G', '5G'])}",
             f"附件：{ch(g, ['无', '截图1张', '截图2张', '日志已上传'])}"]
    return "\n".join(lines)


@zh_t("语音助手badcase标注表")
def zh_badcase(g, need, ex):
    no_quote(need, "\t")
    b, ann, dt = Brand(g), ZhPerson(g), rand_dt(g)
    hdr = ["日期", "设备", "query_id", "ASR文本", "NLU领域", "置信度", "问题类型", "标注人", "备注"]
    row = [f"{dt:%Y-%m-%d}", b.product, hexs(g, 16), need, ch(g, ["unknown", "chat", "fallback", "-"]),
           f"{g.uniform(0.05, 0.6):.2f}", ch(g, ["未识别意图", "误唤醒后指令", "答非所问", "待定"]), ann.full,
           ch(g, ["", "用户重复说了两次", "方言口音", "背景有电视声", "儿童声音"])]
    sep = ch(g, ["\t", " | "])
    if sep == " | " and "|" in need:
        raise Redraw()
    out = [f"{b.asst} bad case 周表（{ch(g, ZH_DEPTS)}）", sep.join(hdr), sep.join(row)]
    return "\n".join(out)


@zh_t("设备端对话日志")
def zh_device_log(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    t = dt
    ms = lambda x: f"{x:%Y-%m-%d %H:%M:%S}.{g.randint(0, 999):03d}"
    sid = hexs(g, 12)
    lines = [f"# {b.product} fw {zh_fw(g)} sn {zh_sn(g, b)}",
             f"[{ms(t)}][I][wakeup] keyword=\"{b.wake}\" score={g.uniform(0.6, 0.99):.2f} doa={g.randint(0, 359)}"]
    t = later(g, t, 1, 3)
    lines.append(f"[{ms(t)}][I][vad] speech_begin session={sid}")
    t = later(g, t, 1, 6)
    lines.append(f"[{ms(t)}][I][asr] session={sid} final=1 text={need}")
    lines.append(f"[{ms(t)}][W][nlu] session={sid} domain={ch(g, ['unknown', 'fallback', 'chat'])} conf={g.uniform(0.1, 0.5):.2f}")
    t = later(g, t, 1, 2)
    lines.append(f"[{ms(t)}][I][tts] session={sid} text=\"{ch(g, ['这个我还不太会，我会继续学习的', '抱歉，我没听清，请再说一遍', '我好像没理解你的意思'])}\"")
    if chance(g, 0.4):
        lines.append(f"[{ms(later(g, t, 2, 20))}][I][report] user_feedback=thumb_down uploaded=1")
    return "\n".join(lines)


@zh_t("小程序客服消息")
def zh_miniprogram(g, need, ex):
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    t = dt
    lines = [f"小程序「{b.short}服务」· 客服消息", f"用户 openid：o{alnum(g, 27, False)}", ""]
    lines.append(f"{t:%m-%d %H:%M} [用户进入客服会话] 来源页面：pages/{ch(g, ['device/detail', 'mine/index', 'order/list', 'home/index'])}")
    for w, txt in zh_turns(g, need, ex, p.given):
        t = later(g, t, 3, 400)
        lines.append(f"{t:%m-%d %H:%M} {'用户' if w == 'c' else '客服-' + a.given}：{txt}")
    t = later(g, t, 10, 600)
    lines.append(f"{t:%m-%d %H:%M} 客服-{a.given}：{zh_agent_line(g)}")
    lines.append(f"（会话将在 48 小时后关闭）")
    return "\n".join(lines)


@zh_t("短信上行回复")
def zh_sms(g, need, ex):
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    t0 = dt - timedelta(hours=g.randint(1, 60))
    lines = [f"短信平台 · 上行消息", f"下发：{zh_date(g, t0, 1)}",
             f"【{b.short}】尊敬的用户，您的{b.product}已完成{ch(g, ['售后检测', '固件升级', '寄修签收'])}，如有疑问请直接回复本短信。回T退订",
             "", f"上行：{zh_date(g, dt, 1)}  号码：{p.masked_phone()}",
             zh_need(g, need, ex, lead=0.05, trail=0.15, tight=True)]
    if chance(g, 0.4):
        lines += ["", f"自动回复：【{b.short}】已收到您的消息，客服将在工作时间内回电。"]
    return "\n".join(lines)


@zh_t("聚投诉")
def zh_jutousu(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    lines = [f"聚投诉 · 投诉编号 {digits(g, 8)}", f"[投诉对象] {b.co}",
             f"[投诉问题] {ch(g, ['售后服务', '产品质量', '其他', '客服态度'])}",
             f"[投诉要求] {ch(g, ['给个说法', '解决问题', '道歉', '退款'])}",
             f"[涉诉金额] {g.randint(99, 2999)}元", f"[投诉进度] {ch(g, ['已受理', '处理中', '商家已回复', '待分配'])}", "",
             f"{zh_nick(g)}  {zh_date(g, dt, 1)[:16]}",
             zh_need(g, need, ex, lead=0.2, trail=0.1)]
    if chance(g, 0.5):
        lines += ["", f"商家回复（{zh_date(g, later(g, dt, 86400, 86400 * 5), 0)}）：您好，已安排专人联系处理，请保持电话畅通。"]
    return "\n".join(lines)


@zh_t("京东售后申请")
def zh_jd_aftersale(g, need, ex):
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    lines = [f"服务单号：{digits(g, 10)}    申请时间：{zh_date(g, dt, 1)}",
             f"商品：{b.product}    订单号：{g.randint(2, 3)}{digits(g, 11)}",
             f"服务类型：{ch(g, ['维修', '换货', '退货', '其他'])}    商品返回方式：{ch(g, ['上门取件', '客户发货', '送至自提点'])}",
             f"申请凭据：{ch(g, ['有发票', '无发票', '有检测报告'])}    图片：{g.randint(0, 5)}张",
             f"问题描述：{zh_need(g, need, ex, lead=0, trail=0.1, tight=True)}",
             f"联系人：{p.masked}  {p.masked_phone()}",
             f"审核状态：{ch(g, ['待审核', '审核通过', '待用户补充'])}"]
    return "\n".join(lines)


@zh_t("QQ群聊天记录导出")
def zh_qq(g, need, ex):
    b, p, adm, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    gname = f"{b.short}{ch(g, ['内测交流群', '用户一群', '发烧友群', '体验官群'])}"
    pn = zh_nick(g)
    t = dt
    lines = [f"消息记录（此消息记录为文本格式，不支持重新导入）", "================================================================",
             f"消息分组:我的QQ群", "================================================================", f"消息对象:{gname}",
             "================================================================", ""]
    lines += [f"{t:%Y-%m-%d %H:%M:%S} {adm.full}-管理员({adm.qq})", f"新版本固件今晚推送，大家有问题在群里说～", ""]
    t = later(g, t, 300, 20000)
    for w, txt in zh_turns(g, need, ex, pn):
        t = later(g, t, 10, 400)
        if w == "c":
            lines += [f"{t:%Y-%m-%d %H:%M:%S} {pn}({p.qq})", txt, ""]
        else:
            lines += [f"{t:%Y-%m-%d %H:%M:%S} {adm.full}-管理员({adm.qq})", txt, ""]
    t = later(g, t, 10, 400)
    lines += [f"{t:%Y-%m-%d %H:%M:%S} {adm.full}-管理员({adm.qq})", f"@{pn} {ch(g, ['私聊我发下序列号', '收到，已记录', '我转给研发看看'])}"]
    return "\n".join(lines)


@zh_t("微信合并转发聊天记录")
def zh_merged(g, need, ex):
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    t = dt
    cn = ch(g, [p.full, zh_nick(g), p.call])
    lines = [f"{ch(g, [cn + '和' + a.full + '的聊天记录', '群聊的聊天记录'])}", "—————  " + f"{dt.year}-{dt.month:02d}-{dt.day:02d}  —————"]
    for w, txt in zh_turns(g, need, ex, p.given):
        t = later(g, t, 10, 600)
        lines += [f"{cn if w == 'c' else a.full}  {t:%H:%M}", txt]
    t = later(g, t, 10, 600)
    lines += [f"{a.full}  {t:%H:%M}", ch(g, ["我问一下公司", "稍等", "我帮你反馈下", "[表情]"])]
    top = ch(g, [f"{ZhPerson(g).full}：帮忙看下这个客户的问题👇", "转给售后群：", ""])
    return (top + "\n\n" if top else "") + "\n".join(lines)


@zh_t("客服质检记录")
def zh_qc(g, need, ex):
    b, p, a, qc, dt = Brand(g), ZhPerson(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    lines = [f"质检单号：QC{dt:%Y%m}{digits(g, 5)}    质检员：{qc.full}", f"被检坐席：{a.full}（{ch(g, ['热线一组', '在线二组', '售后组'])}）    会话时间：{zh_date(g, dt, 1)}",
             f"渠道：{ch(g, ['热线', '在线客服', '企业微信'])}    抽检方式：{ch(g, ['随机抽检', '差评触发', '长时长触发'])}", "",
             "【客户诉求（原话）】", need]
    if ex.sent:
        lines += [f"【客户其他表述】{ex.sent}"]
    lines += ["", "【评分项】", f"开场规范 {g.randint(8, 10)}/10  需求识别 {g.randint(10, 20)}/20  解决方案 {g.randint(15, 30)}/30",
              f"服务态度 {g.randint(15, 20)}/20  结束语 {g.randint(7, 10)}/10  系统记录 {g.randint(6, 10)}/10",
              f"【问题点】{ch(g, ['未复述客户问题', '解释过于专业', '无', '等待时间未告知'])}",
              f"【结论】{ch(g, ['合格', '良好', '需辅导'])}"]
    return "\n".join(lines)


@zh_t("用户访谈记录")
def zh_interview(g, need, ex):
    b, p, r, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    c = zh_city(g)[0]
    lines = [f"用户访谈记录 #{g.randint(1, 40):02d}", f"受访者：{p.masked}，{g.randint(22, 68)}岁，{c}，{ch(g, ['退休教师', '宝妈', '程序员', '个体户', '大学生', '公务员'])}",
             f"设备：{b.product}  使用时长：{ch(g, ['2个月', '半年', '1年多', '3周'])}", f"访谈人：{r.full}    时间：{zh_date(g, dt, 0)}", "",
             "Q：平时一般什么时候用？", f"A：{ch(g, ['早上起床和晚上睡前吧。', '做饭的时候用得多。', '孩子用得比我多。', '下班回家以后。'])}",
             "Q：有没有遇到什么不方便的地方？", f"A：{ch(g, ZH_FILLERS)}，{zh_need(g, need, ex, lead=0, trail=0, tight=True)}",
             "Q：还有别的想说的吗？", f"A：{ch(g, ['没了，总体还行。', '暂时就这些。', '希望越来越好用吧。'])}", "",
             f"观察：{ch(g, ['用户说话语速较快', '用户对设置界面不熟悉', '用户多次看向家人求助', '无'])}"]
    return "\n".join(lines)


@zh_t("众测体验报告")
def zh_zhongce(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    nick = zh_nick(g)
    lines = [f"【众测报告】{b.product} 深度体验 | 作者：{nick}", f"发布：{zh_date(g, dt, 0)}  阅读 {g.randint(200, 30000)}", "",
             "一、开箱", ch(g, ["包装简洁，配件齐全。", "外观比图片好看。", "做工还可以，没有异味。"]), "",
             "二、日常使用", ch(g, ["连接过程挺顺利。", "唤醒灵敏度还不错。", "音质中规中矩。"]), "",
             "三、遇到的问题", zh_need(g, need, ex, lead=0.2, trail=0.1), "",
             "四、总结", f"{ch(g, ['值得买', '看价格入手', '期待后续更新'])}，给 {g.randint(6, 9)} 分。",
             "", f"#众测 #{b.short} #智能家居"]
    return "\n".join(lines)


@zh_t("Teambition任务")
def zh_teambition(g, need, ex):
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    lines = [f"Teambition · {b.short}{ch(g, ['用户反馈看板', '售后问题跟踪', '语音体验优化'])} / {ch(g, ['待处理', '处理中', '待验证'])}",
             f"任务：{ch(g, ['用户反馈', '客诉跟进', '体验问题'])}-{g.randint(100, 9999)}",
             f"执行者：{a.full}    参与者：{ZhPerson(g).full}、{ZhPerson(g).full}",
             f"截止时间：{zh_date(g, later(g, dt, 86400, 86400 * 9), 0)}    优先级：{ch(g, ['普通', '紧急', '较低', '非常紧急'])}",
             f"标签：{ch(g, ['客服转入', '舆情', 'VIP', '内测'])}", "",
             "备注：", f"用户原话：{need}"]
    if ex.sent:
        lines.append(ex.sent)
    lines += ["", "动态", f"{p.full} 创建了任务 · {zh_date(g, dt, 2)}", f"{a.full} 认领了任务 · {zh_date(g, later(g, dt), 2)}"]
    return "\n".join(lines)


@zh_t("腾讯文档在线表格行")
def zh_txdoc(g, need, ex):
    no_quote(need, "\t")
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    hdr = ["序号", "日期", "渠道", "用户", "设备", "用户反馈", "负责人", "状态"]
    row = [str(g.randint(1, 900)), f"{dt.month}/{dt.day}", ch(g, ["热线", "电商", "公众号", "App"]), p.masked, b.product,
           zh_need(g, need, ex, lead=0, trail=0, tight=True), a.full, ch(g, ["待跟进", "已回复", "跟进中"])]
    return f"【腾讯文档】{b.short}用户反馈汇总{dt.year}（{ch(g, ['Q1', 'Q2', 'Q3', 'Q4'])}）\n" + "\t".join(hdr) + "\n" + "\t".join(row)


@zh_t("抖音直播间评论")
def zh_live(g, need, ex):
    b, dt = Brand(g), rand_dt(g)
    t = dt
    lines = [f"直播间评论导出 · {b.short}官方旗舰店 · {zh_day(dt)}", ""]
    for _ in range(g.randint(1, 3)):
        t = later(g, t, 2, 40)
        lines.append(f"{t:%H:%M:%S} {zh_nick(g)}（Lv{g.randint(1, 30)}）：{ch(g, ['来了来了', '主播好', '扣1', '👍👍', '上链接', '666'])}")
    t = later(g, t, 2, 40)
    lines.append(f"{t:%H:%M:%S} {zh_nick(g)}（Lv{g.randint(1, 30)}）：{zh_need(g, need, ex, lead=0, trail=0, tight=True)}")
    t = later(g, t, 2, 40)
    lines.append(f"{t:%H:%M:%S} 场控：{ch(g, ['问题的宝子找下方客服哦～', '这位家人稍等，主播马上解答', '已记录，会后客服联系您'])}")
    return "\n".join(lines)


@zh_t("经销商反馈邮件")
def zh_dealer_mail(g, need, ex):
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    dealer = ch(g, ZH_DEALERS)
    lines = [f"发件人：{p.full} <{p.personal_email(g)}>", f"收件人：{a.full} <{a.work_email(g, b.dom)}>",
             f"时间：{zh_date(g, dt, 5)}", f"主题：{dealer} {dt.month}月第{g.randint(1, 4)}周反馈", "",
             f"{a.sur}经理您好：", "",
             f"本周门店销售{b.short}产品{g.randint(3, 60)}台，退换{g.randint(0, 4)}台。",
             "顾客反馈较多的一条，顾客原话是：",
             f"“{need}”"]
    if ex.sent:
        lines.append(f"这位顾客还说“{ex.sent}”")
    lines += ["请帮忙看看怎么回复顾客。", "", ch(g, ["谢谢！", "辛苦！"]), zh_sig(g, p, org=dealer, role=ch(g, ['店长', '销售主管', '负责人', '售后']), style=ch(g, [1, 3, 4]))]
    return "\n".join(lines)


@zh_t("企业微信客户私聊")
def zh_wecom_private(g, need, ex):
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    t = dt
    lines = [f"企业微信 · 客户联系 · {p.full if chance(g, 0.5) else zh_nick(g)}",
             f"客户标签：{'、'.join(g.sample(['老客户', '已购' + b.product.split()[0], '高意向', '售后中', '家庭用户', '商用客户', '已加群'], 2))}",
             f"添加时间：{zh_date(g, dt - timedelta(days=g.randint(3, 400)), 0)}  来源：{ch(g, ['门店扫码', '包裹卡', '直播间', '公众号'])}", ""]
    for w, txt in zh_turns(g, need, ex, p.given):
        t = later(g, t, 10, 600)
        lines.append(f"[{t:%m-%d %H:%M}] {'客户' if w == 'c' else a.full}：{txt}")
    t = later(g, t, 10, 600)
    lines.append(f"[{t:%m-%d %H:%M}] {a.full}：{zh_agent_line(g)}")
    if chance(g, 0.4):
        lines.append(f"[{t:%m-%d %H:%M}] {a.full} 撤回了一条消息")
    return "\n".join(lines)


@zh_t("钉钉审批单")
def zh_approval(g, need, ex):
    b, p, a, boss, dt = Brand(g), ZhPerson(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    lines = [f"{a.full}提交的{ch(g, ['售后补偿审批', '特殊退换货审批', '上门服务申请', '补发配件申请'])}",
             f"审批编号：{dt:%Y%m%d}{digits(g, 6)}", f"所在部门：{ch(g, ZH_DEPTS)}",
             f"客户姓名：{p.masked}  联系电话：{p.masked_phone()}", f"产品：{b.product}  序列号：{zh_sn(g, b)}",
             f"申请事由：客户来电，原话“{need}”，{ch(g, ['已多次联系，申请特殊处理', '客户情绪较大，申请补偿', '需上门处理'])}。",
             f"金额：{ch(g, ['0', '50', '100', '200'])}元", "",
             "审批流程：", f"{a.full} 发起申请 · {zh_date(g, dt, 1)[:16]}",
             f"{boss.full} {ch(g, ['审批中', '已同意', '已同意（备注：尽快处理）'])}"]
    if ex.sent:
        lines.insert(6, f"客户补充：{ex.sent}")
    return "\n".join(lines)


@zh_t("官网在线客服访客信息")
def zh_web_visitor(g, need, ex):
    b, a, dt = Brand(g), ZhPerson(g), rand_dt(g)
    t = dt
    lines = [f"访客 #{digits(g, 6)}  地区：{zh_city(g)[0]}  IP：{g.randint(27, 223)}.{g.randint(0, 255)}.{g.randint(0, 255)}.{g.randint(1, 254)}",
             f"浏览器：{ch(g, ['Chrome 122', 'Edge 121', '微信内置浏览器', 'Safari', '360安全浏览器'])}  "
             f"来源：{ch(g, ['百度搜索', '直接访问', '微信', 'bing'])}  着陆页：https://www.{b.dom}/{ch(g, ['support', 'product', 'service', ''])}",
             f"访问次数：{g.randint(1, 9)}  本次停留：{g.randint(0, 30)}分钟", ""]
    for w, txt in zh_turns(g, need, ex):
        t = later(g, t, 5, 300)
        lines.append(f"{t:%H:%M:%S} {'访客' if w == 'c' else a.full}：{txt}")
    t = later(g, t, 5, 200)
    lines.append(f"{t:%H:%M:%S} {a.full}：{zh_agent_line(g)}")
    return "\n".join(lines)


@zh_t("智能客服JSON日志")
def zh_botjson(g, need, ex):
    no_quote(need)
    b, dt = Brand(g), rand_dt(g)
    t = dt
    msgs = [{"time": f"{t:%Y-%m-%d %H:%M:%S}", "from": "bot", "content": f"您好，我是{b.short}智能客服，请问有什么可以帮您？"}]
    for w, txt in zh_turns(g, need, ex):
        t = later(g, t, 3, 100)
        m = {"time": f"{t:%Y-%m-%d %H:%M:%S}", "from": "user" if w == "c" else "agent", "content": txt}
        if w == "c" and txt == need:
            m["match"] = {"faq_id": None, "score": round(g.uniform(0.1, 0.5), 2), "hit": False}
        msgs.append(m)
    t = later(g, t, 1, 3)
    msgs.append({"time": f"{t:%Y-%m-%d %H:%M:%S}", "from": "bot", "content": "抱歉，小助手没有理解您的问题，正在为您转接人工客服。"})
    obj = {"sessionId": hexs(g, 32), "channel": ch(g, ["app", "wechat", "web", "mini_program"]),
           "device": b.product, "messages": msgs, "transfer": True}
    return json.dumps(obj, ensure_ascii=False, indent=ch(g, [None, 2]))


@zh_t("富文本HTML残留")
def zh_html(g, need, ex):
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    g1 = ch(g, ZH_GREETS[:6]) or "您好，"
    body = zh_need(g, need, ex, lead=0.1, trail=0.2, tight=True)
    html = (f'<div style="font-family:微软雅黑;font-size:14px;">{g1}<br/>&nbsp;&nbsp;&nbsp;&nbsp;{body}</div>'
            f'<div><br/></div><div>{ch(g, ["谢谢", "麻烦了", "盼复"])}</div><div>{p.full}</div>'
            f'<div style="color:#999999;font-size:12px;"><br/>{ch(g, ["发自我的iPhone", "来自网易邮箱大师", "发自QQ邮箱"])}</div>')
    if chance(g, 0.5):
        html += (f'<blockquote style="border-left:2px solid #ccc;padding-left:8px">------------------&nbsp;原始邮件&nbsp;------------------<br/>'
                 f'发件人:&nbsp;"{b.short}客服"&lt;service@{b.dom}&gt;;<br/>发送时间:&nbsp;{zh_date(g, dt - timedelta(days=1), 5)}<br/>'
                 f'主题:&nbsp;您的工单已受理</blockquote>')
    return ch(g, ["", "content_html: ", f"[{zh_date(g, dt, 1)}] 工单正文（HTML）：\n"]) + html


@zh_t("飞书文档Markdown表格")
def zh_md(g, need, ex):
    no_quote(need, "|")
    b, p, a, dt = Brand(g), ZhPerson(g), ZhPerson(g), rand_dt(g)
    rows = [("工单号", f"#{g.randint(10000, 99999)}"), ("时间", zh_date(g, dt, 1)), ("渠道", ch(g, ["热线", "App", "电商", "公众号"])),
            ("用户", p.masked), ("设备", b.product), ("用户原话", zh_need(g, need, ex, lead=0, trail=0, tight=True)),
            ("负责人", f"@{a.full}"), ("状态", ch(g, ["待处理", "处理中", "待回访"]))]
    out = [ch(g, [f"## {dt.month}月{dt.day}日 升级问题", "### 交接记录", "**工单摘要**"]), "", "| 字段 | 内容 |", "| --- | --- |"]
    out += [f"| {k} | {v} |" for k, v in rows]
    if chance(g, 0.4):
        out += ["", f"> 请直接在表格里更新进度，不要在群里回复～ —— {a.full}"]
    return "\n".join(out)


@zh_t("转义JSON字符串日志")
def zh_escaped(g, need, ex):
    no_quote(need)
    b, p, dt = Brand(g), ZhPerson(g), rand_dt(g)
    body = "\n".join(x for x in [ch(g, ZH_GREETS[:6]), zh_need(g, need, ex), ch(g, ZH_CLOSERS), p.full] if x)
    esc = body.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return (f"{dt:%Y-%m-%d %H:%M:%S}.{digits(g, 3)} INFO [{ch(g, ['ticket-sync', 'mail-collector', 'cs-gateway'])}] "
            f"push ticket id={digits(g, 9)} body={{\"title\":\"{ch(g, ['用户来信', '新工单', '咨询'])}\",\"content\":\"{esc}\","
            f"\"device\":\"{b.product}\",\"source\":\"{ch(g, ['email', 'app', 'wechat'])}\"}}")


# ===========================================================================
# Rendering
# ===========================================================================

def line_endings(g, text):
    """About 10% of items: CRLF line endings, or flattened to one line."""
    r = g.random()
    if r < 0.05:
        return text.replace("\r\n", "\n").replace("\n", "\r\n")
    if r < 0.10:
        return re.sub(r"[ \t]*\n[ \t\n]*", " ", text).strip()
    return text


_DECKS = {"en": [], "zh": []}


def draw_template(g, lang):
    """Shuffled deck per language (refilled when empty), so small input sets
    still see every template about equally often."""
    deck = _DECKS[lang]
    if not deck:
        deck.extend(ZH_TEMPLATES if lang == "zh" else EN_TEMPLATES)
        g.shuffle(deck)
    return deck.pop()


def render(g, need, lang):
    ex = Extra(g, ZH_CONTEXT, ZH_CONTEXT_REPLIES, zh_fill) if lang == "zh" else \
        Extra(g, EN_CONTEXT, EN_CONTEXT_REPLIES, en_fill)
    for _ in range(MAX_ATTEMPTS):
        name, fn = draw_template(g, lang)
        try:
            text = fn(g, need, ex)
        except Redraw:
            continue
        text = line_endings(g, text.strip("\n"))
        if occurrences(text, need) == 1 and len(text) < MAX_CHARS:
            return name, text
    text = ("用户反馈：\n" if lang == "zh" else "Customer message:\n") + need
    if occurrences(text, need) != 1:
        text = need
    return "fallback", text


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inp", metavar="IN.jsonl")
    ap.add_argument("out", metavar="OUT.jsonl")
    ap.add_argument("--seed", type=int, required=True)
    args = ap.parse_args(argv)

    g = random.Random(args.seed)
    counts = {"en": Counter(), "zh": Counter()}
    with open(args.inp, encoding="utf-8") as fin, open(args.out, "w", encoding="utf-8") as fout:
        for raw in fin:
            if not raw.strip():
                continue
            obj = json.loads(raw)
            need = obj["text"]
            lang = "zh" if has_cjk(need) else "en"
            name, text = render(g, need, lang)
            assert occurrences(text, need) == 1, (name, need, text)
            assert len(text) < MAX_CHARS, (name, len(text))
            counts[lang][name] += 1
            obj["text"] = text
            fout.write(json.dumps(obj, ensure_ascii=False) + "\n")

    print(f"[{args.inp} -> {args.out}, seed {args.seed}]", file=sys.stderr)
    for lang in ("en", "zh"):
        if not counts[lang]:
            continue
        total = sum(counts[lang].values())
        print(f"{lang}: {total} items, {len(counts[lang])} templates used "
              f"(of {len(EN_TEMPLATES if lang == 'en' else ZH_TEMPLATES)})", file=sys.stderr)
        for name, n in sorted(counts[lang].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:6d}  {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
