"""Country and province names as supplier lists write them, beyond ISO's own names (data, not code).

Keys are folded as `countries.fold` does: case, accents, apostrophe forms, a leading
"the" and trailing dots or stars do not matter. Gathered from published lists, Open
Supply Hub's download names and its upload normaliser (without its swapped Congo
entries), and the World Bank's forms ("Korea, Rep."). XK is Kosovo's user-assigned code,
the one data publishers use.
"""

from __future__ import annotations

ALIASES: dict[str, str] = {
    # United States, United Kingdom
    "usa": "US", "u.s.a": "US", "u.s": "US", "united states of america": "US", "united states": "US",
    "uk": "GB", "u.k": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB",
    # China and its special regions; Taiwan
    "china mainland": "CN", "mainland china": "CN", "prc": "CN", "p.r.c": "CN", "p.r. china": "CN",
    "pr china": "CN", "china, people's republic of": "CN", "people's republic of china": "CN",
    "china pr": "CN", "p. r. china": "CN",
    "hong kong sar": "HK", "hong kong, china": "HK", "hong kong sar, china": "HK", "china, hong kong sar": "HK",
    "hongkong": "HK", "hong kong (sar)": "HK", "hong kong sar china": "HK", "china (hong kong)": "HK",
    "china (hong kong sar)": "HK", "china hong kong": "HK", "hong kong china": "HK", "china (macau)": "MO",
    "china (macao)": "MO", "china macau": "MO", "china macao": "MO", "macau china": "MO", "macao china": "MO",
    "macau": "MO", "macao sar": "MO", "macau sar": "MO", "macao sar, china": "MO", "china, macao sar": "MO",
    "macao sar china": "MO", "macau sar china": "MO", "macao, china": "MO", "macau, china": "MO",
    "taiwan": "TW", "chinese taipei": "TW", "taiwan, province of china": "TW", "taiwan (roc)": "TW",
    "taiwan roc": "TW", "china (taiwan province of china)": "TW", "taiwan, china": "TW", "china, taiwan": "TW",
    "taiwan region": "TW", "republic of china (taiwan)": "TW", "taiwan, roc": "TW", "roc": "TW", "r.o.c": "TW",
    "hk sar": "HK", "hksar": "HK",
    # Koreas
    "south korea": "KR", "korea, republic of": "KR", "republic of korea": "KR", "korea, rep": "KR",
    "korea, south": "KR", "korea (south)": "KR", "korea rep": "KR", "korea, republic of (south korea)": "KR",
    "north korea": "KP", "korea, dem. people's rep": "KP", "korea, dpr": "KP", "dprk": "KP",
    "korea (north)": "KP", "korea, north": "KP", "korea republic": "KR",
    # Europe
    "turkey": "TR", "turkiye": "TR", "czech republic": "CZ", "czechia": "CZ", "czech": "CZ",
    "moldova": "MD", "republic of moldova": "MD", "bosnia": "BA", "bosnia & herzegovina": "BA",
    "bosnia-herzegovina": "BA", "bosnia and herzegovina": "BA", "herzegovina": "BA",
    "kosovo": "XK", "republic of kosovo": "XK", "xk": "XK", "xkx": "XK",
    "russia": "RU", "macedonia": "MK", "macedonia (fyrom)": "MK", "fyrom": "MK", "north macedonia": "MK",
    "holland": "NL", "the netherlands": "NL", "deutschland": "DE", "italia": "IT", "espana": "ES",
    # Asia
    "vietnam": "VN", "viet nam": "VN", "laos": "LA", "lao pdr": "LA", "lao": "LA", "iran": "IR", "syria": "SY",
    "palestine": "PS", "west bank and gaza": "PS", "palestinian territories": "PS", "burma": "MM",
    "myanmar (burma)": "MM", "uae": "AE", "u.a.e": "AE", "brunei": "BN", "east timor": "TL", "ksa": "SA",
    # Africa and the Americas
    "congo (brazzaville)": "CG", "congo-brazzaville": "CG", "congo, rep": "CG", "republic of the congo": "CG",
    "congo (kinshasa)": "CD", "congo-kinshasa": "CD", "congo, dem. rep": "CD", "dr congo": "CD", "drc": "CD",
    "d.r. congo": "CD", "congo dr": "CD", "democratic republic of the congo": "CD",
    "congo, the democratic republic of the": "CD",
    "ivory coast": "CI", "cote d'ivoire": "CI", "swaziland": "SZ", "eswatini": "SZ", "cape verde": "CV",
    "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE", "democratic republic of congo": "CD",
    "sao tome": "ST", "sao tome & principe": "ST", "guinea (bissau)": "GW", "guinea, bissau": "GW",
    "micronesia": "FM", "vatican city": "VA", "vatican": "VA", "falkland islands": "FK", "saint martin": "MF",
    "sint maarten": "SX", "cocos islands": "CC", "british virgin islands": "VG", "us virgin islands": "VI",
    "u.s. virgin islands": "VI",
    # Names in Chinese script (simplified and traditional), as lists from China, Taiwan and
    # Hong Kong write them; Korean and Japanese where their script differs
    "中国": "CN", "中國": "CN", "中华人民共和国": "CN", "中華人民共和國": "CN", "中国大陆": "CN", "中國大陸": "CN",
    "中国内地": "CN", "台湾": "TW", "台灣": "TW", "臺灣": "TW", "中华民国": "TW", "中華民國": "TW", "香港": "HK",
    "中国香港": "HK", "中國香港": "HK", "澳门": "MO", "澳門": "MO", "越南": "VN", "印度尼西亚": "ID",
    "印度尼西亞": "ID", "印尼": "ID", "日本": "JP", "韩国": "KR", "韓國": "KR", "大韩民国": "KR", "大韓民國": "KR",
    "한국": "KR", "대한민국": "KR", "朝鲜": "KP", "北韩": "KP", "泰国": "TH", "泰國": "TH", "柬埔寨": "KH",
    "孟加拉国": "BD", "孟加拉國": "BD", "孟加拉": "BD", "印度": "IN", "巴基斯坦": "PK", "缅甸": "MM", "緬甸": "MM",
    "马来西亚": "MY", "馬來西亞": "MY", "菲律宾": "PH", "菲律賓": "PH", "斯里兰卡": "LK", "斯里蘭卡": "LK",
    "新加坡": "SG", "老挝": "LA", "寮國": "LA", "美国": "US", "美國": "US", "英国": "GB", "英國": "GB",
    "德国": "DE", "德國": "DE", "法国": "FR", "法國": "FR", "意大利": "IT", "義大利": "IT", "土耳其": "TR",
    "墨西哥": "MX", "埃及": "EG", "埃塞俄比亚": "ET", "ベトナム": "VN", "中華人民共和国": "CN",
    # Taiwan, Hong Kong and Macao as lists from the mainland write them ("中国台湾", "香港特别行政区")
    "中国台湾": "TW", "中國台灣": "TW", "中國臺灣": "TW", "台湾省": "TW", "台灣省": "TW", "中国台湾省": "TW",
    "香港特别行政区": "HK", "香港特別行政區": "HK", "中国香港特别行政区": "HK", "中華人民共和國香港特別行政區": "HK",
    "中华人民共和国香港特别行政区": "HK", "澳门特别行政区": "MO", "澳門特別行政區": "MO", "中国澳门": "MO",
    "中國澳門": "MO",
    # World Bank forms that the rules of `countries.resolve` (abbreviations, "X, Y" read as
    # "Y X", a trailing "The") do not reach
    "egypt, arab rep": "EG", "iran, islamic rep": "IR", "yemen, rep": "YE", "venezuela, rb": "VE",
    "micronesia, fed. sts": "FM", "macedonia, fyr": "MK",
}

# Codes that name a country only in a country column: the EU writes Greece EL (no ISO country has it), which
# in free text is a word ("El").
IN_A_COUNTRY_COLUMN: dict[str, str] = {"EL": "GR"}

# Names that stand for more than one country: an error listing these, never a guess.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "korea": ("KR", "KP"),
    "congo": ("CG", "CD"),
    "channel islands": ("GG", "JE"),
    "republic of china": ("CN", "TW"),
}

# Names to show where ISO's short name is an inverted official form ("Congo, The
# Democratic Republic of the") and pycountry has no common name; each reads back as its code.
PLAIN: dict[str, str] = {
    "XK": "Kosovo", "RU": "Russia", "CD": "DR Congo", "CG": "Republic of the Congo", "PS": "Palestine",
    "FM": "Micronesia", "VG": "British Virgin Islands", "VI": "US Virgin Islands", "VA": "Vatican City",
    "FK": "Falkland Islands", "MF": "Saint Martin", "SX": "Sint Maarten", "CC": "Cocos Islands",
    "KP": "North Korea", "KR": "South Korea", "TW": "Taiwan", "HK": "Hong Kong", "MO": "Macao",
}

# Subdivision names lists write that ISO's do not match once folded as `provinces._fold` does
# (qualifiers such as "Autonomous Region" or 省 dropped): English names, acronyms, and the
# names of China's provinces in Chinese script, simplified and traditional. ISO writes many
# in the local language (Jawa Barat, Krung Thep Maha Nakhon, Pulau Pinang), lists in English;
# a city-level subdivision written with "City" (Taipei City) is found without this table.
SUBDIVISIONS: dict[str, str] = {
    "bangkok": "TH-10", "bangkok metropolis": "TH-10", "ayutthaya": "TH-14", "pattaya": "TH-S",
    "ho chi minh city": "VN-SG", "hcmc": "VN-SG", "hcm": "VN-SG", "saigon": "VN-SG", "hanoi": "VN-HN",
    "dki jakarta": "ID-JK", "jakarta": "ID-JK", "di yogyakarta": "ID-YO", "west java": "ID-JB",
    "central java": "ID-JT", "east java": "ID-JI", "bangka belitung": "ID-BB", "bangka belitung islands": "ID-BB",
    "riau islands": "ID-KR", "west kalimantan": "ID-KB", "east kalimantan": "ID-KI", "south kalimantan": "ID-KS",
    "central kalimantan": "ID-KT", "north kalimantan": "ID-KU", "north sumatra": "ID-SU", "west sumatra": "ID-SB",
    "south sumatra": "ID-SS", "north sulawesi": "ID-SA", "south sulawesi": "ID-SN", "central sulawesi": "ID-ST",
    "southeast sulawesi": "ID-SG", "west sulawesi": "ID-SR", "west nusa tenggara": "ID-NB",
    "east nusa tenggara": "ID-NT", "north maluku": "ID-MU", "west papua": "ID-PB",
    "seoul": "KR-11", "busan": "KR-26", "daegu": "KR-27", "incheon": "KR-28", "gwangju": "KR-29",
    "daejeon": "KR-30", "ulsan": "KR-31", "gyeonggi": "KR-41", "gangwon": "KR-42", "gangwon-do": "KR-42",
    "north chungcheong": "KR-43", "south chungcheong": "KR-44", "north jeolla": "KR-45", "south jeolla": "KR-46",
    "north gyeongsang": "KR-47", "south gyeongsang": "KR-48", "jeju": "KR-49", "jeju-do": "KR-49",
    "seoul special city": "KR-11", "busan metropolitan city": "KR-26", "daegu metropolitan city": "KR-27",
    "incheon metropolitan city": "KR-28", "gwangju metropolitan city": "KR-29", "daejeon metropolitan city": "KR-30",
    "ulsan metropolitan city": "KR-31", "sejong": "KR-50", "sejong special self-governing city": "KR-50",
    "jeju special self-governing province": "KR-49",
    "chittagong": "BD-B", "barisal": "BD-A",
    "kuala lumpur": "MY-14", "labuan": "MY-15", "putrajaya": "MY-16", "penang": "MY-07", "pinang": "MY-07",
    "malacca": "MY-04",
    "mexico city": "MX-CMX", "cdmx": "MX-CMX", "distrito federal": "MX-CMX", "state of mexico": "MX-MEX",
    "estado de mexico": "MX-MEX", "coahuila": "MX-COA", "michoacan": "MX-MIC", "veracruz": "MX-VER",
    # Cambodia: the romanisations garment lists write, where ISO writes another (Kandaal, Kampong Spueu, Pousaat)
    "kandal": "KH-8", "kampong speu": "KH-5", "kompong speu": "KH-5", "pursat": "KH-15", "pouthisat": "KH-15",
    "kampong cham": "KH-3", "kompong cham": "KH-3", "kampong thom": "KH-6", "kompong thom": "KH-6",
    "kompong chhnang": "KH-4", "takeo": "KH-21", "svay rieng": "KH-20", "prey veng": "KH-14",
    "siem reap": "KH-17", "battambang": "KH-2", "banteay meanchey": "KH-1", "banteay mean chey": "KH-1",
    "koh kong": "KH-9", "kratie": "KH-10", "sihanoukville": "KH-18", "oddar meanchey": "KH-22", "kep": "KH-23",
    "stung treng": "KH-19", "ratanakiri": "KH-16", "mondulkiri": "KH-11",
    "trengganu": "MY-11", "johore": "MY-01",
    # English names of European states and provinces, where ISO writes the local one (Bayern, Steiermark)
    "bavaria": "DE-BY", "saxony": "DE-SN", "lower saxony": "DE-NI", "saxony-anhalt": "DE-ST",
    "thuringia": "DE-TH", "hesse": "DE-HE", "north rhine-westphalia": "DE-NW", "rhineland-palatinate": "DE-RP",
    "mecklenburg-western pomerania": "DE-MV", "mecklenburg-west pomerania": "DE-MV",
    "styria": "AT-6", "carinthia": "AT-2", "tyrol": "AT-7", "vienna": "AT-9", "upper austria": "AT-4",
    "lower austria": "AT-3",
    "antwerp": "BE-VAN", "flanders": "BE-VLG", "flemish region": "BE-VLG", "wallonia": "BE-WAL",
    "walloon region": "BE-WAL", "brussels": "BE-BRU", "brussels-capital region": "BE-BRU",
    "east flanders": "BE-VOV", "west flanders": "BE-VWV", "flemish brabant": "BE-VBR", "walloon brabant": "BE-WBR",
    "piedmont": "IT-21", "aosta valley": "IT-23", "lombardy": "IT-25", "tuscany": "IT-52", "apulia": "IT-75",
    "sicily": "IT-82", "sardinia": "IT-88", "friuli-venezia giulia": "IT-36", "trentino-south tyrol": "IT-32",
    "catalonia": "ES-CT", "andalusia": "ES-AN", "basque country": "ES-PV", "navarre": "ES-NC",
    "balearic islands": "ES-IB", "canary islands": "ES-CN", "castile and leon": "ES-CL",
    "castile-la mancha": "ES-CM", "valencian community": "ES-VC", "region of murcia": "ES-MC",
    "community of madrid": "ES-MD", "aragon": "ES-AR",
    "lisbon": "PT-11", "oporto": "PT-13", "azores": "PT-20", "madeira": "PT-30",
    "prague": "CZ-10", "south moravian region": "CZ-64", "central bohemian region": "CZ-20",
    "lower silesia": "PL-02", "lower silesian": "PL-02", "silesia": "PL-24", "silesian": "PL-24",
    "lesser poland": "PL-12", "greater poland": "PL-30", "masovia": "PL-14", "masovian": "PL-14",
    "pomerania": "PL-22", "pomeranian": "PL-22", "lodz": "PL-10", "west pomerania": "PL-32",
    "geneva": "CH-GE", "lucerne": "CH-LU", "bern": "CH-BE", "grisons": "CH-GR", "st. gallen": "CH-SG",
    "xuar": "CN-XJ", "inner mongolia": "CN-NM", "imar": "CN-NM", "tibet": "CN-XZ", "tar": "CN-XZ",
    "macau": "CN-MO",
    "北京": "CN-BJ", "天津": "CN-TJ", "河北": "CN-HE", "山西": "CN-SX", "内蒙古": "CN-NM", "內蒙古": "CN-NM",
    "辽宁": "CN-LN", "遼寧": "CN-LN", "吉林": "CN-JL", "黑龙江": "CN-HL", "黑龍江": "CN-HL", "上海": "CN-SH",
    "江苏": "CN-JS", "江蘇": "CN-JS", "浙江": "CN-ZJ", "安徽": "CN-AH", "福建": "CN-FJ", "江西": "CN-JX",
    "山东": "CN-SD", "山東": "CN-SD", "河南": "CN-HA", "湖北": "CN-HB", "湖南": "CN-HN", "广东": "CN-GD",
    "廣東": "CN-GD", "广西": "CN-GX", "廣西": "CN-GX", "海南": "CN-HI", "重庆": "CN-CQ", "重慶": "CN-CQ",
    "四川": "CN-SC", "贵州": "CN-GZ", "貴州": "CN-GZ", "云南": "CN-YN", "雲南": "CN-YN", "西藏": "CN-XZ",
    "陕西": "CN-SN", "陝西": "CN-SN", "甘肃": "CN-GS", "甘肅": "CN-GS", "青海": "CN-QH", "宁夏": "CN-NX",
    "寧夏": "CN-NX", "新疆": "CN-XJ", "台湾": "CN-TW", "臺灣": "CN-TW", "台灣": "CN-TW", "香港": "CN-HK",
    "澳门": "CN-MO", "澳門": "CN-MO",
}
