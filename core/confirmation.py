"""The confirmation that destructive commands (a restore, a demo reset) ask before they act."""

from argparse import ArgumentParser


def add_confirmation_argument(parser: ArgumentParser) -> None:
    """`--yes` (or Django's usual `--noinput`) answers for scripts; `call_command(..., interactive=False)` too."""
    parser.add_argument(
        "--yes",
        "--noinput",
        "--no-input",
        action="store_false",
        dest="interactive",
        help="Niet om bevestiging vragen (voor scripts).",
    )


def confirmed(question: str) -> bool:
    """Whether the person typed "ja"; no terminal to answer on counts as no."""
    try:
        return input(f"{question} Typ 'ja' om door te gaan: ").strip().lower() == "ja"
    except EOFError:
        return False
