"""HTML from another service reduced to Candid's description text: plain text shown
with line breaks and escaped (templates/photos/_top.html), so a link keeps its address
as text ("label (https://…)") and every tag goes; entities are decoded once."""

from html.parser import HTMLParser

BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
HIDDEN = {"script", "style"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, int]] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        if tag in BREAKS and tag != "br" and self.parts:
            self.parts.append("\n")
        if tag == "br":
            self.parts.append("\n")
        if tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self.links.append((href, len(self.parts)))

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            if href.lower().startswith(SAFE_SCHEMES) and href != label:
                self.parts.append(f" ({href})" if label else href)
        elif tag in BREAKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data):
        if self.hidden:
            return
        if self.parts and self.parts[-1] == "\n" and data.startswith(("\n", "\r\n")):
            data = data.split("\n", 1)[1]  # "<br />\n": Flickr's typed line break, once
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    text = "".join(parser.parts).replace("\r\n", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    while "\n\n\n" in (joined := "\n".join(lines)):
        lines = joined.replace("\n\n\n", "\n\n").split("\n")
    text = "\n".join(lines).strip()
    return "".join(c for c in text if c == "\n" or c == "\t" or ord(c) >= 32)
