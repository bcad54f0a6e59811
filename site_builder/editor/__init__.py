"""`site-builder edit`: a local web editor (Decap CMS) for one project's content/."""
