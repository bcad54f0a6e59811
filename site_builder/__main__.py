"""`python -m site_builder` runs the CLI."""

import sys

from site_builder.cli import main

sys.exit(main())
