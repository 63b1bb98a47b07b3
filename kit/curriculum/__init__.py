"""The curriculum: module manifests (``manifest``), the lessons' landing page and server."""
