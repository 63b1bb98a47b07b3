"""Reports: the numbers built once, rendered as HTML, JSON and Excel, the checklist, the batch."""
