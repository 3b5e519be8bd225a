"""`python -m graphcrm` runs the graphcrm command."""
from .cli import main

main()
