"""Typesetting of the documents: templates, fonts, Chinese line breaking, amounts in words, handwriting, stamps."""
