"""Compile stages that prepare what several pages use: photo derivatives, statistics."""
