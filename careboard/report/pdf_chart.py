"""The trend chart of a panel as a ReportLab drawing.

careboard.report.charts lays each chart out once, as a small SVG with nothing but straight paths,
circles and text; the HTML inlines it and this module redraws the very same elements with
reportlab.graphics, so both reports show the same axis, ticks, labels, gaps and "c" marks. Anything
outside that small vocabulary is refused by name rather than drawn wrongly.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from careboard.report.pdf_style import Fonts

PATH_STEP = re.compile(r"([MLHVhv])\s*([-\d.\s]*)")
ROTATE = re.compile(r"rotate\(\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\)")
ANCHORS = {"start", "middle", "end"}


def chart_drawing(svg: str, width: float, fonts: Fonts):
    """A Drawing ``width`` points wide of the chart ``svg`` (as made by charts.trend_svg)."""
    from reportlab.graphics.shapes import Drawing

    root = ET.fromstring(svg)
    if root.tag != "svg":
        raise ValueError(f"trend chart: expected an <svg> element, got <{root.tag}>")
    left, top, box_width, box_height = (float(part) for part in root.get("viewBox", "").split())
    if (left, top) != (0, 0):
        raise ValueError(f"trend chart: viewBox must start at 0 0, got {root.get('viewBox')!r}")
    scale = width / box_width
    canvas = _Canvas(scale, box_height, float(root.get("font-size", "10")), fonts)
    drawing = Drawing(width, box_height * scale)
    for element in root:
        shape = canvas.shape(element)
        if shape is not None:
            drawing.add(shape)
    return drawing


class _Canvas:
    """Turns SVG user units (y down) into drawing points (y up)."""

    def __init__(self, scale: float, height: float, font_size: float, fonts: Fonts):
        self.scale, self.height, self.font_size, self.fonts = scale, height, font_size, fonts

    def point(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale, (self.height - y) * self.scale

    def shape(self, element: ET.Element):
        if element.tag == "title":
            return None   # the screen-reader text; a PDF drawing has no place for it
        if element.tag == "path":
            return self.path(element)
        if element.tag == "circle":
            return self.circle(element)
        if element.tag == "text":
            return self.text(element)
        raise ValueError(f"trend chart: cannot draw SVG element <{element.tag}>")

    def path(self, element: ET.Element):
        from reportlab.graphics.shapes import Path
        from reportlab.lib.colors import HexColor

        if element.get("fill", "none") != "none":
            raise ValueError("trend chart: filled <path> is not supported")
        dash = element.get("stroke-dasharray")
        shape = Path(strokeColor=HexColor(element.get("stroke", "#000000")), fillColor=None,
                     strokeWidth=float(element.get("stroke-width", "1")) * self.scale,
                     strokeDashArray=[float(d) * self.scale for d in dash.split()] if dash else None,
                     strokeLineCap=0)
        x = y = 0.0
        for command, numbers in _steps(element.get("d", "")):
            if command in "ML":
                x, y = numbers
                (shape.moveTo if command == "M" else shape.lineTo)(*self.point(x, y))
                continue
            if command == "H":
                x = numbers[0]
            elif command == "h":
                x += numbers[0]
            elif command == "V":
                y = numbers[0]
            else:   # "v"
                y += numbers[0]
            shape.lineTo(*self.point(x, y))
        return shape

    def circle(self, element: ET.Element):
        from reportlab.graphics.shapes import Circle
        from reportlab.lib.colors import HexColor

        x, y = self.point(float(element.get("cx")), float(element.get("cy")))
        return Circle(x, y, float(element.get("r")) * self.scale, fillColor=HexColor(element.get("fill")),
                      strokeColor=None)

    def text(self, element: ET.Element):
        from reportlab.graphics.shapes import Group, String, mmult, rotate, translate
        from reportlab.lib.colors import HexColor

        anchor = element.get("text-anchor", "start")
        if anchor not in ANCHORS:
            raise ValueError(f"trend chart: unknown text-anchor {anchor!r}")
        font = (self.fonts.bold if element.get("font-weight") == "bold"
                else self.fonts.italic if element.get("font-style") == "italic" else self.fonts.regular)
        size = float(element.get("font-size", self.font_size)) * self.scale
        x, y = float(element.get("x")), float(element.get("y"))
        turn = 0.0
        transform = element.get("transform")
        if transform:
            match = ROTATE.fullmatch(transform.strip())
            if not match:
                raise ValueError(f"trend chart: unsupported text transform {transform!r}")
            turn, centre_x, centre_y = (float(part) for part in match.groups())
            x, y = _rotated(x, y, turn, centre_x, centre_y)
        px, py = self.point(x, y)
        string = String(0, 0, element.text or "", fontName=font, fontSize=size, fillColor=HexColor(element.get("fill")),
                        textAnchor=anchor)
        if not turn:
            string.x, string.y = px, py
            return string
        # SVG turns clockwise with y pointing down; the drawing's y points up, so the angle changes sign
        return Group(string, transform=mmult(translate(px, py), rotate(-turn)))


def _steps(d: str):
    """(command, numbers) pairs of a path's data, checked against what each command takes."""
    wanted = {"M": 2, "L": 2, "H": 1, "h": 1, "V": 1, "v": 1}
    consumed = 0
    for match in PATH_STEP.finditer(d):
        if match.start() != consumed:
            break
        consumed = match.end()
        command, numbers = match.group(1), [float(n) for n in match.group(2).split()]
        if len(numbers) != wanted[command]:
            raise ValueError(f"trend chart: path step {match.group().strip()!r} needs {wanted[command]} number(s)")
        yield command, numbers
    if consumed != len(d.rstrip()):
        raise ValueError(f"trend chart: unsupported path data at {d[consumed:consumed + 20]!r}")


def _rotated(x: float, y: float, degrees: float, centre_x: float, centre_y: float) -> tuple[float, float]:
    import math

    radians = math.radians(degrees)
    dx, dy = x - centre_x, y - centre_y
    return (centre_x + dx * math.cos(radians) - dy * math.sin(radians),
            centre_y + dx * math.sin(radians) + dy * math.cos(radians))
