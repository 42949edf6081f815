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

# The same version in German, rule by rule (issue 15: the rules are versioned per language).
DEFAULT_RULES_DE = {
    "own-work": {
        "title": "Nur eigene Fotos oder solche, die Sie teilen dürfen",
        "text": "Laden Sie Fotos hoch, die Sie selbst aufgenommen haben oder veröffentlichen "
        "dürfen. Nennen Sie die Urheber fremder Werke so, wie es deren Lizenz verlangt.",
        "examples": "Das Bild einer anderen Fotografin als eigenes erneut hochladen.",
    },
    "consent": {
        "title": "Achten Sie die Menschen auf Ihren Fotos",
        "text": "Veröffentlichen Sie keine intimen oder herabwürdigenden Bilder einer Person "
        "ohne deren Einwilligung, und entfernen Sie ein Foto, wenn eine abgebildete Person "
        "einen Anspruch darauf hat.",
        "examples": "Aufnahmen unter den Rock; Fotos aus Umkleidekabinen.",
    },
    "harassment": {
        "title": "Keine Belästigung und keine Drohungen",
        "text": "Bedrohen, verfolgen oder outen Sie niemanden und nehmen Sie niemanden "
        "wiederholt ins Visier – weder in Fotos noch in Kommentaren, Alben oder Profilen.",
        "examples": "Die Wohnadresse einer Person veröffentlichen; ein Kommentar, der mit "
        "Gewalt droht.",
    },
    "sensitive-label": {
        "title": "Sensible Fotos kennzeichnen",
        "text": "Fotos mit Nacktheit, schweren Verletzungen oder medizinischen Eingriffen "
        "müssen als sensibel gekennzeichnet sein, damit Betrachter selbst entscheiden können.",
        "examples": "Ein nicht gekennzeichnetes Foto einer Operation.",
    },
    "spam": {
        "title": "Kein Spam und keine Täuschung",
        "text": "Veröffentlichen Sie keine sich wiederholenden Werbeinhalte, kein gekauftes "
        "Engagement und keine Phishing-Links, und geben Sie sich nicht als jemand anderes aus.",
        "examples": "Hunderte gleichlautender Kommentare, die für einen Laden werben.",
    },
    "minors": {
        "title": "Minderjährige schützen",
        "text": "Veröffentlichen Sie niemals sexualisierte Bilder von Minderjährigen. Solche "
        "Inhalte werden entfernt, endgültig gelöscht und den Behörden gemeldet.",
        "examples": "",
    },
}
