"""What the demo members say about their photos: titles, descriptions, tags, albums,
comments and favourites, in the language each member writes (demo/community.py)."""

from typing import NamedTuple


class DemoPhoto(NamedTuple):
    owner: str
    key: str  # demo.photographs.PHOTOGRAPHS
    title: str
    description: str
    tags: str
    visibility: str = "public"


PHOTOS = [
    DemoPhoto(
        "alice",
        "hubble_deep_field",
        "Hubble eXtreme Deep Field",
        "Almost every speck of light in this picture is a galaxy, some of them seen as they "
        "were 13 billion years ago. Hubble looked at one tiny patch of sky for ten years.",
        "space hubble galaxies nasa",
    ),
    DemoPhoto(
        "alice",
        "rocket",
        "DSCOVR lifts off",
        "A Falcon 9 carries the DSCOVR space-weather satellite away from Cape Canaveral, "
        "February 2015. The steam cloud is the sound-suppression water boiling away.",
        "space rocket launch spacex",
    ),
    DemoPhoto(
        "alice",
        "astronaut",
        "Eileen Collins",
        "Official NASA portrait of Eileen Collins, the first woman to pilot and later to "
        "command a Space Shuttle.",
        "portrait space nasa",
    ),
    DemoPhoto(
        "alice",
        "coins",
        "Coins from Pompeii",
        "Greek coins found at Pompeii. Reference picture for a talk; not ready to share yet.",
        "coins history museum",
        "private",
    ),
    DemoPhoto(
        "bob",
        "camera",
        "Der Fotograf",
        "Ein Fotograf am Stativ, mitten auf der Wiese. Schwarzweiß, weil das Licht an dem Tag "
        "ohnehin keine Farbe hatte.",
        "schwarzweiß porträt kamera",
    ),
    DemoPhoto(
        "bob",
        "clock",
        "Zeit im Vorbeigehen",
        "Eine Wanduhr, fotografiert aus der Bewegung: die Kamera schwenkt, die Zeit verwischt.",
        "schwarzweiß uhr bewegungsunschärfe",
    ),
    DemoPhoto(
        "bob",
        "brick",
        "Backsteinmauer",
        "Alte Ziegel im Streiflicht. Jede Fuge erzählt von hundert Wintern.",
        "schwarzweiß textur architektur",
    ),
    DemoPhoto(
        "bob",
        "gravel",
        "Kies",
        "Kies auf dem Weg zum Atelier. Nur für Leute, die mir folgen: eine Serie in Arbeit.",
        "schwarzweiß textur",
        "followers",
    ),
    DemoPhoto(
        "carol",
        "chelsea",
        "Chelsea",
        "Chelsea hat beschlossen, dass das Sofa ihr gehört. Wir haben nicht widersprochen.",
        "katze haustier",
    ),
    DemoPhoto(
        "carol",
        "coffee",
        "Cappuccino",
        "Cappuccino mit Milchschaum-Herz im Pikolo Espresso Bar. Porzellan, Holz, Morgenlicht.",
        "kaffee café essen",
    ),
    DemoPhoto(
        "carol",
        "grass",
        "Gras nach dem Regen",
        "Ganz nah heran: Grashalme nach einem Sommerregen.",
        "makro natur gras",
    ),
]

# owner, title, description, photos (keys, in order)
ALBUMS = [
    (
        "alice",
        "Space, in the public domain",
        "Pictures that NASA and SpaceX gave to everyone.",
        ["hubble_deep_field", "rocket", "astronaut"],
    ),
    (
        "bob",
        "Schwarzweiß",
        "Meine liebsten Bilder ohne Farbe.",
        ["camera", "clock", "brick"],
    ),
    ("carol", "Katze & Kaffee", "Was morgens zählt.", ["chelsea", "coffee"]),
]

# author, photo, body
COMMENTS = [
    ("bob", "hubble_deep_field", "Unglaublich, dass das alles Galaxien sind."),
    ("alice", "hubble_deep_field", "Right? About 5,500 of them in that one frame."),
    ("carol", "rocket", "Der Dampf! Wie nah war die Kamera dran?"),
    ("alice", "rocket", "Remote cameras at the pad, triggered by the sound."),
    ("alice", "chelsea", "Chelsea looks like she owns the place."),
    ("carol", "chelsea", "Tut sie auch. Wir wohnen nur hier."),
    ("carol", "clock", "Schöne Idee, die Zeit so zu zeigen."),
    ("alice", "camera", "Classic. Love the tonal range."),
]

# member, photo
FAVOURITES = [
    ("carol", "hubble_deep_field"),
    ("bob", "hubble_deep_field"),
    ("carol", "rocket"),
    ("alice", "chelsea"),
    ("bob", "chelsea"),
    ("alice", "coffee"),
    ("carol", "camera"),
    ("alice", "clock"),
]

# What each photograph shows, for people who cannot see it (the photo's alt text), in both
# languages: a member's upload carries it in the language they write, Dmitri's reposts in
# English (demo/history.py).
ALT_TEXTS = {
    "hubble_deep_field": {
        "en": "Hundreds of tiny galaxies, red, yellow and white specks, scattered across a "
        "black sky.",
        "de": "Hunderte winziger Galaxien, rote, gelbe und weiße Punkte, verstreut über einen "
        "schwarzen Himmel.",
    },
    "rocket": {
        "en": "A white Falcon 9 rocket stands on its launch pad at dusk between lightning "
        "towers, lights glowing at its foot.",
        "de": "Eine weiße Falcon-9-Rakete steht in der Abenddämmerung zwischen Blitzschutztürmen "
        "auf der Startrampe, an ihrem Fuß leuchten Lampen.",
    },
    "astronaut": {
        "en": "Astronaut Eileen Collins in an orange spacesuit, smiling, a helmet in front of "
        "her, an American flag and a Space Shuttle model behind her.",
        "de": "Die Astronautin Eileen Collins im orangefarbenen Raumanzug, lächelnd, vor ihr "
        "ein Helm, hinter ihr eine amerikanische Flagge und ein Space-Shuttle-Modell.",
    },
    "coins": {
        "en": "Four rows of worn ancient coins on a dark background, black and white.",
        "de": "Vier Reihen abgegriffener antiker Münzen auf dunklem Grund, schwarzweiß.",
    },
    "camera": {
        "en": "Black-and-white photo of a man in a dark coat looking through a camera on a "
        "tripod, standing on a lawn, buildings in the distance.",
        "de": "Schwarzweißfoto eines Mannes im dunklen Mantel, der durch eine Kamera auf einem "
        "Stativ blickt; er steht auf einer Wiese, in der Ferne Gebäude.",
    },
    "clock": {
        "en": "A round clock on a grey wall, blurred sideways by the moving camera.",
        "de": "Eine runde Uhr an einer grauen Wand, durch die bewegte Kamera seitlich verwischt.",
    },
    "brick": {
        "en": "A wall of long, narrow bricks with light joints, black and white.",
        "de": "Eine Mauer aus langen, schmalen Ziegeln mit hellen Fugen, schwarzweiß.",
    },
    "gravel": {
        "en": "Close-up of grey gravel, small stones filling the whole picture.",
        "de": "Nahaufnahme von grauem Kies, kleine Steine füllen das ganze Bild.",
    },
    "chelsea": {
        "en": "Close-up of a tabby cat with yellow-green eyes, looking at the camera.",
        "de": "Nahaufnahme einer getigerten Katze mit gelbgrünen Augen, die in die Kamera blickt.",
    },
    "coffee": {
        "en": "An espresso in a red cup on a red saucer with a spoon, on a wooden table.",
        "de": "Ein Espresso in einer roten Tasse auf einer roten Untertasse mit Löffel, auf "
        "einem Holztisch.",
    },
    "grass": {
        "en": "Close-up of dry blades of grass, black and white.",
        "de": "Nahaufnahme trockener Grashalme, schwarzweiß.",
    },
}
