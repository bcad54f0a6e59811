"""What the compile stages share: the compile context, the output tree and the page routes."""
