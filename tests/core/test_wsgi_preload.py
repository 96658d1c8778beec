"""gunicorn preloads `vakmanschap.wsgi` in its master; the views must be imported there, so that
the forked workers share them instead of each importing them at its first request."""

import os
import subprocess
import sys

CHECK = "import sys, vakmanschap.wsgi; print('vakmanschap.skills.views' in sys.modules)"


def test_loading_the_wsgi_application_imports_every_view():
    env = {**os.environ, "VAKMANSCHAP_DEMO": "1", "DATABASE_URL": "sqlite:///:memory:"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True"
