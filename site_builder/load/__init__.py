"""Reading files into the content model, with the position of every value kept for errors."""
