"""The web page: server-rendered Jinja2 templates (autoescaped), a stylesheet, no build step."""
