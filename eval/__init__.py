"""Quality evaluations: gold set, silver labels, search; run together by ``eval.run``."""
