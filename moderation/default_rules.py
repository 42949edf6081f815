"""Version 1 of the community rules, installed by a data migration. Rules name conduct,
never viewpoints; each has examples, as DSA Art. 14(1) asks for clear, unambiguous terms."""

DEFAULT_RULES = [
    {
        "code": "own-work",
        "title": "Post only photos you took or may share",
        "text": "Upload photos you made yourself or have the right to publish. Credit others' "
        "work as its licence requires.",
        "examples": "Re-uploading another photographer's picture as your own.",
    },
    {
        "code": "consent",
        "title": "Respect the people in your photos",
        "text": "Do not post intimate or degrading images of a person without their consent, "
        "and remove a photo when a depicted person has a legal right to ask for it.",
        "examples": "Upskirt photos; photos taken in changing rooms.",
    },
    {
        "code": "harassment",
        "title": "No harassment or threats",
        "text": "Do not threaten, stalk, dox or repeatedly target a person, in photos, comments, "
        "albums or profiles.",
        "examples": "Posting someone's home address; a comment threatening violence.",
    },
    {
        "code": "sensitive-label",
        "title": "Label sensitive photos",
        "text": "Photos with nudity, graphic injury or medical procedures must be labelled as "
        "sensitive so viewers can choose.",
        "examples": "An unlabelled photo of surgery.",
    },
    {
        "code": "spam",
        "title": "No spam or deceptive practices",
        "text": "Do not post repetitive commercial content, fake engagement, phishing links or "
        "impersonate others.",
        "examples": "Hundreds of identical comments advertising a shop.",
    },
    {
        "code": "minors",
        "title": "Protect minors",
        "text": "Never post sexualised images of minors. Such content is removed, purged and "
        "reported to the authorities.",
        "examples": "",
    },
]
