"""`python -m game` does what the `friendship-pass` command does."""

import sys

from game.cli import main

sys.exit(main())
