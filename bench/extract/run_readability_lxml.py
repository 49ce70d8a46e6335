#!/usr/bin/python3
"""readability-lxml peer: Document(bytes).summary(), then block-aware text of the summary HTML.
readability-lxml decodes bytes itself (declared charset, else chardet)."""
import logging

import lxml.html
from readability import Document

import pyrunner


def extract(data: bytes) -> str:
    summary = Document(data).summary()
    return pyrunner.lxml_to_text(lxml.html.document_fromstring(summary)) if summary.strip() else ""


if __name__ == "__main__":
    logging.disable(logging.WARNING)  # it logs every candidate it rejects
    pyrunner.run(extract)
