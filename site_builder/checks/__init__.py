"""Rules over the whole loaded site: references, privacy, alt text, and the published output."""
