"""`site-builder edit`: a local web editor (Decap CMS) for one project's content/: the
editor's configuration from the content model, its protocol over content/, validated saves,
history, the staff start page."""
