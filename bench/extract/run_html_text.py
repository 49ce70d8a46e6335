#!/usr/bin/python3
"""html-text peer: extract_text() on the whole page, the library's default settings
(it keeps all visible text, so it is the "no boilerplate removal" baseline)."""
import html_text

import pyrunner

if __name__ == "__main__":
    # html-text takes str only, so the bytes are decoded first (inside the timed work).
    pyrunner.run(lambda data: html_text.extract_text(pyrunner.decode_html(data)))
