"""The curriculum: module manifests, the lessons landing page and serving the lessons."""
