"""Real Swiss, German and Austrian cities for the demo: coordinates, postal codes, phone area codes."""
from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    """A real city: where demo accounts and people sit."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    postal_codes: tuple[str, ...]
    lat: float
    lon: float
    area: str  # national trunk code without the leading 0
    lang: str  # the language most spoken there (ISO 639-1)
    weight: int  # how many demo records it attracts, roughly by economic weight


def _c(name, country, codes, lat, lon, area, lang, weight) -> City:
    return City(name, country, tuple(codes.split()), lat, lon, area, lang, weight)


CITIES: tuple[City, ...] = (
    # Switzerland
    _c("Zürich", "CH", "8001 8002 8004 8005 8008 8048 8050", 47.3769, 8.5417, "44", "de", 40),
    _c("Winterthur", "CH", "8400 8404 8406", 47.4988, 8.7237, "52", "de", 10),
    _c("Basel", "CH", "4051 4052 4053 4056 4057", 47.5596, 7.5886, "61", "de", 22),
    _c("Bern", "CH", "3011 3012 3013 3014 3018", 46.9480, 7.4474, "31", "de", 20),
    _c("Luzern", "CH", "6003 6004 6005", 47.0502, 8.3093, "41", "de", 12),
    _c("St. Gallen", "CH", "9000 9008 9014", 47.4245, 9.3767, "71", "de", 10),
    _c("Lausanne", "CH", "1003 1004 1005 1007", 46.5197, 6.6323, "21", "fr", 14),
    _c("Genève", "CH", "1201 1202 1204 1205 1207", 46.2044, 6.1432, "22", "fr", 18),
    _c("Lugano", "CH", "6900 6903", 46.0037, 8.9511, "91", "it", 8),
    _c("Zug", "CH", "6300 6302", 47.1662, 8.5155, "41", "de", 12),
    _c("Baar", "CH", "6340", 47.1963, 8.5295, "41", "de", 4),
    _c("Aarau", "CH", "5000 5004", 47.3925, 8.0444, "62", "de", 5),
    _c("Baden", "CH", "5400 5405", 47.4733, 8.3059, "56", "de", 6),
    _c("Olten", "CH", "4600", 47.3499, 7.9077, "62", "de", 4),
    _c("Solothurn", "CH", "4500", 47.2088, 7.5323, "32", "de", 4),
    _c("Biel/Bienne", "CH", "2502 2503", 47.1368, 7.2468, "32", "de", 5),
    _c("Thun", "CH", "3600", 46.7580, 7.6280, "33", "de", 4),
    _c("Chur", "CH", "7000", 46.8499, 9.5329, "81", "de", 4),
    _c("Schaffhausen", "CH", "8200", 47.6960, 8.6340, "52", "de", 4),
    _c("Fribourg", "CH", "1700", 46.8065, 7.1620, "26", "fr", 4),
    _c("Neuchâtel", "CH", "2000", 46.9900, 6.9293, "32", "fr", 4),
    _c("Sion", "CH", "1950", 46.2331, 7.3606, "27", "fr", 3),
    _c("Frauenfeld", "CH", "8500", 47.5536, 8.8987, "52", "de", 3),
    _c("Kreuzlingen", "CH", "8280", 47.6458, 9.1783, "71", "de", 2),
    _c("Wil SG", "CH", "9500", 47.4615, 9.0455, "71", "de", 2),
    _c("Rapperswil-Jona", "CH", "8640", 47.2266, 8.8184, "55", "de", 3),
    _c("Uster", "CH", "8610", 47.3470, 8.7200, "44", "de", 3),
    _c("Dübendorf", "CH", "8600", 47.3972, 8.6186, "44", "de", 3),
    _c("Schwyz", "CH", "6430", 47.0207, 8.6530, "41", "de", 2),
    _c("Bellinzona", "CH", "6500", 46.1946, 9.0244, "91", "it", 3),
    _c("Locarno", "CH", "6600", 46.1709, 8.7995, "91", "it", 2),
    _c("Montreux", "CH", "1820", 46.4312, 6.9107, "21", "fr", 2),
    _c("Yverdon-les-Bains", "CH", "1400", 46.7785, 6.6412, "24", "fr", 2),
    _c("Liestal", "CH", "4410", 47.4840, 7.7350, "61", "de", 2),
    _c("Langenthal", "CH", "4900", 47.2153, 7.7960, "62", "de", 2),
    _c("Burgdorf", "CH", "3400", 47.0590, 7.6280, "34", "de", 2),
    _c("Emmen", "CH", "6020", 47.0782, 8.2730, "41", "de", 2),
    _c("Davos", "CH", "7270", 46.8027, 9.8360, "81", "de", 1),
    _c("Wetzikon", "CH", "8620", 47.3260, 8.7978, "44", "de", 2),
    # Germany
    _c("München", "DE", "80331 80333 80335 80469", 48.1372, 11.5756, "89", "de", 12),
    _c("Berlin", "DE", "10115 10117 10178 10719", 52.5200, 13.4050, "30", "de", 12),
    _c("Hamburg", "DE", "20095 20097 20354", 53.5511, 9.9937, "40", "de", 8),
    _c("Frankfurt am Main", "DE", "60311 60313 60325", 50.1109, 8.6821, "69", "de", 9),
    _c("Stuttgart", "DE", "70173 70174 70178", 48.7758, 9.1829, "711", "de", 8),
    _c("Köln", "DE", "50667 50668 50672", 50.9375, 6.9603, "221", "de", 6),
    _c("Düsseldorf", "DE", "40210 40212 40213", 51.2277, 6.7735, "211", "de", 5),
    _c("Freiburg im Breisgau", "DE", "79098 79102", 47.9990, 7.8421, "761", "de", 5),
    _c("Konstanz", "DE", "78462 78464", 47.6603, 9.1758, "7531", "de", 3),
    _c("Karlsruhe", "DE", "76133 76135", 49.0069, 8.4037, "721", "de", 3),
    _c("Nürnberg", "DE", "90402 90403", 49.4521, 11.0767, "911", "de", 4),
    _c("Augsburg", "DE", "86150 86152", 48.3705, 10.8978, "821", "de", 2),
    _c("Leipzig", "DE", "04109 04103", 51.3397, 12.3731, "341", "de", 3),
    _c("Dresden", "DE", "01067 01069", 51.0504, 13.7373, "351", "de", 3),
    _c("Hannover", "DE", "30159 30161", 52.3759, 9.7320, "511", "de", 3),
    _c("Mannheim", "DE", "68159 68161", 49.4875, 8.4660, "621", "de", 3),
    _c("Ulm", "DE", "89073", 48.4011, 9.9876, "731", "de", 2),
    _c("Lörrach", "DE", "79539", 47.6156, 7.6614, "7621", "de", 2),
    _c("Heidelberg", "DE", "69117", 49.3988, 8.6724, "6221", "de", 2),
    _c("Friedrichshafen", "DE", "88045", 47.6500, 9.4800, "7541", "de", 2),
    _c("Regensburg", "DE", "93047", 49.0134, 12.1016, "941", "de", 2),
    _c("Bonn", "DE", "53111 53113", 50.7374, 7.0982, "228", "de", 2),
    # Austria
    _c("Wien", "AT", "1010 1030 1040 1070", 48.2082, 16.3738, "1", "de", 9),
    _c("Graz", "AT", "8010 8020", 47.0707, 15.4395, "316", "de", 3),
    _c("Linz", "AT", "4020", 48.3069, 14.2858, "732", "de", 3),
    _c("Salzburg", "AT", "5020", 47.8095, 13.0550, "662", "de", 3),
    _c("Innsbruck", "AT", "6020", 47.2692, 11.4041, "512", "de", 3),
    _c("Bregenz", "AT", "6900", 47.5031, 9.7471, "5574", "de", 2),
    _c("Dornbirn", "AT", "6850", 47.4125, 9.7417, "5572", "de", 2),
    _c("Feldkirch", "AT", "6800", 47.2370, 9.5980, "5522", "de", 1),
    _c("Klagenfurt", "AT", "9020", 46.6365, 14.3122, "463", "de", 1),
)
CITY_WEIGHTS = tuple(city.weight for city in CITIES)
COUNTRY_CODES = {"CH": "41", "DE": "49", "AT": "43"}
TLDS = {"CH": "ch", "DE": "de", "AT": "at"}
CURRENCIES = {"CH": "CHF", "DE": "EUR", "AT": "EUR"}
# Digits after the country code of a landline, so numbers have a real length for that country.
_NATIONAL_LENGTH = {"CH": 9, "DE": 10, "AT": 10}
_MOBILE_PREFIXES = {"CH": ("75", "76", "77", "78", "79"), "DE": ("151", "152", "157", "160", "176"),
                    "AT": ("650", "664", "676", "699")}
_MOBILE_LENGTH = {"CH": 9, "DE": 11, "AT": 10}


def pick_city(rng: random.Random) -> City:
    """Return a city drawn by economic weight."""
    return rng.choices(CITIES, weights=CITY_WEIGHTS)[0]


def jitter(rng: random.Random, city: City, km: float = 3.0) -> tuple[float, float]:
    """Return (lat, lon) within about `km` of the city centre, rounded like a geocoder would."""
    # One degree of latitude is ~111 km; longitude shrinks with latitude (~0.68 at 47°N).
    dlat = rng.uniform(-km, km) / 111.0
    dlon = rng.uniform(-km, km) / 76.0
    return round(city.lat + dlat, 6), round(city.lon + dlon, 6)


def landline(rng: random.Random, city: City) -> str:
    """Return an E.164 landline number in the city's area code."""
    rest = _NATIONAL_LENGTH[city.country] - len(city.area)
    # Vienna (area 1) has 7-digit subscriber numbers after the area code.
    if city.country == "AT" and city.area == "1":
        rest = 7
    if city.country == "AT" and len(city.area) == 4:
        rest = 5
    subscriber = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(rest - 1))
    return f"+{COUNTRY_CODES[city.country]}{city.area}{subscriber}"


def mobile(rng: random.Random, country: str) -> str:
    """Return an E.164 mobile number of the country."""
    prefix = rng.choice(_MOBILE_PREFIXES[country])
    rest = _MOBILE_LENGTH[country] - len(prefix)
    if country == "AT" and prefix == "699":
        rest += 1
    subscriber = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(rest - 1))
    return f"+{COUNTRY_CODES[country]}{prefix}{subscriber}"
