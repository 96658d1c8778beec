"""Skills engine core: plain Python, no Django. See docs/skills-engine.md."""
