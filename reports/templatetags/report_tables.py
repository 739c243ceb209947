from django import template

from reports.drilldown import linkable
from reports.registry import Column, Figure
from reports.renderers import html_headers, html_rows

register = template.Library()
register.filter("html_rows", html_rows)
register.filter("html_headers", html_headers)


@register.simple_tag(takes_context=True)
def table_rows(context, figure: Figure) -> str:
    """The table body; on a page that sets `cell_link` (figure -> cell URLs), each traceable number links
    to the records behind it. Documents (PDF, the HTML download) set none and stay as they are."""
    links = context.get("cell_link")
    cell_url = links(figure) if links else None
    if cell_url is None:
        return html_rows(figure)

    def link(index: int, column: Column) -> str | None:
        return cell_url(index, column.code) if linkable(figure, figure.rows[index], column) else None

    return html_rows(figure, link)


@register.simple_tag(takes_context=True)
def annex_for(context, figure: Figure):
    """The figure's annex when a PDF moved its long table there (reports.annexes); on a page, None."""
    return context.get("annexes", {}).get(id(figure))
