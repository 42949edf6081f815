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
