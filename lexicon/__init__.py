"""Vietnamese document vocabulary shared by extract and search, kept as commented data.

A bottom-level package: it imports nothing from the project, so every layer may import it.
"""
