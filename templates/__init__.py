"""Prose, vocabulary, the composer and the DOCX renderer."""
