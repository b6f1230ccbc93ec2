"""Reference data for demo listings: real US city centres and local price levels."""

from __future__ import annotations

# city, state, latitude, longitude, sale $/sqft, monthly rent $/sqft, zip prefix
CITIES: list[tuple[str, str, float, float, int, float, str]] = [
    ("New York", "NY", 40.7128, -74.0060, 1100, 4.6, "100"),
    ("Los Angeles", "CA", 34.0522, -118.2437, 850, 3.6, "900"),
    ("Chicago", "IL", 41.8781, -87.6298, 280, 2.1, "606"),
    ("Houston", "TX", 29.7604, -95.3698, 190, 1.4, "770"),
    ("Phoenix", "AZ", 33.4484, -112.0740, 290, 1.6, "850"),
    ("Philadelphia", "PA", 39.9526, -75.1652, 250, 1.9, "191"),
    ("San Antonio", "TX", 29.4241, -98.4936, 180, 1.3, "782"),
    ("San Diego", "CA", 32.7157, -117.1611, 780, 3.4, "921"),
    ("Dallas", "TX", 32.7767, -96.7970, 240, 1.7, "752"),
    ("Austin", "TX", 30.2672, -97.7431, 340, 2.0, "787"),
    ("Round Rock", "TX", 30.5083, -97.6789, 260, 1.6, "786"),
    ("Jacksonville", "FL", 30.3322, -81.6557, 230, 1.5, "322"),
    ("San Jose", "CA", 37.3382, -121.8863, 950, 3.8, "951"),
    ("Fort Worth", "TX", 32.7555, -97.3308, 200, 1.5, "761"),
    ("Columbus", "OH", 39.9612, -82.9988, 210, 1.4, "432"),
    ("Charlotte", "NC", 35.2271, -80.8431, 270, 1.6, "282"),
    ("Indianapolis", "IN", 39.7684, -86.1581, 170, 1.3, "462"),
    ("San Francisco", "CA", 37.7749, -122.4194, 1050, 4.4, "941"),
    ("Seattle", "WA", 47.6062, -122.3321, 600, 3.0, "981"),
    ("Denver", "CO", 39.7392, -104.9903, 450, 2.3, "802"),
    ("Washington", "DC", 38.9072, -77.0369, 560, 3.1, "200"),
    ("Nashville", "TN", 36.1627, -86.7816, 330, 1.9, "372"),
    ("Oklahoma City", "OK", 35.4676, -97.5164, 150, 1.1, "731"),
    ("El Paso", "TX", 31.7619, -106.4850, 140, 1.0, "799"),
    ("Boston", "MA", 42.3601, -71.0589, 800, 3.9, "021"),
    ("Portland", "OR", 45.5152, -122.6784, 420, 2.3, "972"),
    ("Las Vegas", "NV", 36.1699, -115.1398, 270, 1.6, "891"),
    ("Detroit", "MI", 42.3314, -83.0458, 90, 1.1, "482"),
    ("Memphis", "TN", 35.1495, -90.0490, 120, 1.1, "381"),
    ("Louisville", "KY", 38.2527, -85.7585, 160, 1.2, "402"),
    ("Baltimore", "MD", 39.2904, -76.6122, 180, 1.6, "212"),
    ("Milwaukee", "WI", 43.0389, -87.9065, 150, 1.3, "532"),
    ("Albuquerque", "NM", 35.0844, -106.6504, 200, 1.2, "871"),
    ("Tucson", "AZ", 32.2226, -110.9747, 220, 1.3, "857"),
    ("Fresno", "CA", 36.7378, -119.7871, 250, 1.5, "937"),
    ("Sacramento", "CA", 38.5816, -121.4944, 350, 2.0, "958"),
    ("Kansas City", "MO", 39.0997, -94.5786, 170, 1.3, "641"),
    ("Atlanta", "GA", 33.7490, -84.3880, 280, 1.8, "303"),
    ("Miami", "FL", 25.7617, -80.1918, 550, 3.0, "331"),
    ("Raleigh", "NC", 35.7796, -78.6382, 270, 1.6, "276"),
    ("Omaha", "NE", 41.2565, -95.9345, 160, 1.2, "681"),
    ("Minneapolis", "MN", 44.9778, -93.2650, 240, 1.7, "554"),
    ("Tampa", "FL", 27.9506, -82.4572, 320, 2.0, "336"),
    ("New Orleans", "LA", 29.9511, -90.0715, 200, 1.6, "701"),
    ("Cleveland", "OH", 41.4993, -81.6944, 110, 1.2, "441"),
    ("Honolulu", "HI", 21.3069, -157.8583, 750, 3.3, "968"),
    ("Salt Lake City", "UT", 40.7608, -111.8910, 380, 1.9, "841"),
    ("Pittsburgh", "PA", 40.4406, -79.9959, 150, 1.4, "152"),
    ("St. Louis", "MO", 38.6270, -90.1994, 140, 1.2, "631"),
    ("Orlando", "FL", 28.5383, -81.3792, 300, 1.9, "328"),
]

# type, weight, (min beds, max beds), (min sqft, max sqft), share for rent
TYPES = [
    ("house", 45, (2, 6), (1100, 4200), 0.10),
    ("apartment", 20, (0, 3), (450, 1400), 0.65),
    ("condo", 15, (1, 3), (600, 1800), 0.30),
    ("townhouse", 10, (2, 4), (1100, 2400), 0.20),
    ("land", 5, (0, 0), (5000, 400000), 0.0),
    ("commercial", 5, (0, 0), (1500, 20000), 0.25),
]

AMENITIES = [("parking", 0.55), ("air_conditioning", 0.6), ("garage", 0.4), ("garden", 0.3),
             ("pool", 0.18), ("gym", 0.15), ("fireplace", 0.2), ("balcony", 0.25),
             ("dishwasher", 0.5), ("laundry", 0.45), ("elevator", 0.1), ("pets_allowed", 0.3),
             ("solar", 0.06), ("doorman", 0.05), ("hardwood_floors", 0.35)]

ADJECTIVES = ["Sunny", "Spacious", "Charming", "Modern", "Renovated", "Cozy", "Bright",
              "Elegant", "Quiet", "Updated", "Classic", "Stylish", "Airy", "Inviting"]
STREETS = ["Oak", "Maple", "Cedar", "Pine", "Elm", "Lake", "Hill", "Park", "Washington",
           "Lincoln", "Sunset", "River", "Highland", "Meadow", "Willow", "Church", "Mill",
           "Spring", "Ridge", "Forest", "Main", "Broadway", "Chestnut", "Walnut", "Cherry"]
SUFFIXES = ["St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Way", "Pl", "Ter"]
FEATURES = ["open floor plan", "updated kitchen", "hardwood floors", "large backyard",
            "walk-in closets", "quiet cul-de-sac", "close to schools", "near public transit",
            "mountain views", "vaulted ceilings", "new roof", "quartz countertops",
            "walking distance to shops", "fenced yard", "energy efficient windows"]
FIRST = ["Ava", "Liam", "Mia", "Noah", "Emma", "Lucas", "Olivia", "Ethan", "Sofia", "Mason",
         "Isabella", "Logan", "Amelia", "Elijah", "Harper", "James", "Evelyn", "Benjamin"]
LAST = ["Smith", "Johnson", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Lopez",
        "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Lee", "Perez", "White"]
