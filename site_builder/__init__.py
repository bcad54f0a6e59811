"""Compile community stories and activity logs into a static site."""
