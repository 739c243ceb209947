from html import escape

from django import template
from django.utils.safestring import mark_safe

from reports.drilldown import linkable
from reports.registry import Figure
from reports.renderers import html_rows, table

register = template.Library()
register.filter("html_rows", html_rows)


@register.simple_tag(takes_context=True)
def table_rows(context, figure: Figure) -> str:
    """The table body; on a page that sets `cell_link` (figure -> cell URLs), each traceable number links
    to the records behind it. Documents (PDF, the HTML download) set none and stay as they are."""
    links = context.get("cell_link")
    cell_url = links(figure) if links else None
    if cell_url is None:
        return html_rows(figure)
    lines = []
    for index, (row, texts) in enumerate(zip(figure.rows, table(figure), strict=True)):
        cells = []
        for position, (column, text) in enumerate(zip(figure.columns, texts, strict=True)):
            url = cell_url(index, column.code) if linkable(figure, row, column) else None
            content = f'<a href="{escape(url)}">{escape(text)}</a>' if url else escape(text)
            cells.append(f"<td>{content}</td>" if position == 0 else f'<td class="number">{content}</td>')
        lines.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe("\n".join(lines))
