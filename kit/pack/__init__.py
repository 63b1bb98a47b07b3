"""``kit pack``: the curriculum as a static site that runs in the browser, with no server.

``sources`` pins and caches every file the pack ships, ``wheels`` makes the Pyodide lock file,
``release`` produces the graded sets as officials receive them, ``build`` runs Voici and
``fixes`` corrects its output; ``landing`` writes the first page.
"""
