"""Driving a page with the keyboard only, checking at every step that focus can be seen.

"Can be seen" (WCAG 2.4.7, and 1.4.11 for the indicator's contrast): the focused element
is not the page itself, lies in the viewport, and has an outline of at least 2 px or a
box-shadow ring whose colour has a contrast of at least 3:1 against the page background.
`main` is exempt: it takes focus only from the skip link, as the start of the content.
"""

import re

FOCUS = """target => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    is_target: target !== null && el === target,
    tag: el.tagName.toLowerCase(), id: el.id, classes: el.className || "",
    label: (el.getAttribute("aria-label") || el.innerText || el.name || "").trim().slice(0, 50),
    outline_style: style.outlineStyle, outline_width: parseFloat(style.outlineWidth) || 0,
    outline_color: style.outlineColor, box_shadow: style.boxShadow,
    page: getComputedStyle(document.body).backgroundColor,
    in_view: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
             && box.top < innerHeight && box.left < innerWidth,
  };
}"""


def focus_state(page, target=None) -> dict:
    return page.evaluate(FOCUS, target)


def assert_focus_visible(state: dict) -> None:
    where = f"{state['tag']}#{state['id']}.{state['classes']} “{state['label']}”"
    assert state["tag"] not in ("body", "html"), "focus was lost to the page"
    if state["tag"] == "main":
        return
    assert state["in_view"], f"focused {where} is not on screen"
    page_bg = rgb(state["page"])
    outline = (
        state["outline_style"] != "none"
        and state["outline_width"] >= 2
        and contrast(rgb(state["outline_color"]), page_bg) >= 3
    )
    ring = any(contrast(c, page_bg) >= 3 for c in rgbs(state["box_shadow"]))
    assert outline or ring, f"no visible focus indicator on {where}: {state}"


def tab(page, key: str = "Tab", target=None) -> dict:
    page.keyboard.press(key)
    state = focus_state(page, target)
    assert_focus_visible(state)
    return state


def tab_to(page, locator, limit: int = 80) -> None:
    """Presses Tab until the locator's element has focus, checking focus on each stop."""
    target = locator.element_handle()
    seen = []
    for _ in range(limit):
        state = tab(page, target=target)
        if state["is_target"]:
            return
        seen.append(f"{state['tag']} “{state['label']}”")
    raise AssertionError(f"Tab never reached {locator}; it went through: {seen}")


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def choose(page, select, value: str, limit: int = 40) -> None:
    """Picks an option of the focused <select> with the arrow keys."""
    assert is_focused(select)
    for _ in range(limit):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value!r} is not among the options of {select}")


def skip_to_main(page) -> None:
    """The first Tab stops on the skip link, shown and focused; Enter moves focus to main.

    A page reached by sending a form from a page whose address ends in #main (after the
    skip link) keeps that fragment: the browser starts Tab at main there already."""
    if page.url.endswith("#main"):
        return
    state = tab(page)
    assert "skip-link" in state["classes"], f"the first Tab went to {state}"
    page.keyboard.press("Enter")
    assert focus_state(page)["tag"] == "main"


def assert_error_announced(page, field, message: str) -> None:
    """The field is marked invalid and described by an element saying `message`, and that
    text sits in a live region (role=alert or aria-live), so it is read out."""
    described = field.evaluate(
        """el => {
          const owner = el.closest("fieldset[aria-describedby]") || el;
          const ids = (el.getAttribute("aria-describedby") || "") + " "
                    + (owner.getAttribute("aria-describedby") || "");
          return ids.split(/\\s+/).filter(Boolean)
                    .map(id => document.getElementById(id)).filter(Boolean)
                    .map(node => ({text: node.innerText,
                                   live: !!node.closest("[role=alert], [aria-live]")}));
        }"""
    )
    assert field.get_attribute("aria-invalid") == "true"
    assert any(message in d["text"] and d["live"] for d in described), (
        f"no live description saying {message!r}: {described}"
    )


def rgb(colour: str) -> tuple[float, float, float]:
    found = rgbs(colour)
    return found[0] if found else (255.0, 255.0, 255.0)


def rgbs(text: str) -> list[tuple[float, float, float]]:
    """Every opaque colour in a computed style value (rgb()/rgba() with alpha above 0)."""
    colours = []
    for match in re.finditer(r"rgba?\(([^)]*)\)", text or ""):
        parts = [float(p) for p in re.split(r"[,\s/]+", match.group(1).strip()) if p]
        if len(parts) == 3 or parts[3] > 0:
            colours.append(tuple(parts[:3]))
    return colours


def contrast(a, b) -> float:
    """WCAG contrast ratio of two sRGB colours."""

    def luminance(c):
        channels = [v / 255 for v in c]
        lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
