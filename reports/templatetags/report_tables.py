from django import template

from reports.renderers import html_headers, html_rows

register = template.Library()
register.filter("html_rows", html_rows)
register.filter("html_headers", html_headers)
