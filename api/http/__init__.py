"""The HTTP API and web page (SPEC §4): ``create_app`` in ``app.py`` is the uvicorn factory."""
