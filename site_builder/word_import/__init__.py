"""A Word document (.docx) made into a draft story: `site-builder import story`."""
