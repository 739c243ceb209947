from django import template

from reports.home import staff_home

register = template.Library()


@register.inclusion_tag("admin/staff_home.html", takes_context=True)
def staff_home_lines(context):
    """The "Vandaag" section of the admin index, for the person signed in."""
    return {"lines": staff_home(context["request"].user)}
