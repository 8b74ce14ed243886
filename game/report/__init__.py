"""Debrief reports for one game and class summaries for many (Markdown and self-contained HTML).

    debrief   gather(content, state) -> Debrief: everything one report shows
    summary   class_summary(content, paths) -> ClassSummary: what a class did, from many saves
    chart     inline SVG line chart and text sparklines
    markdown  debrief_markdown, class_markdown
    html      debrief_html, class_html
    load      reading saves for reports (forgiving: other decks are noted, not refused)
    commands  the `report` and `class-report` command bodies
"""

from game.report.debrief import Debrief, gather
from game.report.html import class_html, debrief_html
from game.report.markdown import class_markdown, debrief_markdown
from game.report.summary import ClassSummary, class_summary, summarise

__all__ = ["ClassSummary", "Debrief", "class_html", "class_markdown", "class_summary", "debrief_html",
           "debrief_markdown", "gather", "summarise"]
