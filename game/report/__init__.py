"""Debrief reports for one game and class summaries for many (Markdown and self-contained HTML).

    load      saves -> replayed games (one per file; byte-identical copies listed; bad files listed)
    debrief   gather(game) -> Debrief: everything one report shows, from the engine's public queries
    talks     negotiations: transcripts, the deal's costs and gains, hot-seat answers against the AI
    summary   class_summary(content, paths) -> ClassSummary: what a class did, from many saves
    chart     inline SVG line chart and text sparklines
    markdown  debrief_markdown, class_markdown (terminal-safe)
    html      debrief_html; html_class: class_html
    commands  the `report` and `class-report` command bodies
"""

from game.report.debrief import Debrief, gather
from game.report.html import debrief_html
from game.report.html_class import class_html
from game.report.markdown import class_markdown, debrief_markdown
from game.report.summary import ClassSummary, class_summary, summarise

__all__ = ["ClassSummary", "Debrief", "class_html", "class_markdown", "class_summary", "debrief_html",
           "debrief_markdown", "gather", "summarise"]
