"""English as the portal speaks it: Belgian dates (dd/mm/yyyy, as every page and import writes them),
English numbers (1,234.56). Without this, Django's English writes m/d/Y in figure captions while
the pages read d/m/Y."""

from dyzo_portal.formats.nl.formats import (  # noqa: F401 (the Belgian dates, as Django reads them from this module)
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
    MONTH_DAY_FORMAT,
    NUMBER_GROUPING,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
    YEAR_MONTH_FORMAT,
)

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
