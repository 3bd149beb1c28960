"""``python -m insomnia_factors``: the command line."""

import sys

from insomnia_factors.cli import main

sys.exit(main())
