"""``python -m clerkdesk VERB …``: the command line (the window is ``python -m clerkdesk.ui``)."""

import sys

from .cli import main

sys.exit(main())
