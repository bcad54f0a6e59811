"""Browser tests: the built sample site read in real Chromium (see conftest.py)."""
