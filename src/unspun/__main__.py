"""``python -m unspun`` runs the command line, like the ``unspun`` script."""

from unspun.cli.main import run

run()
