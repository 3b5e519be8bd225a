"""`python -m graphcrm` runs the graphcrm command."""
from graphcrm.cli import main

main()
