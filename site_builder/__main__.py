"""`python -m site_builder` runs the CLI."""

import sys

from site_builder.commands.main import main

sys.exit(main())
